import * as Y from 'yjs';
import type { RefusalReason, WriteRefusal } from '../../shared/collabProtocol.ts';
import { EDITOR_NODE_NAMES, MAX_QUALIFIER_CODE_LENGTH } from '../../shared/editorSchema.ts';
import { exhaustive } from '../../shared/exhaustive.ts';
import { QUALIFIERS_MAP } from '../../shared/qualifiers.ts';
import { encodeUpdate, type DecodedUpdate, type Range, type Struct } from './updateEncoding.ts';

/** What a document may hold, and which of its sections are locked (DESIGN §5: an agreed position is frozen). */
export interface DocumentRules {
  /** Root Y.XmlFragments: the sections of the case's assessment template. */
  sections: ReadonlySet<string>;
  /** Sections whose text and qualifier accept no change. */
  locked: ReadonlySet<string>;
}

export interface FilterResult {
  /** What may be stored and relayed: the update itself when nothing was refused. */
  update: Uint8Array;
  refusals: WriteRefusal[];
}

export type { DecodedUpdate };

/** What kind of type holds an item: it decides which content is allowed there. */
type Holder = 'section' | 'qualifiers' | 'element' | 'text' | 'other';

/**
 * Where an item lives: its root, the key under the root it descends from (a
 * qualifier's section), the type that holds it, and its own key in that type
 * (an attribute or map entry; null in a list).
 */
interface Home {
  root: string;
  key: string | null;
  holder: Holder;
  sub: string | null;
}

/**
 * - `ok`: stored as sent;
 * - `gc`: it lands in content already removed, so Yjs discards it anyway: stored as a GC range, no refusal;
 * - a refusal: stored as a GC range (the client's clock stays contiguous), and the sender is told.
 */
type Verdict = { kind: 'ok'; home: Home } | { kind: 'gc' } | { kind: 'refused'; reason: RefusalReason; section: string | null };

interface Pending {
  struct: Struct;
  verdict: Verdict | null;
}

/** One update's structs of one client, in clock order. */
type Segment = Pending[];

const GC_VERDICT: Verdict = { kind: 'gc' };

/**
 * Checks the updates of one write batch against a document before they are
 * stored (the relay's write-ahead path). Each item is placed where Yjs would
 * integrate it — by its parent, else by its left or right origin, found in the
 * document, in an earlier update of the batch, or earlier in the same update —
 * and refused when it would land in a locked section or is not what the editor
 * writes. A refused item is replaced by a GC range of the same length: the
 * sender's later updates still follow on without a gap, and every peer
 * integrates exactly what the server does. Deletions of locked content are
 * dropped. An update with nothing refused passes unchanged (the common case).
 */
export class UpdateFilter {
  /** This batch's structs per client: one segment per update, newest last. */
  private readonly pending = new Map<number, Segment[]>();
  private readonly rootKeys = new Map<Y.AbstractType<unknown>, string>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly rules: DocumentRules,
  ) {}

  filter(update: Uint8Array, decoded: DecodedUpdate): FilterResult {
    const entries = decoded.structs.map((struct): Pending => ({ struct, verdict: null }));
    this.index(entries);
    const refusals = new Refusals();
    let rewrite = false;
    for (const entry of entries) {
      const verdict = this.verdictOf(entry);
      if (verdict.kind === 'refused') refusals.add(verdict.reason, verdict.section);
      if (verdict.kind !== 'ok' && entry.struct instanceof Y.Item) rewrite = true;
    }
    const deletions = this.filterDeletions(decoded.ds, refusals);
    if (deletions.changed) rewrite = true;
    const kept = entries.map(({ struct, verdict }) => ({ struct, keep: !(struct instanceof Y.Item) || verdict?.kind === 'ok' }));
    return { update: rewrite ? encodeUpdate(kept, deletions.kept) : update, refusals: refusals.list() };
  }

  private index(entries: Pending[]): void {
    let segment: Segment | null = null;
    for (const entry of entries) {
      const client = entry.struct.id.client;
      if (!segment || segment[0]!.struct.id.client !== client) {
        segment = [];
        let segments = this.pending.get(client);
        if (!segments) this.pending.set(client, (segments = []));
        segments.push(segment);
      }
      segment.push(entry);
    }
  }

  /** The verdict of an item of this batch, deciding first what it depends on (iteratively: chains can be long). */
  private verdictOf(start: Pending): Verdict {
    const stack = [start];
    const onStack = new Set(stack);
    while (stack.length > 0) {
      const entry = stack[stack.length - 1]!;
      const undecided = entry.verdict ? null : this.undecidedDependency(entry);
      if (undecided && !onStack.has(undecided)) {
        stack.push(undecided);
        onStack.add(undecided);
        continue;
      }
      // A dependency still on the stack is a reference cycle: nothing an editor makes.
      entry.verdict ??= undecided ? { kind: 'refused', reason: 'invalid', section: null } : this.decide(entry.struct);
      stack.pop();
      onStack.delete(entry);
    }
    return start.verdict!;
  }

  private undecidedDependency(entry: Pending): Pending | null {
    const item = entry.struct;
    if (!(item instanceof Y.Item)) return null;
    for (const id of dependencies(item)) {
      const found = this.findPending(id);
      if (found && !found.verdict) return found;
    }
    return null;
  }

  private decide(struct: Struct): Verdict {
    if (!(struct instanceof Y.Item)) return GC_VERDICT;
    const placed = this.homeOf(struct);
    if (placed.kind !== 'ok') return placed;
    const { home } = placed;
    const locked = this.lockedSection(home);
    if (locked) return { kind: 'refused', reason: 'locked', section: locked };
    if (allowedIn(home, struct.content)) return placed;
    const section = home.root === QUALIFIERS_MAP ? home.key : home.root;
    return { kind: 'refused', reason: 'invalid', section: section !== null && this.rules.sections.has(section) ? section : null };
  }

  /** Where a new item lands, as Yjs's Item.getMissing decides it. */
  private homeOf(item: Y.Item): Verdict {
    const parent = item.parent;
    if (typeof parent === 'string') {
      return { kind: 'ok', home: { root: parent, key: item.parentSub, holder: this.rootHolder(parent), sub: item.parentSub } };
    }
    if (parent instanceof Y.ID) {
      const holder = this.find(parent);
      if (holder === null) return UNRESOLVED;
      return insideOf(holder, item.parentSub);
    }
    // No parent written: it is the parent of the left origin, else of the right one; next to removed content it is discarded.
    const left = item.origin ? this.find(item.origin) : null;
    const right = item.rightOrigin ? this.find(item.rightOrigin) : null;
    if ((item.origin && left === null) || (item.rightOrigin && right === null)) return UNRESOLVED;
    if (left?.kind === 'gc' || right?.kind === 'gc') return GC_VERDICT;
    const sibling = left ?? right;
    return sibling?.kind === 'ok' ? { kind: 'ok', home: sibling.home } : GC_VERDICT;
  }

  private rootHolder(root: string): Holder {
    if (this.rules.sections.has(root)) return 'section';
    return root === QUALIFIERS_MAP ? 'qualifiers' : 'other';
  }

  private lockedSection(home: Home): string | null {
    if (this.rules.locked.size === 0) return null;
    if (this.rules.locked.has(home.root)) return home.root;
    if (home.root === QUALIFIERS_MAP && home.key !== null && this.rules.locked.has(home.key)) return home.key;
    return null;
  }

  /** The struct holding `id`: in the document, or in this batch; null when neither has it. */
  private find(id: Y.ID): Found | null {
    const stored = this.findStored(id);
    if (stored) return stored;
    const entry = this.findPending(id);
    if (!entry || !entry.verdict) return null;
    if (entry.verdict.kind !== 'ok' || !(entry.struct instanceof Y.Item)) return { kind: 'gc' };
    return { kind: 'ok', item: entry.struct, home: entry.verdict.home };
  }

  private findStored(id: Y.ID): Found | null {
    const structs = this.doc.store.clients.get(id.client);
    if (!structs || id.clock >= Y.getState(this.doc.store, id.client)) return null;
    const struct = structs[Y.findIndexSS(structs, id.clock)]!;
    if (!(struct instanceof Y.Item)) return { kind: 'gc' };
    return { kind: 'ok', item: struct, home: this.homeOfStored(struct) };
  }

  private findPending(id: Y.ID): Pending | null {
    const list = this.pending.get(id.client);
    if (!list) return null;
    for (let i = list.length - 1; i >= 0; i--) {
      const entry = findInSegment(list[i]!, id.clock);
      if (entry && !(entry.struct instanceof Y.Skip)) return entry;
    }
    return null;
  }

  /** The home of an item the document already holds. */
  private homeOfStored(item: Y.Item): Home {
    const holderType = item.parent as Y.AbstractType<unknown>;
    let top = item;
    let type = holderType;
    while (type._item !== null) {
      top = type._item;
      type = top.parent as Y.AbstractType<unknown>;
    }
    const root = this.rootKey(type);
    const holder = holderType === type ? this.rootHolder(root) : holderOfType(holderType);
    return { root, key: top.parentSub, holder, sub: item.parentSub };
  }

  private rootKey(type: Y.AbstractType<unknown>): string {
    let key = this.rootKeys.get(type);
    if (key === undefined) {
      key = Y.findRootTypeKey(type);
      this.rootKeys.set(type, key);
    }
    return key;
  }

  /** Keeps the deletions that touch no locked content; deletions of content nobody holds are refused. */
  private filterDeletions(ds: DecodedUpdate['ds'], refusals: Refusals): { kept: Map<number, Range[]>; changed: boolean } {
    const kept = new Map<number, Range[]>();
    let changed = false;
    for (const [client, items] of ds.clients) {
      const ranges: Range[] = [];
      for (const { clock, len } of items) {
        for (const part of this.deletionParts(client, clock, len)) {
          if (part.refused) {
            refusals.add(part.refused.reason, part.refused.section);
            changed = true;
          } else ranges.push(part);
        }
      }
      if (ranges.length > 0) kept.set(client, ranges);
    }
    return { kept, changed };
  }

  /** Splits a deleted range by the structs it covers, each with what deleting it means. */
  private *deletionParts(client: number, clock: number, len: number): Generator<Range & { refused?: { reason: RefusalReason; section: string | null } }> {
    const end = clock + len;
    const stored = this.doc.store.clients.get(client);
    const storedEnd = stored ? Y.getState(this.doc.store, client) : 0;
    let at = clock;
    if (stored && at < storedEnd) {
      for (let i = Y.findIndexSS(stored, at); i < stored.length && at < end; i++) {
        const struct = stored[i]!;
        const partEnd = Math.min(end, struct.id.clock + struct.length);
        const locked = struct instanceof Y.Item ? this.lockedSection(this.homeOfStored(struct)) : null;
        yield { clock: at, len: partEnd - at, ...(locked ? { refused: { reason: 'locked' as const, section: locked } } : {}) };
        at = partEnd;
      }
    }
    while (at < end) {
      const entry = this.findPending(Y.createID(client, at));
      if (!entry) {
        yield { clock: at, len: end - at, refused: { reason: 'unresolved', section: null } };
        return;
      }
      const partEnd = Math.min(end, entry.struct.id.clock + entry.struct.length);
      // Deleting what this batch brings: refused items are GC ranges already; accepted ones are not locked.
      yield { clock: at, len: partEnd - at };
      at = partEnd;
    }
  }
}

type Found = { kind: 'ok'; item: Y.Item; home: Home } | { kind: 'gc' };

const UNRESOLVED: Verdict = { kind: 'refused', reason: 'unresolved', section: null };

/** The home of the children of a type item found in the document or the batch. */
function insideOf(found: Found, parentSub: string | null): Verdict {
  if (found.kind !== 'ok') return GC_VERDICT;
  const { content } = found.item;
  // A parent type whose content was garbage collected: Yjs discards the child.
  if (content instanceof Y.ContentDeleted) return GC_VERDICT;
  if (!(content instanceof Y.ContentType)) return { kind: 'refused', reason: 'invalid', section: null };
  return { kind: 'ok', home: { root: found.home.root, key: found.home.key, holder: holderOfType(content.type), sub: parentSub } };
}

/** Binary search of a segment (contiguous clocks, ascending) for the struct holding `clock`. */
function findInSegment(segment: Segment, clock: number): Pending | null {
  let low = 0;
  let high = segment.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const { struct } = segment[mid]!;
    if (clock < struct.id.clock) high = mid - 1;
    else if (clock >= struct.id.clock + struct.length) low = mid + 1;
    else return segment[mid]!;
  }
  return null;
}

/** The ids an item's place depends on. */
function dependencies(item: Y.Item): Y.ID[] {
  const ids: Y.ID[] = [];
  if (item.parent instanceof Y.ID) ids.push(item.parent);
  if (item.origin) ids.push(item.origin);
  if (item.rightOrigin) ids.push(item.rightOrigin);
  return ids;
}

function holderOfType(type: Y.AbstractType<unknown>): Holder {
  // XmlText extends Text and XmlElement extends XmlFragment: test the specific classes first.
  if (type instanceof Y.XmlText) return 'text';
  if (type instanceof Y.XmlElement) return 'element';
  return 'other';
}

/** Whether the content of a new item is what the editor writes in that place (shared/editorSchema.ts). */
function allowedIn(home: Home, content: Y.Item['content']): boolean {
  const parentSub = home.sub;
  if (content instanceof Y.ContentDeleted) return true;
  switch (home.holder) {
    case 'section':
      return parentSub === null && isEditorElement(content);
    case 'qualifiers':
      return parentSub !== null && content instanceof Y.ContentAny && content.arr.every(isQualifierValue);
    case 'element':
      if (parentSub !== null) return content instanceof Y.ContentAny;
      return isEditorElement(content) || (content instanceof Y.ContentType && content.type instanceof Y.XmlText);
    case 'text':
      if (parentSub !== null) return content instanceof Y.ContentAny;
      return content instanceof Y.ContentString || content instanceof Y.ContentFormat || content instanceof Y.ContentEmbed;
    case 'other':
      return false;
    default:
      return exhaustive(home.holder);
  }
}

function isEditorElement(content: Y.Item['content']): boolean {
  return (
    content instanceof Y.ContentType &&
    content.type instanceof Y.XmlElement &&
    !(content.type instanceof Y.XmlText) &&
    EDITOR_NODE_NAMES.has(content.type.nodeName)
  );
}

function isQualifierValue(value: unknown): boolean {
  return value === null || (typeof value === 'string' && value.length <= MAX_QUALIFIER_CODE_LENGTH);
}

/** Refusals merged by reason, each with the sections it concerns. */
class Refusals {
  private readonly byReason = new Map<RefusalReason, Set<string>>();

  add(reason: RefusalReason, section: string | null): void {
    let sections = this.byReason.get(reason);
    if (!sections) this.byReason.set(reason, (sections = new Set()));
    if (section) sections.add(section);
  }

  list(): WriteRefusal[] {
    return [...this.byReason].map(([reason, sections]) => ({ reason, sections: [...sections].sort() }));
  }
}

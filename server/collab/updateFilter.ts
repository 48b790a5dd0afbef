import * as Y from 'yjs';
import type { RefusalReason, WriteRefusal } from '../../shared/collabProtocol.ts';
import { BatchStructs, dependencies, GC_VERDICT, type Pending, type Verdict } from './batchStructs.ts';
import { allowedIn, holderOfType, lockedSection, rootHolder, sectionOf, type DocumentRules, type Home } from './editorContent.ts';
import { encodeUpdate, type DecodedUpdate, type Range, type Struct } from './updateEncoding.ts';

export interface FilterResult {
  /** What may be stored and relayed: the update itself when nothing was refused. */
  update: Uint8Array;
  refusals: WriteRefusal[];
}

export type { DecodedUpdate, DocumentRules };

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
  private readonly batch = new BatchStructs();
  private readonly rootKeys = new Map<Y.AbstractType<unknown>, string>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly rules: DocumentRules,
  ) {}

  filter(update: Uint8Array, decoded: DecodedUpdate): FilterResult {
    const entries = decoded.structs.map((struct): Pending => ({ struct, verdict: null }));
    this.batch.add(entries);
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
      const found = this.batch.find(id);
      if (found && !found.verdict) return found;
    }
    return null;
  }

  private decide(struct: Struct): Verdict {
    if (!(struct instanceof Y.Item)) return GC_VERDICT;
    const placed = this.homeOf(struct);
    if (placed.kind !== 'ok') return placed;
    const { home } = placed;
    const locked = lockedSection(this.rules, home);
    if (locked) return { kind: 'refused', reason: 'locked', section: locked };
    if (allowedIn(this.rules, home, struct.content)) return placed;
    return { kind: 'refused', reason: 'invalid', section: sectionOf(this.rules, home) };
  }

  /** Where a new item lands, as Yjs's Item.getMissing decides it. */
  private homeOf(item: Y.Item): Verdict {
    const parent = item.parent;
    if (typeof parent === 'string') {
      return { kind: 'ok', home: { root: parent, key: item.parentSub, holder: rootHolder(this.rules, parent), sub: item.parentSub } };
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

  /** The struct holding `id`: in the document, or in this batch; null when neither has it. */
  private find(id: Y.ID): Found | null {
    const stored = this.findStored(id);
    if (stored) return stored;
    const entry = this.batch.find(id);
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
    const holder = holderType === type ? rootHolder(this.rules, root) : holderOfType(holderType);
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
        const locked = struct instanceof Y.Item ? lockedSection(this.rules, this.homeOfStored(struct)) : null;
        yield { clock: at, len: partEnd - at, ...(locked ? { refused: { reason: 'locked' as const, section: locked } } : {}) };
        at = partEnd;
      }
    }
    while (at < end) {
      const entry = this.batch.find(Y.createID(client, at));
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

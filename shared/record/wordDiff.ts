import { diffWordsWithSpace } from 'diff';

/**
 * Word-level comparison of two versions of one section's text, for the
 * history view. Shared by server and browser, so it stays pure.
 */

export type DiffKind = 'same' | 'added' | 'removed';

export interface DiffPart {
  kind: DiffKind;
  text: string;
}

/** A qualifier that changed between two versions; codes as chosen ('2', '+2', '8'). */
export interface QualifierChange {
  from: string | null;
  to: string | null;
}

/** Whitespace inside one line: between two changes it belongs to the change, not to the text kept. */
const INLINE_SPACE = /^[^\S\n]+$/;

/**
 * The parts that turn `before` into `after`: joining the `same` and `removed`
 * texts gives `before`, joining `same` and `added` gives `after`, so newlines
 * and spacing survive exactly (diffWordsWithSpace, unlike diffWords, keeps a
 * changed run of blank lines). A replacement of several words reads as one
 * removed run followed by one added run instead of alternating word by word.
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const raw = diffWordsWithSpace(before, after).map((change): DiffPart => ({
    kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
    text: change.value,
  }));
  return mergeSame(groupChanges(raw));
}

/** True when two versions chose different qualifiers; null when the same (also both none). */
export function qualifierChange(before: string | null, after: string | null): QualifierChange | null {
  return before === after ? null : { from: before, to: after };
}

/** Consecutive changes between two unchanged parts. */
interface Run {
  removed: string;
  added: string;
}

type Item = DiffPart | Run;

const isRun = (item: Item | undefined): item is Run => item !== undefined && 'removed' in item;
const isReplacement = (item: Item | undefined): item is Run => isRun(item) && item.removed !== '' && item.added !== '';

/**
 * Collects each run of changes into one removed part and one added part (in
 * that order, as a reader compares them). Two replacements with only a space
 * between them become one: "Kan 4" -> "Mag 6" reads as one replaced phrase,
 * not as two words replaced around a kept space.
 */
function groupChanges(parts: DiffPart[]): DiffPart[] {
  const items = toItems(parts);
  const joined: Item[] = [];
  for (const [index, item] of items.entries()) {
    const previous = joined.at(-1);
    if (isRun(item) && isRun(previous)) {
      previous.removed += item.removed;
      previous.added += item.added;
    } else if (!isRun(item) && INLINE_SPACE.test(item.text) && isReplacement(previous) && isReplacement(items[index + 1])) {
      // The space is in both versions, so it goes to both sides and each still reads as written.
      previous.removed += item.text;
      previous.added += item.text;
    } else joined.push(isRun(item) ? { ...item } : item);
  }
  return joined.flatMap((item): DiffPart[] =>
    isRun(item)
      ? [...(item.removed ? [{ kind: 'removed' as const, text: item.removed }] : []), ...(item.added ? [{ kind: 'added' as const, text: item.added }] : [])]
      : [item],
  );
}

/** Unchanged parts as they are; each stretch of changes as one run. */
function toItems(parts: DiffPart[]): Item[] {
  const items: Item[] = [];
  for (const part of parts) {
    const last = items.at(-1);
    if (part.kind === 'same') items.push(part);
    else if (isRun(last)) last[part.kind] += part.text;
    else items.push({ removed: part.kind === 'removed' ? part.text : '', added: part.kind === 'added' ? part.text : '' });
  }
  return items;
}

/** Adjacent parts of one kind become one, so the view renders as few spans as it can. */
function mergeSame(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (const part of parts) {
    const last = out.at(-1);
    if (last && last.kind === part.kind) last.text += part.text;
    else out.push({ ...part });
  }
  return out;
}

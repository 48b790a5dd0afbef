import type * as Y from 'yjs';
import { MAX_NOT_ASSESSED_REASON_CHARS, NOT_ASSESSED_MAP, notAssessedOf, type NotAssessed } from '../../../shared/notAssessed.ts';
import type { CollabDoc } from './useCollabDoc.ts';
import { useRootMapEntry } from './useRootMapEntry.ts';

/** Every section's "niet beoordeeld" mark in one document (section id -> mark). */
export function notAssessedIn(doc: Y.Doc | undefined): Map<string, NotAssessed> {
  const result = new Map<string, NotAssessed>();
  if (!doc) return result;
  doc.getMap<unknown>(NOT_ASSESSED_MAP).forEach((value, key) => {
    const mark = notAssessedOf(value);
    if (mark) result.set(key, mark);
  });
  return result;
}

/**
 * One section's "niet beoordeeld" mark in one physician's document, live;
 * setting it (a reason, "" for none) or clearing it (null) writes the
 * document — the physician's own only. The section's text is left as it is.
 */
export function useNotAssessed(collab: CollabDoc | null, sectionId: string): [NotAssessed | null, (reason: string | null) => void] {
  const [value, set] = useRootMapEntry(collab, NOT_ASSESSED_MAP, sectionId, notAssessedOf);
  return [value, (reason) => set(reason === null ? null : reason.slice(0, MAX_NOT_ASSESSED_REASON_CHARS))];
}

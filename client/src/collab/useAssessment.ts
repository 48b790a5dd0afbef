import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import type { DocPart } from '../../../shared/docNames.ts';
import { QUALIFIERS_MAP } from '../../../shared/qualifiers.ts';
import type { NotAssessed } from '../../../shared/notAssessed.ts';
import type { CollabDoc } from './useCollabDoc.ts';
import { notAssessedIn } from './useNotAssessed.ts';
import { useRootMapEntry } from './useRootMapEntry.ts';

/** What the overview needs to know of each document: which sections hold text, and the qualifiers. */
export interface AssessmentSummary {
  filled: Record<DocPart, ReadonlySet<string>>;
  qualifiers: Record<'occupational' | 'insurance', ReadonlyMap<string, string>>;
  /** Sections each physician marked "niet beoordeeld", with the reason. */
  notAssessed: Record<'occupational' | 'insurance', ReadonlyMap<string, NotAssessed>>;
}

/** Recomputed at most this often while someone types. */
const REFRESH_MS = 150;

/** The summary of the documents, kept current while the component that shows it (the overview) is mounted. */
export function useAssessmentSummary(docs: Record<DocPart, CollabDoc | null>, sectionIds: readonly string[]): AssessmentSummary {
  const [summary, setSummary] = useState(() => summarize(docs, sectionIds));

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const compute = () => {
      timer = null;
      setSummary(summarize(docs, sectionIds));
    };
    const schedule = () => {
      timer ??= setTimeout(compute, REFRESH_MS);
    };
    compute();
    const watched = Object.values(docs).flatMap((collab) => (collab ? [collab.doc] : []));
    for (const doc of watched) doc.on('update', schedule);
    return () => {
      for (const doc of watched) doc.off('update', schedule);
      if (timer) clearTimeout(timer);
    };
  }, [docs, sectionIds]);

  return summary;
}

function summarize(docs: Record<DocPart, CollabDoc | null>, sectionIds: readonly string[]): AssessmentSummary {
  return {
    filled: {
      occupational: filledSections(docs.occupational?.doc, sectionIds),
      insurance: filledSections(docs.insurance?.doc, sectionIds),
      joint: filledSections(docs.joint?.doc, sectionIds),
    },
    qualifiers: { occupational: qualifiersOf(docs.occupational?.doc), insurance: qualifiersOf(docs.insurance?.doc) },
    notAssessed: { occupational: notAssessedIn(docs.occupational?.doc), insurance: notAssessedIn(docs.insurance?.doc) },
  };
}

/** A section counts as filled in when its position holds any text. */
export function filledSections(doc: Y.Doc | undefined, sectionIds: readonly string[]): Set<string> {
  const filled = new Set<string>();
  if (!doc) return filled;
  for (const id of sectionIds) if (doc.share.has(id) && hasText(doc.getXmlFragment(id))) filled.add(id);
  return filled;
}

function hasText(node: Y.XmlFragment | Y.XmlElement): boolean {
  for (const child of node.toArray()) {
    // Only what the editor writes counts; anything else an older store may hold is stepped over.
    if (child instanceof Y.XmlText ? textOf(child).trim() !== '' : child instanceof Y.XmlElement && hasText(child)) return true;
  }
  return false;
}

/** The characters of a text node, without its formatting (toString() would render marks as tags). */
function textOf(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[]).map(({ insert }) => (typeof insert === 'string' ? insert : '')).join('');
}

export function qualifiersOf(doc: Y.Doc | undefined): Map<string, string> {
  const result = new Map<string, string>();
  if (!doc) return result;
  doc.getMap<unknown>(QUALIFIERS_MAP).forEach((value, key) => {
    if (typeof value === 'string') result.set(key, value);
  });
  return result;
}

/** One qualifier of one document, live; setting it writes the document (own document only). */
export function useQualifier(collab: CollabDoc | null, sectionId: string): [string | null, (code: string | null) => void] {
  return useRootMapEntry(collab, QUALIFIERS_MAP, sectionId, storedCode);
}

const storedCode = (stored: unknown): string | null => (typeof stored === 'string' ? stored : null);

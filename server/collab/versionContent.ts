import * as Y from 'yjs';
import { DOC_PARTS, type DocPart } from '../../shared/docNames.ts';
import { NOT_ASSESSED_MAP, notAssessedOf, type NotAssessed } from '../../shared/notAssessed.ts';
import { QUALIFIERS_MAP } from '../../shared/qualifiers.ts';
import { partContent, type CaseContent, type PartContent } from '../../shared/record/types.ts';
import { sectionText } from '../../shared/workflow/sectionText.ts';

/**
 * The content of a version: each of the three stored states loaded into a
 * fresh document, and per section its plain text (as physicians sign it, see
 * sectionText), its qualifier code from the root `qualifiers` map and its
 * "niet beoordeeld" mark from the root `notAssessed` map. A
 * section missing from a document (never written, or added to the template
 * later) reads as empty text without a qualifier.
 */
export function versionContent(states: Readonly<Record<DocPart, Uint8Array>>, sectionIds: readonly string[]): CaseContent {
  const docs = DOC_PARTS.map((part) => [part, loadDoc(states[part])] as const);
  try {
    const parts = Object.fromEntries(docs) as Record<DocPart, Y.Doc>;
    const content: CaseContent = {};
    for (const sectionId of sectionIds) {
      content[sectionId] = {
        occupational: partOf(parts.occupational, sectionId),
        insurance: partOf(parts.insurance, sectionId),
        joint: partOf(parts.joint, sectionId),
      };
    }
    return content;
  } finally {
    for (const [, doc] of docs) doc.destroy();
  }
}

function loadDoc(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

/** One document's part of a section: its text, qualifier and "niet beoordeeld" mark; also what the live documents are read with (documentReader.ts). */
export function partOf(doc: Y.Doc, sectionId: string): PartContent {
  return partContent(sectionText(doc, sectionId), qualifierOf(doc, sectionId), notAssessedIn(doc, sectionId));
}

/** The section's "niet beoordeeld" mark; null when it is not marked (the joint document never holds one). */
function notAssessedIn(doc: Y.Doc, sectionId: string): NotAssessed | null {
  if (!doc.share.has(NOT_ASSESSED_MAP)) return null;
  return notAssessedOf(doc.getMap(NOT_ASSESSED_MAP).get(sectionId));
}

/** The section's qualifier code; null when none is chosen or the stored value is not a string. */
function qualifierOf(doc: Y.Doc, sectionId: string): string | null {
  if (!doc.share.has(QUALIFIERS_MAP)) return null;
  const code: unknown = doc.getMap(QUALIFIERS_MAP).get(sectionId);
  return typeof code === 'string' ? code : null;
}

import type * as Y from 'yjs';
import { sectionText } from '../../shared/workflow/sectionText.ts';
import type { DraftSnapshot } from '../../shared/workflow/types.ts';
import { sha256 } from './eventChain.ts';

export { sectionText };

/**
 * The joint draft of a section: its text, and a hash of its full content
 * (formatting included), so that a signature covers exactly what was proposed.
 */
export function draftSnapshot(doc: Y.Doc, sectionId: string): DraftSnapshot {
  const content = doc.share.has(sectionId) ? doc.getXmlFragment(sectionId).toString() : '';
  return { text: sectionText(doc, sectionId), hash: sha256(content) };
}

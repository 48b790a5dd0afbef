import { useEffect, useState } from 'react';
import { sectionText } from '../../../shared/workflow/sectionText.ts';
import type { CollabDoc } from './useCollabDoc.ts';

/** A section's text in a document, live; null until the document is there. */
export function useSectionText(collab: CollabDoc | null, sectionId: string): string | null {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    if (!collab) return;
    const { doc } = collab;
    const read = () => setText(sectionText(doc, sectionId));
    read();
    // The section's fragment may not exist yet; any update of the document may create it.
    doc.on('update', read);
    return () => doc.off('update', read);
  }, [collab, sectionId]);
  return collab ? text : null;
}

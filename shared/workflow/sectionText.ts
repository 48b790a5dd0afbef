import * as Y from 'yjs';

/**
 * Plain text of a section as stored in a document: paragraphs on their own
 * lines, list items with a bullet. What physicians sign and what is
 * snapshotted; the browser renders a draft the same way to show what changed
 * since a proposal. Anything in the section that the editor does not write
 * (the relay refuses it, but an older store may hold it) is stepped over.
 */
export function sectionText(doc: Y.Doc, sectionId: string): string {
  if (!doc.share.has(sectionId)) return '';
  return blocks(doc.getXmlFragment(sectionId)).join('\n').trim();
}

/** Whether a section holds only what the editor writes at its top level: elements (see shared/editorSchema.ts). */
export function isEditorShaped(fragment: Y.XmlFragment): boolean {
  return fragment.toArray().every((child) => child instanceof Y.XmlElement && !(child instanceof Y.XmlText));
}

function blocks(node: Y.XmlFragment | Y.XmlElement, bullet = ''): string[] {
  const lines: string[] = [];
  for (const child of node.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    if (child.nodeName === 'listItem') lines.push(...blocks(child, '• ').map((line, i) => (i === 0 ? line : `  ${line}`)));
    else if (child.nodeName === 'bulletList' || child.nodeName === 'orderedList') lines.push(...blocks(child));
    else lines.push(`${bullet}${inlineText(child)}`);
  }
  return lines;
}

function inlineText(element: Y.XmlElement): string {
  return element
    .toArray()
    .map((child) =>
      child instanceof Y.XmlText ? (child.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('') : '',
    )
    .join('');
}

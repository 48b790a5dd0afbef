import * as Y from 'yjs';

/**
 * Plain text of a section as stored in a document: paragraphs on their own
 * lines, list items with a bullet. What physicians sign and what is
 * snapshotted; the browser renders a draft the same way to show what changed
 * since a proposal.
 */
export function sectionText(doc: Y.Doc, sectionId: string): string {
  if (!doc.share.has(sectionId)) return '';
  return blocks(doc.getXmlFragment(sectionId)).join('\n').trim();
}

function blocks(node: Y.XmlFragment | Y.XmlElement, bullet = ''): string[] {
  const lines: string[] = [];
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) continue;
    const element = child as Y.XmlElement;
    if (element.nodeName === 'listItem') lines.push(...blocks(element, '• ').map((line, i) => (i === 0 ? line : `  ${line}`)));
    else if (element.nodeName === 'bulletList' || element.nodeName === 'orderedList') lines.push(...blocks(element));
    else lines.push(`${bullet}${inlineText(element)}`);
  }
  return lines;
}

function inlineText(element: Y.XmlElement): string {
  return element
    .toArray()
    .map((child) => (child instanceof Y.XmlText ? (child.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('') : ''))
    .join('');
}

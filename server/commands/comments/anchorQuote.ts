import * as Y from 'yjs';
import { quoteOf } from '../../../shared/comments.ts';

/** Stands for a non-text embed in a text, so that offsets stay right; never part of a quote. */
const EMBED = '\uFFFC';

/**
 * The text between two positions in a section, as a thread quotes it: the
 * server's own reading of the anchor, so that a quote can never say what the
 * text does not. Paragraphs (and line breaks) become new lines, as in the
 * browser's quote. Empty when the positions are the same or the wrong way round.
 */
export function quoteBetween(fragment: Y.XmlFragment, start: Y.AbsolutePosition, end: Y.AbsolutePosition): string {
  const flat = flatten(fragment);
  const from = flat.offsetOf(start);
  const to = flat.offsetOf(end);
  if (from === null || to === null || from >= to) return '';
  return quoteOf(flat.text.slice(from, to).replaceAll(EMBED, ''));
}

interface FlatText {
  text: string;
  offsetOf(position: Y.AbsolutePosition): number | null;
}

/**
 * The section's text in document order, and where each position falls in it.
 * A position in a text counts characters; one in an element (or the section)
 * counts children, so each element records the offset before each child.
 */
function flatten(fragment: Y.XmlFragment): FlatText {
  let text = '';
  const textStarts = new Map<object, number>();
  const childOffsets = new Map<object, number[]>();
  const visit = (node: Y.XmlFragment | Y.XmlElement) => {
    const offsets: number[] = [];
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlElement && text !== '' && !text.endsWith('\n')) text += '\n';
      offsets.push(text.length);
      if (child instanceof Y.XmlText) {
        textStarts.set(child, text.length);
        text += plainText(child);
      } else if (child instanceof Y.XmlElement) {
        visit(child);
      }
    }
    offsets.push(text.length);
    childOffsets.set(node, offsets);
  };
  visit(fragment);
  return {
    text,
    offsetOf(position) {
      const textStart = textStarts.get(position.type);
      if (textStart !== undefined) return textStart + position.index;
      return childOffsets.get(position.type)?.[position.index] ?? null;
    },
  };
}

function plainText(node: Y.XmlText): string {
  return (node.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : EMBED)).join('');
}

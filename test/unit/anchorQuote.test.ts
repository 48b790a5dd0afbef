import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_QUOTE_CHARS } from '../../shared/limits.ts';
import { quoteBetween } from '../../server/collab/documentReader.ts';

/** A section as the editor stores it: paragraphs of text, the first one's text bold in the middle. */
function section(...paragraphs: string[]) {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('d240');
  const texts = paragraphs.map((content) => {
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    fragment.push([paragraph]);
    text.insert(0, content);
    return text;
  });
  const at = (text: Y.XmlText, index: number, assoc = 0) =>
    Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromTypeIndex(text, index, assoc), doc)!;
  return { doc, fragment, texts, at };
}

describe("a thread's quote is the server's reading of its anchor", () => {
  it('within one paragraph: exactly the characters between the two positions, formatting left out', () => {
    const { fragment, texts, at } = section('Kan vier uur per dag werken.');
    texts[0]!.format(4, 8, { bold: true });
    expect(quoteBetween(fragment, at(texts[0]!, 4), at(texts[0]!, 12, -1))).toBe('vier uur');
  });

  it('across paragraphs: each paragraph on its own line, blanks at either end left out', () => {
    const { fragment, texts, at } = section('Eerste alinea ', 'tweede alinea', 'derde');
    expect(quoteBetween(fragment, at(texts[0]!, 6), at(texts[2]!, 5, -1))).toBe('alinea \ntweede alinea\nderde');
    // A position between paragraphs (in the section itself) counts as well.
    const between = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromTypeIndex(fragment, 1), fragment.doc!)!;
    expect(quoteBetween(fragment, between, at(texts[1]!, 6, -1))).toBe('tweede');
  });

  it('is empty for no text, or for positions the wrong way round', () => {
    const { fragment, texts, at } = section('Tekst');
    expect(quoteBetween(fragment, at(texts[0]!, 2), at(texts[0]!, 2))).toBe('');
    expect(quoteBetween(fragment, at(texts[0]!, 4), at(texts[0]!, 1))).toBe('');
  });

  it(`is cut at ${MAX_QUOTE_CHARS} characters, ending in an ellipsis`, () => {
    const { fragment, texts, at } = section('x'.repeat(MAX_QUOTE_CHARS + 50));
    const quote = quoteBetween(fragment, at(texts[0]!, 0), at(texts[0]!, MAX_QUOTE_CHARS + 50, -1));
    expect(quote).toHaveLength(MAX_QUOTE_CHARS);
    expect(quote.endsWith('…')).toBe(true);
  });
});

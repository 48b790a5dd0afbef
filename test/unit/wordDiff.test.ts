import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DiffPart, qualifierChange, wordDiff } from '../../shared/record/wordDiff.ts';

/** The text a side of the diff reads: `before` keeps what was removed, `after` what was added. */
const side = (parts: DiffPart[], which: 'before' | 'after') =>
  parts
    .filter((part) => part.kind === 'same' || part.kind === (which === 'before' ? 'removed' : 'added'))
    .map((part) => part.text)
    .join('');

describe('wordDiff', () => {
  it('marks inserted words', () => {
    expect(wordDiff('Kan 4 uur werken.', 'Kan 4 uur per dag werken.')).toEqual([
      { kind: 'same', text: 'Kan 4 uur ' },
      { kind: 'added', text: 'per dag ' },
      { kind: 'same', text: 'werken.' },
    ]);
  });

  it('marks deleted words', () => {
    expect(wordDiff('Geen tillen boven 10 kg, geen bukken.', 'Geen tillen boven 10 kg.')).toEqual([
      { kind: 'same', text: 'Geen tillen boven 10 kg' },
      { kind: 'removed', text: ', geen bukken' },
      { kind: 'same', text: '.' },
    ]);
  });

  it('shows a replaced word as removed then added', () => {
    expect(wordDiff('Kan 4 uur werken.', 'Kan 6 uur werken.')).toEqual([
      { kind: 'same', text: 'Kan ' },
      { kind: 'removed', text: '4' },
      { kind: 'added', text: '6' },
      { kind: 'same', text: ' uur werken.' },
    ]);
  });

  it('shows a replaced phrase as one removed and one added run, not word by word', () => {
    expect(wordDiff('Kan 4 uur werken.', 'Mag 6 uur werken.')).toEqual([
      { kind: 'removed', text: 'Kan 4' },
      { kind: 'added', text: 'Mag 6' },
      { kind: 'same', text: ' uur werken.' },
    ]);
  });

  it('gives one unchanged part for equal texts', () => {
    expect(wordDiff('Herstel binnen 3 maanden.', 'Herstel binnen 3 maanden.')).toEqual([{ kind: 'same', text: 'Herstel binnen 3 maanden.' }]);
  });

  it('handles an empty side', () => {
    expect(wordDiff('', 'Nieuw advies.')).toEqual([{ kind: 'added', text: 'Nieuw advies.' }]);
    expect(wordDiff('Oud advies.', '')).toEqual([{ kind: 'removed', text: 'Oud advies.' }]);
    expect(wordDiff('', '')).toEqual([]);
  });

  it('keeps newlines of multi-line paragraphs, also a changed blank line', () => {
    const before = 'Eerste alinea.\nTweede alinea over uren.';
    const after = 'Eerste alinea.\n\nTweede alinea over werktijden.\nDerde regel.';
    const parts = wordDiff(before, after);
    expect(side(parts, 'before')).toBe(before);
    expect(side(parts, 'after')).toBe(after);
    expect(parts).toContainEqual({ kind: 'added', text: '\n' });
    expect(parts.find((part) => part.kind === 'removed')?.text).toBe('uren');
  });

  it('never gives two adjacent parts of one kind', () => {
    const parts = wordDiff('a b c d e f', 'a x c y e z');
    for (const [index, part] of parts.entries()) expect(part.kind).not.toBe(parts[index + 1]?.kind);
  });

  it('reads back both texts exactly, for any pair', () => {
    const words = fc.constantFrom('uur', 'dag', 'werken', 'tillen', ' ', '  ', '\n', '.', ',', '10', 'kg', 'é');
    const text = fc.array(words, { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const parts = wordDiff(before, after);
        expect(side(parts, 'before')).toBe(before);
        expect(side(parts, 'after')).toBe(after);
        expect(parts.every((part) => part.text !== '')).toBe(true);
        for (const [index, part] of parts.entries()) expect(part.kind).not.toBe(parts[index + 1]?.kind);
      }),
    );
  });
});

describe('qualifierChange', () => {
  it('is null when the qualifier stayed, also when neither chose one', () => {
    expect(qualifierChange('2', '2')).toBeNull();
    expect(qualifierChange(null, null)).toBeNull();
  });

  it('names from and to when it changed, a facilitator apart from a barrier', () => {
    expect(qualifierChange('2', '3')).toEqual({ from: '2', to: '3' });
    expect(qualifierChange(null, '1')).toEqual({ from: null, to: '1' });
    expect(qualifierChange('+2', null)).toEqual({ from: '+2', to: null });
    expect(qualifierChange('+2', '2')).toEqual({ from: '+2', to: '2' });
  });
});

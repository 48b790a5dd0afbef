import { MEDICAL_LEXICON, type MedicalCategory } from './medicalLexiconData.ts';

/**
 * Warns the BA when the summary for the employer reads as medical: the
 * employer may learn limitations, possibilities and the expected duration,
 * never a diagnosis, a symptom, a treatment or a medicine (privacy law and the
 * occupational physicians' own guidance). This is a safety net, not a filter:
 * it warns and the BA decides, so a missed word is possible and a rare false
 * alarm is cheap.
 * Shared by server and browser, so it stays pure.
 *
 * Matching is on a folded copy of the text (case and diacritics removed, so
 * "Diëtist" and "dietist" are one), on whole words: a term inside another
 * word does not count unless its entry says so (`stem*`, `*head`, see
 * medicalLexiconData.ts). Codes have patterns of their own.
 */

export type MedicalTermCategory = MedicalCategory | 'code';

export interface MedicalTermMatch {
  /** The words as written in the text (with their case and diacritics). */
  term: string;
  /** Where they start in the text (UTF-16 index, as String.prototype.slice takes it). */
  index: number;
  category: MedicalTermCategory;
}

/** Entries in the word lexicon (the ICD-10 and ICF code patterns come on top). */
export const MEDICAL_LEXICON_SIZE = Object.values(MEDICAL_LEXICON).reduce((sum, terms) => sum + terms.length, 0);

/** Not a letter or digit on that side: the term is a whole word (Unicode-aware, unlike \b). */
const WORD_START = '(?<![\\p{L}\\p{N}])';
const WORD_END = '(?![\\p{L}\\p{N}])';
/** A space or hyphen in a term matches any run of them, or none: "burn-out", "burn out", "burnout". */
const SEPARATOR = '[\\s\\-\\u2010-\\u2015]*';
/** What may follow a stem: the rest of the word, and hyphenated compound parts ("hernia-operatie", "covid-19"). */
const STEM_REST = '[\\p{L}\\p{N}]*(?:[\\-\\u2010\\u2011][\\p{L}\\p{N}]+)*';

/**
 * ICD-10 codes as physicians write them (F32, F32.1, M51.26): an uppercase
 * letter other than U (which the WHO keeps for provisional codes), two digits,
 * an optional subcode. Case matters, and one digit ("A4" paper) or no letter
 * ("week 42") is no code.
 */
const ICD10 = /(?<![\p{L}\p{N}])[A-TV-Z]\d{2}(?:\.\d{1,4})?(?![\p{L}\p{N}])/gu;
/** ICF codes: b (body functions), s (structures), d (activities), e (environment) and 3–5 digits, with an optional qualifier. */
const ICF = /(?<![\p{L}\p{N}])[bdes]\d{3,5}(?:\.\d{1,3})?(?![\p{L}\p{N}])/giu;

/**
 * Matches that are ordinary words after all, by what stands around them in the
 * folded text: "MS Teams", the motorway "de A12", "lithium-ion", "a stroke of luck".
 */
const FALSE_FRIENDS: { match: RegExp; before?: RegExp; after?: RegExp }[] = [
  { match: /^MS$/, after: /^\s*(?:office|teams|word|excel|outlook|windows|access|project|dynamics|sql|edge|paint)\b/i },
  { match: /^[AN]\d{2}$/, before: /(?:^|\s)(?:de|via|over|langs|snelweg|rijksweg|weg|afslag|richting|ring)\s+$/i },
  { match: /^lithium$/i, after: /^[\s-]*(?:ion|polymeer|polymer|batterij|batterijen|accu|accu's|battery|batteries)\b/i },
  { match: /^stroke$/i, after: /^\s+of\b/i },
  // Working "op arbeidstherapeutische basis" is a step of re-integration, not a treatment.
  { match: /^arbeidstherap/i },
];

interface Folded {
  text: string;
  /** Per UTF-16 unit of `text`: where the character it came from starts and ends in the original. */
  starts: number[];
  ends: number[];
}

/**
 * The text without diacritics (NFD, marks dropped), soft hyphens and curly
 * apostrophes, lowercased or not, remembering where each character came from
 * so a match can be given back as written.
 */
function fold(text: string, lower: boolean): Folded {
  const folded: Folded = { text: '', starts: [], ends: [] };
  let offset = 0;
  for (const char of text) {
    const end = offset + char.length;
    let plain = char.normalize('NFD');
    if (lower) plain = plain.toLowerCase();
    plain = plain.replace(/[\p{M}\u00AD]/gu, '').replace(/[\u2018\u2019]/g, "'");
    // A combining mark of decomposed input belongs to the letter before it.
    if (plain === '' && folded.ends.length > 0) folded.ends[folded.ends.length - 1] = end;
    for (let unit = 0; unit < plain.length; unit++) {
      folded.starts.push(offset);
      folded.ends.push(end);
    }
    folded.text += plain;
    offset = end;
  }
  return folded;
}

type EntryShape = 'word' | 'stem' | 'head';

interface ParsedEntry {
  shape: EntryShape;
  caseSensitive: boolean;
  /** The term folded as the text will be, ready for a regex. */
  source: string;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** An entry of the data file: `=` case-sensitive, `*` at the end a stem, `*` at the start the head of a compound. */
export function parseEntry(entry: string): ParsedEntry {
  const caseSensitive = entry.startsWith('=');
  let term = caseSensitive ? entry.slice(1) : entry;
  const shape: EntryShape = term.endsWith('*') ? 'stem' : term.startsWith('*') ? 'head' : 'word';
  term = term.replace(/^\*|\*$/g, '');
  const source = fold(term, !caseSensitive)
    .text.split(/[\s\-\u2010-\u2015]+/)
    .map((part) => escapeRegex(part).replace(/'/g, "'?"))
    .join(SEPARATOR);
  return { shape, caseSensitive, source };
}

interface Pattern {
  regex: RegExp;
  caseSensitive: boolean;
  category: MedicalTermCategory;
}

/** Longest alternatives first, so within one pattern "back pain" wins over "pain" (a regex takes the first alternative that fits). */
function alternation(sources: string[]): string {
  return [...new Set(sources)].sort((a, b) => b.length - a.length).join('|');
}

/** One regex per category, entry shape and case mode; shapes differ only in what may surround the term. */
function buildPatterns(): Pattern[] {
  const patterns: Pattern[] = [];
  for (const [category, entries] of Object.entries(MEDICAL_LEXICON) as [MedicalCategory, readonly string[]][]) {
    const parsed = entries.map(parseEntry);
    for (const caseSensitive of [false, true]) {
      for (const shape of ['word', 'stem', 'head'] as const) {
        const sources = parsed.filter((entry) => entry.shape === shape && entry.caseSensitive === caseSensitive).map((entry) => entry.source);
        if (sources.length === 0) continue;
        const terms = `(?:${alternation(sources)})`;
        const body = shape === 'stem' ? `${terms}${STEM_REST}` : shape === 'head' ? `\\p{L}*${terms}${WORD_END}` : `${terms}${WORD_END}`;
        patterns.push({ regex: new RegExp(`${WORD_START}${body}`, 'gu'), caseSensitive, category });
      }
    }
  }
  patterns.push({ regex: ICD10, caseSensitive: true, category: 'code' }, { regex: ICF, caseSensitive: true, category: 'code' });
  return patterns;
}

let patterns: Pattern[] | null = null;

interface Candidate extends MedicalTermMatch {
  end: number;
}

/** Every medical-looking term in `text`, each occurrence once, in reading order. */
export function findMedicalTerms(text: string): MedicalTermMatch[] {
  patterns ??= buildPatterns();
  const folds = { lower: fold(text, true), cased: fold(text, false) };
  const candidates: Candidate[] = [];
  for (const pattern of patterns) {
    const folded = pattern.caseSensitive ? folds.cased : folds.lower;
    for (const match of folded.text.matchAll(pattern.regex)) {
      if (match[0] === '' || isFalseFriend(folded.text, match.index, match[0])) continue;
      const index = folded.starts[match.index] ?? 0;
      const end = folded.ends[match.index + match[0].length - 1] ?? index;
      candidates.push({ term: text.slice(index, end), index, end, category: pattern.category });
    }
  }
  return withoutOverlaps(candidates).map(({ term, index, category }) => ({ term, index, category }));
}

function isFalseFriend(folded: string, index: number, matched: string): boolean {
  const before = folded.slice(Math.max(0, index - 40), index);
  const after = folded.slice(index + matched.length, index + matched.length + 40);
  return FALSE_FRIENDS.some((friend) => friend.match.test(matched) && (friend.before?.test(before) ?? true) && (friend.after?.test(after) ?? true));
}

/** Where matches overlap ("long covid" and "covid"), the one that starts first and then the longest is kept. */
function withoutOverlaps(candidates: Candidate[]): Candidate[] {
  const sorted = candidates.sort((a, b) => a.index - b.index || b.end - a.end);
  const kept: Candidate[] = [];
  for (const candidate of sorted) {
    const last = kept.at(-1);
    if (!last || candidate.index >= last.end) kept.push(candidate);
  }
  return kept;
}

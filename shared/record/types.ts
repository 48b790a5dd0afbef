/**
 * The content of a case at one moment, as versions and exports carry it: per
 * template section, what each physician wrote and the joint draft, each as
 * plain text (paragraphs on their own lines) with its ICF qualifier.
 */

import type { NotAssessed } from '../notAssessed.ts';

/** One document's part of a section. */
export interface PartContent {
  text: string;
  /** The qualifier as a number (a facilitator's `+2` is 2), or null when none is chosen. */
  qualifier: number | null;
  /** The qualifier as chosen (`'2'`, `'+2'`, `'8'`), which keeps a facilitator apart from a barrier; null when none. */
  qualifierCode: string | null;
  /** "Niet beoordeeld": the physician marked the section not assessed (shared/notAssessed.ts), with the reason ("" for none); null when not marked. */
  notAssessed: NotAssessed | null;
}

export interface SectionContent {
  occupational: PartContent;
  insurance: PartContent;
  joint: PartContent;
}

/** Section id -> its content, for every section of the case's template. */
export type CaseContent = Record<string, SectionContent>;

/** The qualifier code as the number the contract names: `'+2'` -> 2, `'3'` -> 3; null for none or a code that is not a number. */
export function qualifierNumber(code: string | null | undefined): number | null {
  if (code === null || code === undefined || !/^\+?\d$/.test(code)) return null;
  return Number(code.replace('+', ''));
}

export function partContent(text: string, qualifierCode: string | null | undefined, notAssessed: NotAssessed | null = null): PartContent {
  const code = qualifierCode ?? null;
  return { text, qualifier: qualifierNumber(code), qualifierCode: code, notAssessed };
}

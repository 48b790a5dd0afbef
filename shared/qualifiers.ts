import type { GradedScale, Label } from './template/types.ts';

/**
 * ICF qualifiers (docs/domain.md). Activities and participation (d-codes) take a
 * difficulty from 0 to 4; environmental factors (e-codes) are a barrier (0–4)
 * or a facilitator (+0 to +4). Both scales know 8 (not specified) and 9 (not
 * applicable). The value is stored as its code string in the document's root
 * `qualifiers` Y.Map (section id -> code).
 */
export interface QualifierOption {
  code: string;
  label: Label;
  /** What the level means for work, in a sentence: the words both physicians read in a section's definition. */
  work: Label;
}

const NOT_SPECIFIED: QualifierOption = {
  code: '8',
  label: { nl: '8 niet gespecificeerd', en: '8 not specified' },
  work: {
    nl: 'Er is een probleem, maar de informatie is onvoldoende om de ernst te bepalen.',
    en: 'There is a problem, but the information does not suffice to judge how severe.',
  },
};
const NOT_APPLICABLE: QualifierOption = {
  code: '9',
  label: { nl: '9 niet van toepassing', en: '9 not applicable' },
  work: { nl: 'Het item speelt in dit werk geen rol.', en: 'The item plays no part in this work.' },
};

const ACTIVITY: QualifierOption[] = [
  {
    code: '0',
    label: { nl: '0 geen probleem (0–4%)', en: '0 no problem (0–4%)' },
    work: {
      nl: "Geen probleem: de activiteit lukt in het werk zoals bij gezonde collega's.",
      en: 'No problem: the activity goes as well at work as for healthy colleagues.',
    },
  },
  {
    code: '1',
    label: { nl: '1 licht probleem (5–24%)', en: '1 mild problem (5–24%)' },
    work: {
      nl: 'Licht probleem: het werk lukt, met enige moeite of een kleine aanpassing.',
      en: 'Mild problem: the work gets done, with some effort or a small adjustment.',
    },
  },
  {
    code: '2',
    label: { nl: '2 matig probleem (25–49%)', en: '2 moderate problem (25–49%)' },
    work: {
      nl: 'Matig probleem: de activiteit lukt in het werk met duidelijke beperking of alleen met aanpassing.',
      en: 'Moderate problem: the activity is possible at work with a clear limitation or only with adjustment.',
    },
  },
  {
    code: '3',
    label: { nl: '3 ernstig probleem (50–95%)', en: '3 severe problem (50–95%)' },
    work: {
      nl: 'Ernstig probleem: de activiteit lukt in het werk maar kort of met veel hulp.',
      en: 'Severe problem: the activity is possible at work only briefly or with much help.',
    },
  },
  {
    code: '4',
    label: { nl: '4 volledig probleem (96–100%)', en: '4 complete problem (96–100%)' },
    work: { nl: 'Volledig probleem: de activiteit is in het werk niet mogelijk.', en: 'Complete problem: the activity is not possible at work.' },
  },
  NOT_SPECIFIED,
  NOT_APPLICABLE,
];

const ENVIRONMENT: QualifierOption[] = [
  {
    code: '0',
    label: { nl: '0 geen barrière', en: '0 no barrier' },
    work: { nl: 'Geen barrière: deze factor belemmert het werk niet.', en: 'No barrier: this factor does not hinder the work.' },
  },
  {
    code: '1',
    label: { nl: '1 lichte barrière', en: '1 mild barrier' },
    work: { nl: 'Lichte barrière: deze factor maakt het werk iets zwaarder.', en: 'Mild barrier: this factor makes the work somewhat harder.' },
  },
  {
    code: '2',
    label: { nl: '2 matige barrière', en: '2 moderate barrier' },
    work: { nl: 'Matige barrière: het werk vraagt een aanpassing van deze factor.', en: 'Moderate barrier: the work needs this factor adjusted.' },
  },
  {
    code: '3',
    label: { nl: '3 ernstige barrière', en: '3 severe barrier' },
    work: { nl: 'Ernstige barrière: werk onder deze omstandigheid lukt nauwelijks.', en: 'Severe barrier: work under this condition is hardly possible.' },
  },
  {
    code: '4',
    label: { nl: '4 volledige barrière', en: '4 complete barrier' },
    work: { nl: 'Volledige barrière: werk onder deze omstandigheid is niet mogelijk.', en: 'Complete barrier: work under this condition is not possible.' },
  },
  {
    code: '+0',
    label: { nl: '+0 geen faciliterende factor', en: '+0 no facilitator' },
    work: { nl: 'Geen faciliterende factor: deze factor helpt het werk niet.', en: 'No facilitator: this factor does not help the work.' },
  },
  {
    code: '+1',
    label: { nl: '+1 lichte faciliterende factor', en: '+1 mild facilitator' },
    work: { nl: 'Lichte faciliterende factor: deze factor helpt het werk een beetje.', en: 'Mild facilitator: this factor helps the work a little.' },
  },
  {
    code: '+2',
    label: { nl: '+2 matige faciliterende factor', en: '+2 moderate facilitator' },
    work: {
      nl: 'Matige faciliterende factor: deze factor maakt werk duidelijk beter mogelijk.',
      en: 'Moderate facilitator: this factor clearly makes work more possible.',
    },
  },
  {
    code: '+3',
    label: { nl: '+3 aanzienlijke faciliterende factor', en: '+3 substantial facilitator' },
    work: {
      nl: 'Aanzienlijke faciliterende factor: zonder deze factor lukt het werk veel slechter.',
      en: 'Substantial facilitator: without this factor the work goes much worse.',
    },
  },
  {
    code: '+4',
    label: { nl: '+4 volledige faciliterende factor', en: '+4 complete facilitator' },
    work: { nl: 'Volledige faciliterende factor: het werk lukt dankzij deze factor.', en: 'Complete facilitator: the work is possible thanks to this factor.' },
  },
  NOT_SPECIFIED,
  NOT_APPLICABLE,
];

export const QUALIFIER_OPTIONS: Record<GradedScale, readonly QualifierOption[]> = {
  'icf-d': ACTIVITY,
  'icf-e': ENVIRONMENT,
};

/** Name of the root Y.Map holding each physician's qualifiers (docs/contract.md). */
export const QUALIFIERS_MAP = 'qualifiers';

export function isQualifierCode(scale: GradedScale, code: unknown): code is string {
  return typeof code === 'string' && QUALIFIER_OPTIONS[scale].some((option) => option.code === code);
}

export function qualifierOption(scale: GradedScale, code: string): QualifierOption | undefined {
  return QUALIFIER_OPTIONS[scale].find((option) => option.code === code);
}

/**
 * How far two physicians' qualifiers for one section lie apart:
 * - `none`: equal, or at least one has not chosen (nothing to compare yet);
 * - `minor`: adjacent levels on the same side of the scale (e.g. 2 and 3);
 * - `major`: two or more levels apart, barrier against facilitator, or a
 *   level against "not specified" / "not applicable".
 */
export type QualifierDifference = 'none' | 'minor' | 'major';

export function qualifierDifference(a: string | null | undefined, b: string | null | undefined): QualifierDifference {
  if (!a || !b || a === b) return 'none';
  const left = level(a);
  const right = level(b);
  if (!left || !right || left.facilitator !== right.facilitator) return 'major';
  return Math.abs(left.value - right.value) === 1 ? 'minor' : 'major';
}

/** A graded code as a side and a level; null for 8 and 9. */
function level(code: string): { facilitator: boolean; value: number } | null {
  const match = /^(\+?)([0-4])$/.exec(code);
  return match ? { facilitator: match[1] === '+', value: Number(match[2]) } : null;
}

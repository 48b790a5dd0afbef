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
}

const NOT_SPECIFIED: QualifierOption = { code: '8', label: { nl: '8 niet gespecificeerd', en: '8 not specified' } };
const NOT_APPLICABLE: QualifierOption = { code: '9', label: { nl: '9 niet van toepassing', en: '9 not applicable' } };

const ACTIVITY: QualifierOption[] = [
  { code: '0', label: { nl: '0 geen probleem (0–4%)', en: '0 no problem (0–4%)' } },
  { code: '1', label: { nl: '1 licht probleem (5–24%)', en: '1 mild problem (5–24%)' } },
  { code: '2', label: { nl: '2 matig probleem (25–49%)', en: '2 moderate problem (25–49%)' } },
  { code: '3', label: { nl: '3 ernstig probleem (50–95%)', en: '3 severe problem (50–95%)' } },
  { code: '4', label: { nl: '4 volledig probleem (96–100%)', en: '4 complete problem (96–100%)' } },
  NOT_SPECIFIED,
  NOT_APPLICABLE,
];

const ENVIRONMENT: QualifierOption[] = [
  { code: '0', label: { nl: '0 geen barrière', en: '0 no barrier' } },
  { code: '1', label: { nl: '1 lichte barrière', en: '1 mild barrier' } },
  { code: '2', label: { nl: '2 matige barrière', en: '2 moderate barrier' } },
  { code: '3', label: { nl: '3 ernstige barrière', en: '3 severe barrier' } },
  { code: '4', label: { nl: '4 volledige barrière', en: '4 complete barrier' } },
  { code: '+0', label: { nl: '+0 geen faciliterende factor', en: '+0 no facilitator' } },
  { code: '+1', label: { nl: '+1 lichte faciliterende factor', en: '+1 mild facilitator' } },
  { code: '+2', label: { nl: '+2 matige faciliterende factor', en: '+2 moderate facilitator' } },
  { code: '+3', label: { nl: '+3 aanzienlijke faciliterende factor', en: '+3 substantial facilitator' } },
  { code: '+4', label: { nl: '+4 volledige faciliterende factor', en: '+4 complete facilitator' } },
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

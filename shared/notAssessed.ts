import type { DocPart } from './docNames.ts';

/**
 * "Niet beoordeeld" (not assessed): a physician's explicit statement that they
 * did not assess a section, with an optional reason ("niet relevant voor dit
 * werk"). It is apart from an empty text, which only means "not yet written"
 * and is never an error: the level of detail is the physician's choice.
 *
 * Stored in each physician's own document as the root `Y.Map` `notAssessed`:
 * section id -> reason as a string ("" = no reason). Marking a section does not
 * delete its text. The joint document holds no such map (docs/contract.md).
 */
export const NOT_ASSESSED_MAP = 'notAssessed';

/** The reason a physician gives for not assessing a section. */
export const MAX_NOT_ASSESSED_REASON_CHARS = 500;

/** The documents that may hold the map: each physician's own position. */
export const NOT_ASSESSED_PARTS: readonly DocPart[] = ['occupational', 'insurance'];

/** A section marked not assessed, with its reason ("" when none was given). */
export interface NotAssessed {
  reason: string;
}

export function holdsNotAssessed(part: DocPart): boolean {
  return NOT_ASSESSED_PARTS.includes(part);
}

/** Whether a stored value is a reason the relay accepts. */
export function isNotAssessedReason(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_NOT_ASSESSED_REASON_CHARS;
}

/** The mark as read from a stored value: null when the section is not marked (or the value is not a reason). */
export function notAssessedOf(value: unknown): NotAssessed | null {
  return isNotAssessedReason(value) ? { reason: value } : null;
}

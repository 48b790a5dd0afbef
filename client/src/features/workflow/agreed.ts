import type { Agreement, SectionState } from '../../../../shared/workflow/types.ts';

/**
 * The agreement a section stands on now: signed, in or outside a dispute.
 * Its qualifier replaces the physicians' own as the section's qualifier, so
 * their difference is no longer shown as if it were open.
 */
export function currentAgreement(state: SectionState | null | undefined): Agreement | null {
  return state?.status === 'agreed' ? state.agreement : null;
}

/** How many hex characters of a fingerprint show at first: enough to compare with a printed dossier by eye. */
export const SHORT_FINGERPRINT = 12;

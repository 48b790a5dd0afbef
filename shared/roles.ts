/** Account roles (docs/contract.md). A reviewer is a verzekeringsarts invited per dispute, not a role. */
export const ROLES = ['bedrijfsarts', 'verzekeringsarts', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** How a user takes part in one case. */
export const CASE_ROLES = ['ba', 'va'] as const;
export type CaseRole = (typeof CASE_ROLES)[number];

/** The account role a case member must have for each case role. */
export const ACCOUNT_ROLE_FOR: Record<CaseRole, Role> = {
  ba: 'bedrijfsarts',
  va: 'verzekeringsarts',
};

/**
 * How a user may take part in one case: as one of its two physicians, or as
 * the independent reviewer invited into one of its disputes (read-only, for
 * the dispute's lifetime).
 */
export type AccessRole = CaseRole | 'reviewer';

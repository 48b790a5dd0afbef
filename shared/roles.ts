/**
 * Account roles (docs/contract.md). A reviewer is a verzekeringsarts invited
 * per dispute, not a role; an arbeidsdeskundige (labour expert) is a role, and
 * reads a case only while invited into it.
 */
export const ROLES = ['bedrijfsarts', 'verzekeringsarts', 'arbeidsdeskundige', 'admin'] as const;
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
 * How a user may take part in one case: as one of its two physicians, as
 * the independent reviewer invited into one of its disputes (read-only, for
 * the dispute's lifetime), or as the arbeidsdeskundige invited into the case
 * (reads only what the physicians hand over, until revoked or the case closes).
 */
export type AccessRole = CaseRole | 'reviewer' | 'labour-expert';

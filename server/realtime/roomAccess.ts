import type { AccessRole } from '../../shared/roles.ts';

/** How the user takes part in the case, or null (policies/caseAccess.ts). */
export type AccessRoleOf = (caseId: string, userId: string) => Promise<AccessRole | null>;

/** Whether the user may follow the case's pushes: as one of its physicians or as an invited reviewer. */
export async function mayFollowCase(accessRole: AccessRoleOf, caseId: string, userId: string): Promise<boolean> {
  // A lookup that fails lets nobody in.
  return (await accessRole(caseId, userId).catch(() => null)) !== null;
}

/** Whether the user may be present in the case's sessions: only its two physicians, not a reviewer. */
export async function mayJoinSessionsOf(accessRole: AccessRoleOf, caseId: string, userId: string): Promise<boolean> {
  const role = await accessRole(caseId, userId).catch(() => null);
  return role === 'ba' || role === 'va';
}

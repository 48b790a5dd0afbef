import type { AccessRole } from '../../shared/roles.ts';
import { refusalFor, type CaseUse, type Refusal } from '../policies/participation.ts';

/** How the user takes part in the case, or null (policies/participation.ts). */
export type AccessRoleOf = (caseId: string, userId: string) => Promise<AccessRole | null>;

/** Why the user may not use the case so (following its pushes, or its sessions), or null when they may. */
export async function roomRefusal(accessRole: AccessRoleOf, caseId: string, userId: string, use: CaseUse): Promise<Refusal | null> {
  // A lookup that fails lets nobody in.
  return refusalFor(await accessRole(caseId, userId).catch(() => null), use);
}

import type { AccessRole } from '../../shared/roles.ts';
import type { RecordStore, WorkflowStore } from '../store/ports.ts';
import { caseRoleOf } from './casePolicy.ts';

/**
 * How a user takes part in a case: its BA or VA, the reviewer of one of its
 * open disputes, or not at all. The one place every transport asks.
 */
export async function accessRoleOf(stores: { records: RecordStore; workflow: WorkflowStore }, caseId: string, userId: string): Promise<AccessRole | null> {
  const role = caseRoleOf({ id: userId }, await stores.records.listMembers(caseId));
  if (role) return role;
  return (await stores.workflow.isReviewer(caseId, userId)) ? 'reviewer' : null;
}

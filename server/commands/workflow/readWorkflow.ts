import type { ReviewerCandidate, WorkflowView } from '../../../shared/api.ts';
import type { EventEnvelope } from '../../../shared/workflow/types.ts';
import { CASE_INTEGRITY, isCaseIntegrityError } from '../../errors.ts';
import { requireParticipant } from '../../policies/participation.ts';
import type { AccessRole } from '../../../shared/roles.ts';
import type { CaseRecord } from '../../store/ports.ts';
import type { CommandDeps } from '../deps.ts';
import type { CaseTarget } from './disputeCommands.ts';
import { loadWorkflow } from '../../workflow/loadWorkflow.ts';
import { toWorkflowView } from './workflowView.ts';
import { touched } from '../versions/automaticVersions.ts';

/** Members and current reviewers read a case's workflow; a refusal is audited. */
function authorizeRead(deps: CommandDeps, target: CaseTarget, object: string): Promise<{ record: CaseRecord; role: AccessRole }> {
  return requireParticipant(deps, { caseId: target.caseId, userId: target.principal.user.id, actor: target.audit, object, use: 'read' });
}

/**
 * Audits a read once it happened; a case refused because its record does
 * not match its log is audited as a failed read, so the trail never claims
 * a read that did not take place.
 */
async function audited<T>(deps: CommandDeps, target: CaseTarget, object: string, role: AccessRole, read: () => Promise<T>): Promise<T> {
  const row = { action: 'read', object, caseId: target.caseId } as const;
  try {
    const result = await read();
    await deps.audit.record(target.audit, { ...row, outcome: 'success', detail: role });
    return result;
  } catch (error) {
    if (isCaseIntegrityError(error)) await deps.audit.record(target.audit, { ...row, outcome: 'failure', detail: CASE_INTEGRITY });
    throw error;
  }
}

/** The case's current state (sections and disputes), for the page to start from. */
export async function readWorkflow(deps: CommandDeps, target: CaseTarget): Promise<WorkflowView> {
  const { record, role } = await authorizeRead(deps, target, 'workflow');
  await touched(deps, record, role, { userId: target.principal.user.id, name: target.principal.user.name });
  const { state } = await audited(deps, target, 'workflow', role, () => loadWorkflow(deps, record));
  return toWorkflowView(deps, record.id, state);
}

/** The case's event log, oldest first, with its hash chain. */
export async function readEvents(deps: CommandDeps, target: CaseTarget): Promise<EventEnvelope[]> {
  const { role } = await authorizeRead(deps, target, 'events');
  return audited(deps, target, 'events', role, () => deps.workflow.listEvents(target.caseId));
}

/** Physicians who could review a dispute of this case: not its members, not administrators. */
export async function reviewerCandidates(deps: CommandDeps, target: CaseTarget): Promise<ReviewerCandidate[]> {
  const { role } = await authorizeRead(deps, target, 'reviewer-candidates');
  return audited(deps, target, 'reviewer-candidates', role, async () => {
    if (role === 'reviewer') return [];
    const members = new Set((await deps.records.listMembers(target.caseId)).map((m) => m.userId));
    return (await deps.records.listUsers())
      .filter((user) => user.role !== 'admin' && user.deactivatedAt === null && !members.has(user.id))
      .map((user) => ({ username: user.username, name: user.name, role: user.role }));
  });
}

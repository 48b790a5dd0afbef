import type { ReviewerCandidate, WorkflowView } from '../../../shared/api.ts';
import type { EventEnvelope } from '../../../shared/workflow/types.ts';
import { forbidden } from '../../errors.ts';
import { accessRoleOf } from '../../policies/caseAccess.ts';
import type { AccessRole } from '../../../shared/roles.ts';
import type { CaseRecord } from '../../store/ports.ts';
import type { CommandDeps } from '../deps.ts';
import type { CaseTarget } from './disputeCommands.ts';
import { loadWorkflow, toWorkflowView } from './workflowView.ts';

/** Members and current reviewers read a case's workflow; every read is audited, every refusal too. */
async function readable(deps: CommandDeps, target: CaseTarget, object: string): Promise<{ record: CaseRecord; role: AccessRole }> {
  const { caseId, principal } = target;
  const [record, role] = await Promise.all([deps.records.getCase(caseId), accessRoleOf(deps, caseId, principal.user.id)]);
  if (!record || !role) {
    await deps.audit.record(target.audit, { action: 'read', outcome: 'denied', object, caseId, detail: 'not-a-member' });
    throw forbidden('You are not a member of this case');
  }
  await deps.audit.record(target.audit, { action: 'read', outcome: 'success', object, caseId, detail: role });
  return { record, role };
}

/** The case's current state (sections and disputes), for the page to start from. */
export async function readWorkflow(deps: CommandDeps, target: CaseTarget): Promise<WorkflowView> {
  const { record } = await readable(deps, target, 'workflow');
  return toWorkflowView(deps, record.id, (await loadWorkflow(deps.workflow, record)).state);
}

/** The case's event log, oldest first, with its hash chain. */
export async function readEvents(deps: CommandDeps, target: CaseTarget): Promise<EventEnvelope[]> {
  await readable(deps, target, 'events');
  return deps.workflow.listEvents(target.caseId);
}

/** Physicians who could review a dispute of this case: not its members, not administrators. */
export async function reviewerCandidates(deps: CommandDeps, target: CaseTarget): Promise<ReviewerCandidate[]> {
  const { role } = await readable(deps, target, 'reviewer-candidates');
  if (role === 'reviewer') return [];
  const members = new Set((await deps.records.listMembers(target.caseId)).map((m) => m.userId));
  return (await deps.records.listUsers())
    .filter((user) => user.role !== 'admin' && !members.has(user.id))
    .map((user) => ({ username: user.username, name: user.name, role: user.role }));
}

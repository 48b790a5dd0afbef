import type { CommandResult } from '../../../shared/api.ts';
import type { CloseCaseInput, InviteLabourExpertInput, LabourExpertCandidate, LabourExpertObjectionInput } from '../../../shared/labourExpertApi.ts';
import { forbidden } from '../../errors.ts';
import { isPhysician, requireParticipant } from '../../policies/participation.ts';
import type { CommandDeps } from '../deps.ts';
import type { CaseTarget } from './disputeCommands.ts';
import { runWorkflowCommand } from './runWorkflowCommand.ts';

/**
 * The arbeidsdeskundige of a case and its closing (shared/workflow/labourExpert.ts):
 * each a workflow command, so each is an event in the case's log, pushed to
 * the case's room and shown in its history. What the audit rows name never
 * includes an objection's reason.
 */

const OBJECT = 'labour-expert';

/** A physician invites an active arbeidsdeskundige by username; anyone else by that name is "none". */
export function inviteLabourExpert(deps: CommandDeps, target: CaseTarget, input: InviteLabourExpertInput): Promise<CommandResult> {
  return runWorkflowCommand(deps, {
    ...target,
    object: OBJECT,
    build: async () => {
      const user = await deps.records.findUserByUsername(input.username);
      const expert = user && user.role === 'arbeidsdeskundige' && user.deactivatedAt === null ? user : null;
      return { type: 'inviteLabourExpert', labourExpert: expert && { userId: expert.id, name: expert.name } };
    },
  });
}

/** The physician who did not invite objects, which ends the invitation. */
export function objectToLabourExpert(deps: CommandDeps, target: CaseTarget, input: LabourExpertObjectionInput): Promise<CommandResult> {
  return runWorkflowCommand(deps, { ...target, object: OBJECT, build: async () => ({ type: 'objectToLabourExpert', reason: input.reason }) });
}

/** Either physician revokes the invitation. */
export function revokeLabourExpert(deps: CommandDeps, target: CaseTarget): Promise<CommandResult> {
  return runWorkflowCommand(deps, { ...target, object: OBJECT, build: async () => ({ type: 'revokeLabourExpert' }) });
}

/** A physician closes the case: the labour expert's access ends with it. */
export function closeCase(deps: CommandDeps, target: CaseTarget, input: CloseCaseInput): Promise<CommandResult> {
  return runWorkflowCommand(deps, { ...target, object: 'case.close', build: async () => ({ type: 'closeCase', reason: input.reason }) });
}

/** The active arbeidsdeskundige accounts a physician of the case may invite. */
export async function labourExpertCandidates(deps: CommandDeps, target: CaseTarget): Promise<LabourExpertCandidate[]> {
  const object = 'labour-expert-candidates';
  const { role } = await requireParticipant(deps, { caseId: target.caseId, userId: target.principal.user.id, actor: target.audit, object, use: 'read' });
  if (!isPhysician(role)) {
    await deps.audit.record(target.audit, { action: 'denied', outcome: 'denied', object, caseId: target.caseId, detail: role });
    throw forbidden('Only the physicians of the case invite an arbeidsdeskundige');
  }
  const experts = (await deps.records.listUsers()).filter((user) => user.role === 'arbeidsdeskundige' && user.deactivatedAt === null);
  const organisations = new Map(
    await Promise.all(
      [...new Set(experts.map((user) => user.organisationId))].map(async (id) => [id, (await deps.records.getOrganisation(id))?.name ?? null] as const),
    ),
  );
  await deps.audit.record(target.audit, { action: 'read', outcome: 'success', object, caseId: target.caseId, detail: `${experts.length} candidates` });
  return experts.map((user) => ({ username: user.username, name: user.name, organisation: organisations.get(user.organisationId) ?? null }));
}

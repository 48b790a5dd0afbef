import type { CommandResult } from '../../../shared/api.ts';
import { CloseCode } from '../../../shared/limits.ts';
import { activeLabourExpert, activeReviewers, decide, type Actor, type CaseWorkflow, type WorkflowCommand } from '../../../shared/workflow/index.ts';
import type { AuditActor } from '../../audit/Audit.ts';
import type { Principal } from '../../auth/Authenticator.ts';
import { AppError } from '../../errors.ts';
import { requireParticipant } from '../../policies/participation.ts';
import { SeqConflictError, type CaseRecord } from '../../store/ports.ts';
import { commitEvent, MAX_ATTEMPTS } from '../caseLog.ts';
import { afterCommit } from '../versions/automaticVersions.ts';
import type { CommandDeps } from '../deps.ts';
import { loadWorkflow } from '../../workflow/loadWorkflow.ts';
import { toWorkflowView } from './workflowView.ts';

export interface WorkflowRequest {
  caseId: string;
  principal: Principal;
  audit: AuditActor;
  /** What the audit row names: `section:d240`, `dispute:<id>`. */
  object: string;
  /**
   * Builds the domain command from the current state; this is where the
   * server adds what only it knows (positions and drafts as stored, ids).
   */
  build(context: { state: CaseWorkflow; actor: Actor; record: CaseRecord }): Promise<WorkflowCommand>;
}

/**
 * The path of every workflow command (docs/architecture.md): authorize -> decide on the
 * current state -> write the event, the new state and the success audit row
 * in one transaction -> push to the case's room. A refusal writes nothing.
 * When another command on the case was written in between, the command is
 * decided again on the new state (the log is the arbiter, also across nodes).
 */
export async function runWorkflowCommand(deps: CommandDeps, request: WorkflowRequest): Promise<CommandResult> {
  const { caseId, principal } = request;
  const { record, role } = await requireParticipant(deps, { caseId, userId: principal.user.id, actor: request.audit, object: request.object, use: 'read' });
  const actor: Actor = { userId: principal.user.id, name: principal.user.name, role };
  // Held, so that no write of the joint draft lands between reading it and recording what was decided on it;
  // the relay then checks the writes that waited against the locks the new state sets.
  const { envelope, state, before } = await deps.gate.holdJoint(caseId, () => decideAndCommit(deps, request, record, actor));
  const workflow = toWorkflowView(deps, caseId, state);
  deps.realtime.publishWorkflow({ caseId, envelope, workflow });
  await revokeEndedInvitations(deps, caseId, before, state);
  // After the commit and outside the hold: the version holds what the decision left, and never fails the command.
  await afterCommit(deps, record, role, envelope);
  return { envelope, workflow };
}

async function decideAndCommit(deps: CommandDeps, request: WorkflowRequest, record: CaseRecord, actor: Actor) {
  const { caseId } = request;
  for (let attempt = 1; ; attempt++) {
    const current = await loadWorkflow(deps, record);
    const command = await request.build({ state: current.state, actor, record });
    const decision = decide(current.state, command, actor);
    if (!decision.ok) {
      const { status, rule, message } = decision.rejection;
      await deps.audit.record(request.audit, {
        action: status === 403 ? 'denied' : 'write',
        outcome: status === 403 ? 'denied' : 'failure',
        object: request.object,
        caseId,
        detail: rule,
      });
      throw new AppError(status, rule, message);
    }
    // The success row is written in the commit's transaction: no event without it, and none when it cannot be written.
    const audit = deps.audit.entryOf(request.audit, { action: 'write', outcome: 'success', object: request.object, caseId, detail: decision.event.type });
    try {
      const { envelope, state } = await commitEvent(deps, current, { caseId, actor, event: decision.event, audit });
      return { envelope, state, before: current.state };
    } catch (error) {
      if (error instanceof SeqConflictError && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
  }
}

/** The users an invitation lets into the case: its reviewers and its arbeidsdeskundige. */
function invitedUsers(state: CaseWorkflow): string[] {
  const expert = activeLabourExpert(state);
  return [...activeReviewers(state).map((r) => r.userId), ...(expert ? [expert] : [])];
}

/**
 * A reviewer's access ends with their dispute, a labour expert's when revoked,
 * objected to or the case closes: their open document connections close and
 * their socket stops receiving the case's pushes.
 */
async function revokeEndedInvitations(deps: CommandDeps, caseId: string, before: CaseWorkflow, after: CaseWorkflow): Promise<void> {
  const still = new Set(invitedUsers(after));
  const ended = new Set(invitedUsers(before).filter((id) => !still.has(id)));
  for (const userId of ended) {
    deps.connections.closeWhere((context) => context.caseId === caseId && context.userId === userId, CloseCode.forbidden, 'invitation ended');
    await deps.realtime.removeFromCase(caseId, userId);
  }
}

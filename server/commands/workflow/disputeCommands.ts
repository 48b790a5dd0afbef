import { randomUUID } from 'node:crypto';
import type { CommandResult } from '../../../shared/api.ts';
import { localDate } from '../../../shared/sickness.ts';
import { concludedSessionsBySection, isPersistent, type Dispute } from '../../../shared/workflow/index.ts';
import type {
  CloseDisputeInput,
  FormalRouteInput,
  FormalRouteOutcomeInput,
  InviteReviewerInput,
  OpenDisputeInput,
  OpinionInput,
} from '../../../shared/workflowSchemas.ts';
import type { AuditActor } from '../../audit/Audit.ts';
import type { Principal } from '../../auth/Authenticator.ts';
import { caseRoleOf } from '../../policies/participation.ts';
import type { CommandDeps } from '../deps.ts';
import { runWorkflowCommand } from './runWorkflowCommand.ts';

export interface CaseTarget {
  caseId: string;
  principal: Principal;
  audit: AuditActor;
}

export interface DisputeTarget extends CaseTarget {
  disputeId: string;
}

/** Opens a dispute over sections in disagreement, with both positions snapshotted. */
export function openDispute(deps: CommandDeps, target: CaseTarget, input: OpenDisputeInput): Promise<CommandResult> {
  const disputeId = randomUUID();
  return runWorkflowCommand(deps, {
    ...target,
    object: `dispute:${disputeId}`,
    build: async ({ state }) => {
      const today = localDate(deps.now());
      const sessions = concludedSessionsBySection(state);
      const persistentSections = input.sections.filter((id) => {
        const section = state.sections[id];
        return section !== undefined && isPersistent(section, { concludedSessions: sessions[id] ?? 0, today }, deps.persistence);
      });
      return {
        type: 'openDispute',
        disputeId,
        sections: input.sections,
        question: input.question,
        reason: input.reason,
        explanation: input.explanation,
        targets: input.targets,
        positions: await deps.documents.positionsOf(
          target.caseId,
          input.sections.filter((id) => id in state.sections),
        ),
        persistentSections,
      };
    },
  });
}

const dispute = (deps: CommandDeps, target: DisputeTarget, build: Parameters<typeof runWorkflowCommand>[1]['build']) =>
  runWorkflowCommand(deps, { ...target, object: `dispute:${target.disputeId}`, build });

/**
 * Invites an independent reviewer: a physician who is not a member of the
 * case. They read the case's documents for as long as the dispute is open.
 */
export function inviteReviewer(deps: CommandDeps, target: DisputeTarget, input: InviteReviewerInput): Promise<CommandResult> {
  return dispute(deps, target, async () => {
    const user = await deps.records.findUserByUsername(input.username);
    const physician = user && user.role !== 'admin' && user.deactivatedAt === null ? user : null;
    const member = physician ? caseRoleOf(physician, await deps.records.listMembers(target.caseId)) : null;
    return {
      type: 'inviteReviewer',
      disputeId: target.disputeId,
      reviewer: physician ? { userId: physician.id, name: physician.name } : null,
      independent: member === null,
    };
  });
}

export function recordOpinion(deps: CommandDeps, target: DisputeTarget, input: OpinionInput): Promise<CommandResult> {
  return dispute(deps, target, async () => ({ type: 'recordOpinion', disputeId: target.disputeId, text: input.text }));
}

export function recordFormalRoute(deps: CommandDeps, target: DisputeTarget, input: FormalRouteInput): Promise<CommandResult> {
  return dispute(deps, target, async () => ({ type: 'recordFormalRoute', disputeId: target.disputeId, ...input }));
}

export function recordFormalRouteOutcome(deps: CommandDeps, target: DisputeTarget, input: FormalRouteOutcomeInput): Promise<CommandResult> {
  return dispute(deps, target, async () => ({ type: 'recordFormalRouteOutcome', disputeId: target.disputeId, ...input }));
}

/** Closes a dispute with an outcome per section; both positions are frozen as they stand. */
export function closeDispute(deps: CommandDeps, target: DisputeTarget, input: CloseDisputeInput): Promise<CommandResult> {
  return dispute(deps, target, async ({ state }) => {
    const found: Dispute | undefined = state.disputes.find((d) => d.id === target.disputeId);
    return {
      type: 'closeDispute',
      disputeId: target.disputeId,
      outcomes: input.outcomes,
      positions: found ? await deps.documents.positionsOf(target.caseId, found.sections) : {},
    };
  });
}

import { randomUUID } from 'node:crypto';
import type { CommandResult } from '../../../shared/api.ts';
import { proposedAgenda } from '../../../shared/workflow/index.ts';
import type {
  AgendaInput,
  CancelSessionInput,
  DeclineSessionInput,
  OutcomeInput,
  RescheduleSessionInput,
  ScheduleSessionInput,
  SelectItemInput,
} from '../../../shared/workflowSchemas.ts';
import type { CommandDeps } from '../deps.ts';
import type { CaseTarget } from '../workflow/disputeCommands.ts';
import { runWorkflowCommand, type WorkflowRequest } from '../workflow/runWorkflowCommand.ts';

export interface SessionTarget extends CaseTarget {
  sessionId: string;
}

const session = (deps: CommandDeps, target: SessionTarget, build: WorkflowRequest['build']) =>
  runWorkflowCommand(deps, { ...target, object: `session:${target.sessionId}`, build });

/** Schedules a consultation; without an agenda, it gets the sections with a disagreement on record. */
export function scheduleSession(deps: CommandDeps, target: CaseTarget, input: ScheduleSessionInput): Promise<CommandResult> {
  const sessionId = randomUUID();
  return runWorkflowCommand(deps, {
    ...target,
    object: `session:${sessionId}`,
    build: async ({ state }) => ({
      type: 'scheduleSession',
      sessionId,
      scheduledAt: input.scheduledAt,
      durationMinutes: input.durationMinutes,
      mode: input.mode,
      agenda: input.agenda ?? proposedAgenda(state),
      ...(input.videoUrl !== undefined && { videoUrl: input.videoUrl }),
      notBefore: deps.now().toISOString(),
    }),
  });
}

export function rescheduleSession(deps: CommandDeps, target: SessionTarget, input: RescheduleSessionInput): Promise<CommandResult> {
  const { videoUrl, ...timing } = input;
  return session(deps, target, async () => ({
    type: 'rescheduleSession',
    sessionId: target.sessionId,
    ...timing,
    ...(videoUrl !== undefined && { videoUrl }),
    notBefore: deps.now().toISOString(),
  }));
}

export function changeAgenda(deps: CommandDeps, target: SessionTarget, input: AgendaInput): Promise<CommandResult> {
  return session(deps, target, async () => ({ type: 'changeAgenda', sessionId: target.sessionId, agenda: input.agenda }));
}

export function cancelSession(deps: CommandDeps, target: SessionTarget, input: CancelSessionInput): Promise<CommandResult> {
  return session(deps, target, async () => ({ type: 'cancelSession', sessionId: target.sessionId, reason: input.reason }));
}

export function startSession(deps: CommandDeps, target: SessionTarget): Promise<CommandResult> {
  return session(deps, target, async () => ({ type: 'startSession', sessionId: target.sessionId }));
}

export function selectItem(deps: CommandDeps, target: SessionTarget, input: SelectItemInput): Promise<CommandResult> {
  return session(deps, target, async () => ({ type: 'selectItem', sessionId: target.sessionId, section: input.section }));
}

export function recordOutcome(deps: CommandDeps, target: SessionTarget, input: OutcomeInput): Promise<CommandResult> {
  return session(deps, target, async () => ({ type: 'recordOutcome', sessionId: target.sessionId, ...input }));
}

export function concludeSession(deps: CommandDeps, target: SessionTarget): Promise<CommandResult> {
  return session(deps, target, async () => ({ type: 'concludeSession', sessionId: target.sessionId }));
}

/** The invitee accepts the session's current schedule. */
export function acceptSession(deps: CommandDeps, target: SessionTarget): Promise<CommandResult> {
  return session(deps, target, async () => ({ type: 'acceptSession', sessionId: target.sessionId }));
}

/** The invitee declines, perhaps proposing another start. */
export function declineSession(deps: CommandDeps, target: SessionTarget, input: DeclineSessionInput): Promise<CommandResult> {
  return session(deps, target, async () => ({ type: 'declineSession', sessionId: target.sessionId, ...input, notBefore: deps.now().toISOString() }));
}

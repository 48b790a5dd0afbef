import { exhaustive } from '../exhaustive.ts';
import { MAX_OBJECTION_REASON_CHARS } from '../limits.ts';
import { accept, reject } from './decisions.ts';
import type { Actor, CaseWorkflow, Decision, WorkflowCommand, WorkflowEvent } from './types.ts';

/**
 * The arbeidsdeskundige (labour expert) of a case, and the case's closing.
 * A physician of the case invites one labour expert; the other physician
 * sees the invitation and may object, which ends it; either physician may
 * revoke it. While invited, the labour expert reads what the physicians
 * handed over (agreed positions, residual disagreements, the employer
 * summary, the dossier export) and nothing else. Closing the case ends the
 * invitation for good: a closed case takes no new one.
 */

export const CASE_CLOSE_REASONS = ['werkhervatting', 'wia-besluit', 'einde-dienstverband', 'anders'] as const;
export type CaseCloseReason = (typeof CASE_CLOSE_REASONS)[number];

/** The labour expert invited into a case: who, and who invited them when. */
export interface LabourExpertGrant {
  userId: string;
  name: string;
  invitedBy: Actor;
  invitedAt: string;
}

/** A closed case: why, by whom, when. */
export interface CaseClosure {
  reason: CaseCloseReason;
  by: Actor;
  at: string;
}

export type LabourExpertCommand = Extract<WorkflowCommand, { type: 'inviteLabourExpert' | 'objectToLabourExpert' | 'revokeLabourExpert' | 'closeCase' }>;
export type LabourExpertEvent = Extract<WorkflowEvent, { type: `labour_expert.${string}` }>;
export type CaseEvent = Extract<WorkflowEvent, { type: `case.${string}` }>;

/** Only the case's two physicians invite, object, revoke and close. */
export function decideLabourExpert(state: CaseWorkflow, command: LabourExpertCommand, actor: Actor): Decision {
  if (actor.role !== 'ba' && actor.role !== 'va') return reject(403, `${command.type}.only-physicians`, "Only the case's physicians may do this");
  if (state.closed) return reject(409, `${command.type}.closed`, 'The case is closed');
  const current = state.labourExpert;
  switch (command.type) {
    case 'inviteLabourExpert':
      if (current) return reject(409, 'inviteLabourExpert.already-invited', `${current.name} is already invited: revoke that invitation first`);
      if (!command.labourExpert) return reject(409, 'inviteLabourExpert.not-a-labour-expert', 'No active arbeidsdeskundige account by that id');
      return accept({ type: 'labour_expert.invited', userId: command.labourExpert.userId, name: command.labourExpert.name });
    case 'objectToLabourExpert':
      if (!current) return reject(409, 'objectToLabourExpert.none', 'No arbeidsdeskundige is invited');
      if (current.invitedBy.userId === actor.userId) {
        return reject(403, 'objectToLabourExpert.inviter', 'You invited the arbeidsdeskundige: revoke the invitation instead');
      }
      if (command.reason.length > MAX_OBJECTION_REASON_CHARS) {
        return reject(400, 'objectToLabourExpert.reason', `The reason is at most ${MAX_OBJECTION_REASON_CHARS} characters`);
      }
      return accept({ type: 'labour_expert.objected', reason: command.reason.trim() });
    case 'revokeLabourExpert':
      if (!current) return reject(409, 'revokeLabourExpert.none', 'No arbeidsdeskundige is invited');
      return accept({ type: 'labour_expert.revoked' });
    case 'closeCase':
      return accept({ type: 'case.closed', reason: command.reason });
    default:
      return exhaustive(command);
  }
}

export function applyLabourExpertEvent(event: LabourExpertEvent, actor: Actor, at: string): LabourExpertGrant | null {
  switch (event.type) {
    case 'labour_expert.invited':
      return { userId: event.userId, name: event.name, invitedBy: actor, invitedAt: at };
    case 'labour_expert.objected':
    case 'labour_expert.revoked':
      return null;
    default:
      return exhaustive(event);
  }
}

/** Closing ends the labour expert's access with it. */
export function applyCaseEvent(event: CaseEvent, actor: Actor, at: string): Pick<CaseWorkflow, 'closed' | 'labourExpert'> {
  return { closed: { reason: event.reason, by: actor, at }, labourExpert: null };
}

/** The labour expert who holds access to the case now (none once it is closed). */
export function activeLabourExpert(state: Pick<CaseWorkflow, 'labourExpert' | 'closed'>): string | null {
  return state.closed ? null : (state.labourExpert?.userId ?? null);
}

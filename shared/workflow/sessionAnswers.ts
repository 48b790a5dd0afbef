import { accept, reject } from './decisions.ts';
import type { Actor, ConsultationSession, Decision, WorkflowCommand, WorkflowEvent } from './types.ts';

/**
 * The invitee's answer to a planned session: the physician who did not plan
 * it accepts it, or declines it and perhaps proposes another start. The state
 * check (scheduled only) is the transition's (transitions.ts); this decides
 * who may answer and what.
 */

export type AnswerCommand = Extract<WorkflowCommand, { type: 'acceptSession' | 'declineSession' }>;
export type AnswerEvent = Extract<WorkflowEvent, { type: 'session.accepted' | 'session.declined' }>;

/** Whether `actor` is the session's invitee: the case's other physician. */
export function isInvitee(session: Pick<ConsultationSession, 'scheduledBy'>, actor: Pick<Actor, 'role'>): boolean {
  return (actor.role === 'ba' || actor.role === 'va') && actor.role !== session.scheduledBy.role;
}

export function decideAnswer(session: ConsultationSession, command: AnswerCommand, actor: Actor): Decision {
  if (!isInvitee(session, actor)) {
    return reject(403, `${command.type}.only-invitee`, 'Only the physician who did not plan the session answers it');
  }
  if (command.type === 'acceptSession') {
    if (session.answer?.answer === 'accepted') return reject(409, 'acceptSession.already-accepted', 'The session is already accepted');
    return accept({ type: 'session.accepted', sessionId: session.id });
  }
  if (command.proposedAt !== null && Date.parse(command.proposedAt) < Date.parse(command.notBefore)) {
    return reject(409, 'declineSession.proposed-in-past', 'The time proposed instead cannot be in the past');
  }
  if (command.proposedAt === session.scheduledAt) {
    return reject(409, 'declineSession.proposed-same', 'The time proposed instead is the time the session is planned at');
  }
  return accept({ type: 'session.declined', sessionId: session.id, proposedAt: command.proposedAt, reason: command.reason });
}

export function applyAnswer(session: ConsultationSession, event: AnswerEvent, actor: Actor, at: string): ConsultationSession {
  const declined = event.type === 'session.declined';
  return {
    ...session,
    answer: {
      answer: declined ? 'declined' : 'accepted',
      by: actor,
      at,
      proposedAt: declined ? event.proposedAt : null,
      reason: declined ? event.reason : '',
    },
  };
}

/** A session without an answer (after a reschedule): the key is removed, so the state equals a replay of an older log. */
export function withoutAnswer(session: ConsultationSession): ConsultationSession {
  const { answer: _answer, ...rest } = session;
  return rest;
}

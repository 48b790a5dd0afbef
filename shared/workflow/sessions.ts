import { exhaustive } from '../exhaustive.ts';
import { SESSION_DURATION } from '../limits.ts';
import { accept, checkActor, checkFrom, reject, unknownSection } from './decisions.ts';
import { applyAnswer, decideAnswer, withoutAnswer } from './sessionAnswers.ts';
import { SESSION_TRANSITIONS, type Transition } from './transitions.ts';
import type { Actor, AgendaItem, CaseWorkflow, ConsultationSession, Decision, SessionStatus, WorkflowCommand, WorkflowEvent } from './types.ts';

/** Consultation sessions: scheduling, the agenda, the live walk-through and its outcomes. */

/** The limits of a session's length (kept here too for the pages that import it from the session rules). */
export { SESSION_DURATION };

export type SessionCommand = Extract<WorkflowCommand, { sessionId: string }>;
export type SessionEvent = Extract<WorkflowEvent, { type: `session.${string}` }>;
type ExistingSessionCommand = Exclude<SessionCommand, { type: 'scheduleSession' }>;

/** Decides a session command: only the case's physicians hold sessions. */
export function decideSession(state: CaseWorkflow, command: SessionCommand, actor: Actor): Decision {
  const who = checkActor('physician', actor, command.type);
  if (who) return who;
  if (command.type === 'scheduleSession') return decideSchedule(state, command);
  const session = state.sessions.find((s) => s.id === command.sessionId);
  if (!session) return reject(400, 'session.unknown', 'There is no such session in this case');
  const transition: Transition<SessionStatus> = SESSION_TRANSITIONS[command.type];
  return checkFrom(transition, session.status, command.type, 'state', `when the session is ${session.status}`) ?? decideFrom(state, session, command, actor);
}

function decideFrom(state: CaseWorkflow, session: ConsultationSession, command: ExistingSessionCommand, actor: Actor): Decision {
  switch (command.type) {
    case 'rescheduleSession': {
      const invalid = checkTiming(command);
      return (
        invalid ??
        accept({
          type: 'session.rescheduled',
          sessionId: session.id,
          scheduledAt: command.scheduledAt,
          durationMinutes: command.durationMinutes,
          mode: command.mode,
          ...(command.videoUrl !== undefined && { videoUrl: command.videoUrl }),
        })
      );
    }
    case 'changeAgenda': {
      const invalid = checkAgenda(state, command.agenda);
      if (invalid) return invalid;
      const dropped = session.agenda.filter((item) => item.outcome && !command.agenda.includes(item.section));
      if (dropped.length > 0)
        return reject(409, 'changeAgenda.has-outcome', `An item with a recorded outcome stays on the agenda: ${dropped.map((i) => i.section).join(', ')}`);
      return accept({ type: 'session.agenda_changed', sessionId: session.id, agenda: command.agenda });
    }
    case 'cancelSession':
      return accept({ type: 'session.cancelled', sessionId: session.id, reason: command.reason });
    case 'startSession':
      if (state.sessions.some((s) => s.status === 'live'))
        return reject(409, 'startSession.one-live', 'Another session of this case is live: conclude it first');
      return accept({ type: 'session.started', sessionId: session.id });
    case 'selectItem':
      if (!onAgenda(session, command.section)) return reject(409, 'selectItem.not-on-agenda', `Section ${command.section} is not on this session's agenda`);
      return accept({ type: 'session.item_selected', sessionId: session.id, section: command.section });
    case 'recordOutcome':
      return decideOutcome(state, session, command);
    case 'concludeSession':
      return accept({ type: 'session.concluded', sessionId: session.id });
    case 'acceptSession':
    case 'declineSession':
      return decideAnswer(session, command, actor);
    default:
      return exhaustive(command);
  }
}

function decideSchedule(state: CaseWorkflow, command: Extract<WorkflowCommand, { type: 'scheduleSession' }>): Decision {
  if (state.sessions.some((s) => s.id === command.sessionId)) return reject(409, 'scheduleSession.id', 'A session with this id exists');
  return (
    checkTiming(command) ??
    checkAgenda(state, command.agenda) ??
    accept({
      type: 'session.scheduled',
      sessionId: command.sessionId,
      scheduledAt: command.scheduledAt,
      durationMinutes: command.durationMinutes,
      mode: command.mode,
      agenda: command.agenda,
      ...(command.videoUrl && { videoUrl: command.videoUrl }),
    })
  );
}

/**
 * An outcome follows what the workflow already records: "agreed" needs the
 * section's agreement signed by both, "escalated" an open dispute, "still
 * disagree" a disagreement on record. The session records; the workflow
 * commands decide.
 */
function decideOutcome(state: CaseWorkflow, session: ConsultationSession, command: Extract<WorkflowCommand, { type: 'recordOutcome' }>): Decision {
  if (!onAgenda(session, command.section)) {
    return reject(409, 'recordOutcome.not-on-agenda', `Section ${command.section} is not on this session's agenda: add it to the agenda first`);
  }
  const status = state.sections[command.section]?.status;
  if (command.outcome === 'agreed' && status !== 'agreed') {
    return reject(409, 'recordOutcome.agreed-needs-signatures', 'An agreed outcome needs the agreed position proposed and signed by both physicians first');
  }
  if (command.outcome === 'escalated' && status !== 'escalated') {
    return reject(409, 'recordOutcome.escalated-needs-dispute', 'An escalated outcome needs the section escalated into a dispute first');
  }
  if (command.outcome === 'still_disagree' && status !== 'disagreement' && status !== 'proposed' && status !== 'escalated') {
    return reject(409, 'recordOutcome.disagreement-needs-flag', 'A remaining disagreement needs the disagreement flagged first');
  }
  return accept({ type: 'session.outcome_recorded', sessionId: session.id, section: command.section, outcome: command.outcome, notes: command.notes });
}

function checkTiming({ scheduledAt, durationMinutes, notBefore }: { scheduledAt: string; durationMinutes: number; notBefore: string }): Decision | null {
  if (!Number.isInteger(durationMinutes) || durationMinutes < SESSION_DURATION.min || durationMinutes > SESSION_DURATION.max) {
    return reject(400, 'session.duration', `A session lasts ${SESSION_DURATION.min} to ${SESSION_DURATION.max} minutes`);
  }
  if (Date.parse(scheduledAt) < Date.parse(notBefore)) return reject(409, 'session.in-past', 'A session cannot be scheduled in the past');
  return null;
}

function checkAgenda(state: CaseWorkflow, agenda: string[]): Decision | null {
  if (new Set(agenda).size !== agenda.length) return reject(400, 'session.agenda', 'A section is on the agenda twice');
  const unknown = agenda.filter((id) => !(id in state.sections));
  if (unknown.length > 0) return unknownSection(unknown[0]!);
  return null;
}

function onAgenda(session: ConsultationSession, section: string): boolean {
  return session.agenda.some((item) => item.section === section);
}

/** The sessions after one of their events. */
export function applySessionEvent(sessions: ConsultationSession[], event: SessionEvent, actor: Actor, at: string): ConsultationSession[] {
  if (event.type === 'session.scheduled') {
    return [
      ...sessions,
      {
        id: event.sessionId,
        scheduledAt: event.scheduledAt,
        durationMinutes: event.durationMinutes,
        mode: event.mode,
        agenda: event.agenda.map(emptyItem),
        ...(event.videoUrl && { videoUrl: event.videoUrl }),
        status: 'scheduled',
        scheduledBy: actor,
        revision: 0,
        started: null,
        currentItem: null,
        concluded: null,
        cancelled: null,
      },
    ];
  }
  return sessions.map((session) => (session.id === event.sessionId ? change(session, event, actor, at) : session));
}

function change(session: ConsultationSession, event: SessionEvent, actor: Actor, at: string): ConsultationSession {
  switch (event.type) {
    case 'session.scheduled':
      return session;
    case 'session.rescheduled':
      return rescheduled(session, event);
    case 'session.agenda_changed': {
      const kept = new Map(session.agenda.map((item) => [item.section, item]));
      const agenda = event.agenda.map((section) => kept.get(section) ?? emptyItem(section));
      const currentItem = session.currentItem && event.agenda.includes(session.currentItem) ? session.currentItem : (event.agenda[0] ?? null);
      return { ...session, agenda, currentItem: session.status === 'live' ? currentItem : null, revision: session.revision + 1 };
    }
    case 'session.cancelled':
      return { ...session, status: 'cancelled', cancelled: { by: actor, at, reason: event.reason }, revision: session.revision + 1 };
    case 'session.started':
      return { ...session, status: 'live', started: { by: actor, at }, currentItem: session.agenda[0]?.section ?? null };
    case 'session.item_selected':
      return { ...session, currentItem: event.section };
    case 'session.outcome_recorded':
      return {
        ...session,
        agenda: session.agenda.map((item) =>
          item.section === event.section ? { ...item, outcome: event.outcome, notes: event.notes, recordedBy: actor, recordedAt: at } : item,
        ),
      };
    case 'session.concluded':
      return { ...session, status: 'concluded', concluded: { by: actor, at }, currentItem: null };
    case 'session.accepted':
    case 'session.declined':
      return applyAnswer(session, event, actor, at);
    default:
      return exhaustive(event);
  }
}

/** A new time asks the invitee again: the answer is cleared; the video link follows the event (set, removed or kept). */
function rescheduled(session: ConsultationSession, event: Extract<SessionEvent, { type: 'session.rescheduled' }>): ConsultationSession {
  const { videoUrl: kept, ...rest } = withoutAnswer(session);
  const videoUrl = event.videoUrl === undefined ? kept : event.videoUrl;
  return {
    ...rest,
    ...(videoUrl && { videoUrl }),
    scheduledAt: event.scheduledAt,
    durationMinutes: event.durationMinutes,
    mode: event.mode,
    revision: session.revision + 1,
  };
}

function emptyItem(section: string): AgendaItem {
  return { section, outcome: null, notes: '', recordedBy: null, recordedAt: null };
}

/**
 * Concluded sessions per section that count for the persistence rule: those
 * that had the section on their agenda and concluded after its flag was raised.
 */
export function concludedSessionsBySection(state: CaseWorkflow): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [id, section] of Object.entries(state.sections)) {
    if (!section.flag) continue;
    counts[id] = state.sessions.filter(
      (s) => s.status === 'concluded' && s.concluded!.at >= section.flag!.at && s.agenda.some((item) => item.section === id),
    ).length;
  }
  return counts;
}

/** The agenda a new session starts from: every section with a disagreement on record. */
export function proposedAgenda(state: CaseWorkflow): string[] {
  return Object.entries(state.sections)
    .filter(([, section]) => section.status === 'disagreement' || section.status === 'proposed' || section.status === 'escalated')
    .map(([id]) => id);
}

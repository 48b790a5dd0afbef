import { exhaustive } from '../exhaustive.ts';
import { MAX_RIV_DOUBT_REASON_CHARS } from '../limits.ts';
import { rivWindowStartWeek } from '../poortwachter.ts';
import { accept, reject } from './decisions.ts';
import type { Actor, CaseWorkflow, ConsultationSession, Decision, RivDoubt, RivState, WorkflowCommand, WorkflowEvent } from './types.ts';

/**
 * The re-integration report (RIV): the BA may record doubt about the actueel
 * oordeel from the start of the report's window (week 87 by the rules in
 * shared/poortwachter.ts), and withdraw it. While doubt stands, a
 * consultation with the VA is required: the case is ready for the report
 * once a session concluded after the doubt was recorded.
 */

export type RivCommand = Extract<WorkflowCommand, { type: 'recordRivDoubt' | 'withdrawRivDoubt' }>;
export type RivEvent = Extract<WorkflowEvent, { type: `riv.${string}` }>;

export function emptyRiv(): RivState {
  return { doubt: null };
}

/** Only the case's BA gives the actueel oordeel, so only the BA records or withdraws doubt about it. */
export function decideRiv(state: CaseWorkflow, command: RivCommand, actor: Actor): Decision {
  if (actor.role !== 'ba') return reject(403, `${command.type}.only-ba`, "Only the case's occupational physician (BA) may do this");
  const doubt = state.riv.doubt;
  switch (command.type) {
    case 'recordRivDoubt': {
      const from = rivWindowStartWeek();
      if (command.week === null || command.week < from) {
        return reject(
          409,
          'recordRivDoubt.before-window',
          `Doubt about the current assessment is recorded from week ${from}, when the re-integration report is due`,
        );
      }
      if (doubt) return reject(409, 'recordRivDoubt.already-recorded', 'Doubt is already recorded: withdraw it first to record it again');
      if (command.reason.length > MAX_RIV_DOUBT_REASON_CHARS) {
        return reject(400, 'recordRivDoubt.reason', `The reason is at most ${MAX_RIV_DOUBT_REASON_CHARS} characters`);
      }
      return accept({ type: 'riv.doubt_recorded', reason: command.reason.trim() });
    }
    case 'withdrawRivDoubt':
      if (!doubt) return reject(409, 'withdrawRivDoubt.none', 'No doubt is recorded');
      return accept({ type: 'riv.doubt_withdrawn' });
    default:
      return exhaustive(command);
  }
}

export function applyRivEvent(riv: RivState, event: RivEvent, actor: Actor, at: string): RivState {
  switch (event.type) {
    case 'riv.doubt_recorded':
      return { ...riv, doubt: { by: actor, at, reason: event.reason } };
    case 'riv.doubt_withdrawn':
      return { ...riv, doubt: null };
    default:
      return exhaustive(event);
  }
}

/** Whether the case is ready for the re-integration report, and the consultation that made it so. */
export interface RivReadiness {
  doubt: RivDoubt | null;
  /** Doubt stands and no session concluded after it. */
  consultationRequired: boolean;
  ready: boolean;
  /** The first session concluded after the doubt was recorded. */
  consultation: { sessionId: string; at: string } | null;
}

export function rivReadiness(state: Pick<CaseWorkflow, 'riv' | 'sessions'>): RivReadiness {
  const doubt = state.riv.doubt;
  if (!doubt) return { doubt: null, consultationRequired: false, ready: true, consultation: null };
  const held = consultationAfter(state.sessions, doubt.at);
  return { doubt, consultationRequired: !held, ready: held !== null, consultation: held && { sessionId: held.id, at: held.concluded!.at } };
}

/** The first session concluded after `at`: a cancelled one, or one concluded before, does not count. */
function consultationAfter(sessions: readonly ConsultationSession[], at: string): ConsultationSession | null {
  const after = sessions.filter((s) => s.status === 'concluded' && s.concluded && Date.parse(s.concluded.at) > Date.parse(at));
  after.sort((a, b) => Date.parse(a.concluded!.at) - Date.parse(b.concluded!.at));
  return after[0] ?? null;
}

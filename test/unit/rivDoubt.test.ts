import { describe, expect, it } from 'vitest';
import { MAX_RIV_DOUBT_REASON_CHARS } from '../../shared/limits.ts';
import { rivWindowStartWeek } from '../../shared/poortwachter.ts';
import {
  apply,
  decide,
  initialWorkflow,
  replay,
  rivReadiness,
  type Actor,
  type AppliedEvent,
  type CaseWorkflow,
  type WorkflowCommand,
} from '../../shared/workflow/index.ts';

const BA: Actor = { userId: 'u-ba', name: 'Anna Bakker', role: 'ba' };
const VA: Actor = { userId: 'u-va', name: 'Victor Visser', role: 'va' };
const REVIEWER: Actor = { userId: 'u-rev', name: 'Renée de Roos', role: 'reviewer' };

/** Decides and applies one command, failing the test on a refusal. */
function run(state: CaseWorkflow, command: WorkflowCommand, actor: Actor, at: string): CaseWorkflow {
  const decision = decide(state, command, actor);
  if (!decision.ok) throw new Error(decision.rejection.rule);
  return apply(state, { seq: state.seq + 1, at, actor, event: decision.event });
}

const doubt = (reason = 'Belastbaarheid onzeker'): WorkflowCommand => ({ type: 'recordRivDoubt', reason, week: 88 });
const refusal = (state: CaseWorkflow, command: WorkflowCommand, actor: Actor) => {
  const decision = decide(state, command, actor);
  return decision.ok ? null : decision.rejection;
};

function heldSession(state: CaseWorkflow, id: string, at: { start: string; end: string }, conclude = true): CaseWorkflow {
  let next = run(
    state,
    { type: 'scheduleSession', sessionId: id, scheduledAt: at.start, durationMinutes: 30, mode: 'video', agenda: [], notBefore: at.start },
    BA,
    at.start,
  );
  if (!conclude) return run(next, { type: 'cancelSession', sessionId: id, reason: '' }, VA, at.end);
  next = run(next, { type: 'startSession', sessionId: id }, VA, at.start);
  return run(next, { type: 'concludeSession', sessionId: id }, VA, at.end);
}

describe('doubt at the actueel oordeel', () => {
  const start = initialWorkflow(['d240']);

  it('is recorded from the first week of the re-integration report by the BA only', () => {
    expect(rivWindowStartWeek()).toBe(87);
    expect(refusal(start, doubt(), VA)).toMatchObject({ status: 403, rule: 'recordRivDoubt.only-ba' });
    expect(refusal(start, doubt(), REVIEWER)).toMatchObject({ status: 403, rule: 'recordRivDoubt.only-ba' });
    expect(refusal(start, { type: 'recordRivDoubt', reason: '', week: 86 }, BA)).toMatchObject({ status: 409, rule: 'recordRivDoubt.before-window' });
    expect(refusal(start, { type: 'recordRivDoubt', reason: '', week: null }, BA)).toMatchObject({ rule: 'recordRivDoubt.before-window' });
    expect(refusal(start, doubt('x'.repeat(MAX_RIV_DOUBT_REASON_CHARS + 1)), BA)).toMatchObject({ status: 400, rule: 'recordRivDoubt.reason' });
    const state = run(start, doubt(), BA, '2027-11-01T10:00:00.000Z');
    expect(state.riv.doubt).toEqual({ by: BA, at: '2027-11-01T10:00:00.000Z', reason: 'Belastbaarheid onzeker' });
    expect(refusal(state, doubt(), BA)).toMatchObject({ status: 409, rule: 'recordRivDoubt.already-recorded' });
  });

  it('requires a consultation while it stands, and is withdrawn by the BA only', () => {
    expect(rivReadiness(start)).toMatchObject({ ready: true, consultationRequired: false, doubt: null });
    const state = run(start, doubt(), BA, '2027-11-01T10:00:00.000Z');
    expect(rivReadiness(state)).toMatchObject({ ready: false, consultationRequired: true, consultation: null });
    expect(refusal(state, { type: 'withdrawRivDoubt' }, VA)).toMatchObject({ status: 403, rule: 'withdrawRivDoubt.only-ba' });
    const withdrawn = run(state, { type: 'withdrawRivDoubt' }, BA, '2027-11-02T10:00:00.000Z');
    expect(rivReadiness(withdrawn)).toMatchObject({ ready: true, consultationRequired: false, doubt: null });
    expect(refusal(withdrawn, { type: 'withdrawRivDoubt' }, BA)).toMatchObject({ status: 409, rule: 'withdrawRivDoubt.none' });
  });

  it('is ready after a session concluded after the doubt, not after a cancelled one or one concluded before', () => {
    let state = heldSession(start, 'before', { start: '2027-10-30T09:00:00.000Z', end: '2027-10-30T09:30:00.000Z' });
    state = run(state, doubt(), BA, '2027-11-01T10:00:00.000Z');
    expect(rivReadiness(state).ready).toBe(false);
    state = heldSession(state, 'cancelled', { start: '2027-11-02T09:00:00.000Z', end: '2027-11-02T09:30:00.000Z' }, false);
    expect(rivReadiness(state)).toMatchObject({ ready: false, consultationRequired: true });
    state = heldSession(state, 'held', { start: '2027-11-03T09:00:00.000Z', end: '2027-11-03T09:40:00.000Z' });
    expect(rivReadiness(state)).toMatchObject({
      ready: true,
      consultationRequired: false,
      consultation: { sessionId: 'held', at: '2027-11-03T09:40:00.000Z' },
    });
  });

  it('replays from the log to the same state', () => {
    const events: AppliedEvent[] = [
      { seq: 1, at: '2027-11-01T10:00:00.000Z', actor: BA, event: { type: 'riv.doubt_recorded', reason: 'r' } },
      { seq: 2, at: '2027-11-02T10:00:00.000Z', actor: BA, event: { type: 'riv.doubt_withdrawn' } },
      { seq: 3, at: '2027-11-03T10:00:00.000Z', actor: BA, event: { type: 'riv.doubt_recorded', reason: '' } },
    ];
    expect(replay(['d240'], events).riv.doubt).toEqual({ by: BA, at: '2027-11-03T10:00:00.000Z', reason: '' });
  });
});

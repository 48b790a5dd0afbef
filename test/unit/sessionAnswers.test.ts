import { describe, expect, it } from 'vitest';
import { apply, decide, initialWorkflow } from '../../shared/workflow/caseWorkflow.ts';
import type { Actor, CaseWorkflow, ConsultationSession, Decision, WorkflowCommand } from '../../shared/workflow/types.ts';
import { DeclineSessionInput, RescheduleSessionInput, ScheduleSessionInput } from '../../shared/workflowSchemas.ts';
import { MAX_DECLINE_REASON_CHARS, MAX_VIDEO_URL_CHARS } from '../../shared/limits.ts';

const BA: Actor = { userId: 'u-ba', name: 'Anna Bakker', role: 'ba' };
const VA: Actor = { userId: 'u-va', name: 'Victor Visser', role: 'va' };
const REVIEWER: Actor = { userId: 'u-rev', name: 'Renée de Roos', role: 'reviewer' };
const NOW = '2026-11-23T08:00:00.000Z';
const LATER = '2026-11-24T09:00:00.000Z';
const OTHER = '2026-11-25T14:00:00.000Z';

/** Decides and, when accepted, applies: the state after, or the refusal's status and rule. */
function run(state: CaseWorkflow, command: WorkflowCommand, actor: Actor): { state: CaseWorkflow; decision: Decision } {
  const decision = decide(state, command, actor);
  if (!decision.ok) return { state, decision };
  return { state: apply(state, { seq: state.seq + 1, at: NOW, actor, event: decision.event }), decision };
}
const refusal = (decision: Decision) => (decision.ok ? null : [decision.rejection.status, decision.rejection.rule]);
const only = (state: CaseWorkflow): ConsultationSession => state.sessions[0]!;

function planned(by: Actor = BA, videoUrl?: string): CaseWorkflow {
  const command: WorkflowCommand = {
    type: 'scheduleSession',
    sessionId: 's1',
    scheduledAt: LATER,
    durationMinutes: 30,
    mode: 'video',
    agenda: [],
    ...(videoUrl && { videoUrl }),
    notBefore: NOW,
  };
  return run(initialWorkflow(['d240']), command, by).state;
}
const accept: WorkflowCommand = { type: 'acceptSession', sessionId: 's1' };
const decline = (proposedAt: string | null, reason = ''): WorkflowCommand => ({ type: 'declineSession', sessionId: 's1', proposedAt, reason, notBefore: NOW });
const reschedule = (scheduledAt: string, videoUrl?: string | null): WorkflowCommand => ({
  type: 'rescheduleSession',
  sessionId: 's1',
  scheduledAt,
  durationMinutes: 30,
  mode: 'video',
  ...(videoUrl !== undefined && { videoUrl }),
  notBefore: NOW,
});

describe('answering a planned session', () => {
  it('starts with no answer; the invitee accepts and the answer names them', () => {
    const state = planned();
    expect(only(state)).not.toHaveProperty('answer');
    const after = run(state, accept, VA);
    expect(after.decision).toMatchObject({ ok: true, event: { type: 'session.accepted', sessionId: 's1' } });
    expect(only(after.state).answer).toEqual({ answer: 'accepted', by: VA, at: NOW, proposedAt: null, reason: '' });
  });

  it('is for the invitee only: not the planner, not a reviewer; a BA invited by the VA answers too', () => {
    expect(refusal(run(planned(), accept, BA).decision)).toEqual([403, 'acceptSession.only-invitee']);
    expect(refusal(run(planned(), decline(OTHER), BA).decision)).toEqual([403, 'declineSession.only-invitee']);
    expect(refusal(run(planned(), accept, REVIEWER).decision)).toEqual([403, 'acceptSession.only-physicians']);
    expect(run(planned(VA), accept, BA).decision.ok).toBe(true);
  });

  it('a decline records the proposed time and the reason; accepting twice is refused, changing one’s mind is not', () => {
    const declined = run(planned(), decline(OTHER, 'Spreekuur'), VA);
    expect(declined.decision).toMatchObject({ ok: true, event: { type: 'session.declined', proposedAt: OTHER, reason: 'Spreekuur' } });
    expect(only(declined.state).answer).toMatchObject({ answer: 'declined', proposedAt: OTHER, reason: 'Spreekuur', by: VA });
    const accepted = run(declined.state, accept, VA).state;
    expect(only(accepted).answer?.answer).toBe('accepted');
    expect(refusal(run(accepted, accept, VA).decision)).toEqual([409, 'acceptSession.already-accepted']);
    expect(only(run(accepted, decline(null), VA).state).answer).toMatchObject({ answer: 'declined', proposedAt: null });
  });

  it('refuses a proposed time in the past or equal to the planned one', () => {
    expect(refusal(run(planned(), decline('2026-11-22T08:00:00.000Z'), VA).decision)).toEqual([409, 'declineSession.proposed-in-past']);
    expect(refusal(run(planned(), decline(LATER), VA).decision)).toEqual([409, 'declineSession.proposed-same']);
  });

  it('is not possible once the session is cancelled, live or concluded', () => {
    const cancelled = run(planned(), { type: 'cancelSession', sessionId: 's1', reason: '' }, BA).state;
    expect(refusal(run(cancelled, accept, VA).decision)).toEqual([409, 'acceptSession.state']);
    const live = run(planned(), { type: 'startSession', sessionId: 's1' }, BA).state;
    expect(refusal(run(live, decline(OTHER), VA).decision)).toEqual([409, 'declineSession.state']);
    const concluded = run(live, { type: 'concludeSession', sessionId: 's1' }, BA).state;
    expect(refusal(run(concluded, accept, VA).decision)).toEqual([409, 'acceptSession.state']);
    expect(refusal(run(planned(), { type: 'acceptSession', sessionId: 'nope' }, VA).decision)).toEqual([400, 'session.unknown']);
  });

  it('a reschedule resets the answer to none (the key is gone, as in a state from before answers)', () => {
    const declined = run(planned(), decline(OTHER), VA).state;
    const moved = run(declined, reschedule(OTHER), BA).state;
    expect(only(moved)).toMatchObject({ scheduledAt: OTHER, revision: 1 });
    expect(only(moved)).not.toHaveProperty('answer');
  });
});

describe('the video link of a session', () => {
  it('is set when scheduling, kept by a reschedule without one, replaced or removed with null', () => {
    const state = planned(BA, 'https://meet.example.nl/abc');
    expect(only(state).videoUrl).toBe('https://meet.example.nl/abc');
    const kept = run(state, reschedule(OTHER), BA).state;
    expect(only(kept).videoUrl).toBe('https://meet.example.nl/abc');
    const replaced = run(kept, reschedule(LATER, 'https://meet.example.nl/def'), VA).state;
    expect(only(replaced).videoUrl).toBe('https://meet.example.nl/def');
    const removed = run(replaced, reschedule(OTHER, null), VA).state;
    expect(only(removed)).not.toHaveProperty('videoUrl');
    // Without a link, neither the event nor the session holds the key.
    expect(only(planned())).not.toHaveProperty('videoUrl');
  });

  it('the schemas take https addresses only, within the limit, and a proposed time as a date-time', () => {
    const base = { scheduledAt: LATER, durationMinutes: 30, mode: 'video' };
    const videoUrl = (value: unknown) => ScheduleSessionInput.safeParse({ ...base, videoUrl: value });
    expect(videoUrl('https://meet.example.nl/abc?x=1').data?.videoUrl).toBe('https://meet.example.nl/abc?x=1');
    for (const bad of ['http://meet.example.nl/abc', 'javascript:alert(1)', 'data:text/html,x', 'https://user:pw@meet.example.nl/', 'meet.example.nl', '']) {
      expect(videoUrl(bad).success, bad).toBe(false);
    }
    expect(videoUrl(`https://meet.example.nl/${'a'.repeat(MAX_VIDEO_URL_CHARS)}`).success).toBe(false);
    expect(RescheduleSessionInput.parse({ ...base, videoUrl: null }).videoUrl).toBeNull();
    expect(RescheduleSessionInput.parse(base)).not.toHaveProperty('videoUrl');

    expect(DeclineSessionInput.parse({})).toEqual({ proposedAt: null, reason: '' });
    expect(DeclineSessionInput.parse({ proposedAt: '2026-11-25T15:00:00+01:00' }).proposedAt).toBe(OTHER);
    expect(DeclineSessionInput.safeParse({ proposedAt: '25-11-2026 15:00' }).success).toBe(false);
    expect(DeclineSessionInput.safeParse({ reason: 'x'.repeat(MAX_DECLINE_REASON_CHARS + 1) }).success).toBe(false);
  });
});

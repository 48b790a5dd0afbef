import { describe, expect, it } from 'vitest';
import { initialWorkflow, type CaseWorkflow, type Dispute, type EventEnvelope, type WorkflowEvent } from '../../shared/workflow/index.ts';
import { notificationId, notificationsOf, planOf } from '../../server/notifications/notificationPlan.ts';
import { amsterdamDayAndHour, digestDue } from '../../server/notifications/NotificationMail.ts';
import { digestMail, immediateMail } from '../../server/notifications/mailText.ts';
import type { MemberRecord } from '../../server/store/ports.ts';

const members: MemberRecord[] = [
  { caseId: 'c1', userId: 'u-ba', caseRole: 'ba' },
  { caseId: 'c1', userId: 'u-va', caseRole: 'va' },
];
const ba = { userId: 'u-ba', name: 'Anna Bakker', role: 'ba' } as const;
const envelope = (event: WorkflowEvent, actor: EventEnvelope['actor'] = ba): EventEnvelope => ({
  caseId: 'c1',
  seq: 1,
  at: '2026-12-02T10:00:00.000Z',
  actor,
  event,
  prevHash: '0'.repeat(64),
  hash: '1'.repeat(64),
});
function withDispute(stage: Dispute['stage']): CaseWorkflow {
  const state = initialWorkflow(['d240']);
  const reviewer = { userId: 'u-rev', name: 'Renée de Roos', invitedBy: ba, invitedAt: '', opinion: null };
  return { ...state, disputes: [{ id: 'x1', stage, reviewer } as unknown as Dispute] };
}

describe('who is told of an event', () => {
  it('tells the other physician, never the actor, with ids and names only', () => {
    const event = { type: 'disagreement.flagged', section: 'd240', rationale: 'GEHEIM', kind: 'capacity', positions: { ba: 'x', va: 'y' } } as const;
    const made = notificationsOf(envelope(event), initialWorkflow(['d240']), members);
    expect(made).toEqual([
      {
        id: expect.any(String),
        userId: 'u-va',
        caseId: 'c1',
        kind: 'disagreement.flagged',
        actor: { name: 'Anna Bakker', role: 'bedrijfsarts' },
        section: 'd240',
        at: '2026-12-02T10:00:00.000Z',
      },
    ]);
    expect(JSON.stringify(made)).not.toContain('GEHEIM');
  });

  it("tells a dispute's reviewer while the dispute grants access, and not once it closed", () => {
    const opinion = { type: 'dispute.formal_route_outcome_recorded', disputeId: 'x1', text: 'GEHEIM', decidedOn: '2026-12-01' } as const;
    expect(notificationsOf(envelope(opinion), withDispute('formal_route'), members).map((n) => n.userId)).toEqual(['u-va', 'u-rev']);
    const closed = { type: 'dispute.closed', disputeId: 'x1', outcomes: {}, positions: {} } as const;
    expect(notificationsOf(envelope(closed), withDispute('closed'), members).map((n) => n.userId)).toEqual(['u-va']);
    const byReviewer = envelope({ type: 'dispute.opinion_recorded', disputeId: 'x1', text: 'GEHEIM' }, { userId: 'u-rev', name: 'R', role: 'reviewer' });
    const told = notificationsOf(byReviewer, withDispute('peer_review'), members);
    expect(told.map((n) => [n.userId, n.actor.role])).toEqual([
      ['u-ba', 'reviewer'],
      ['u-va', 'reviewer'],
    ]);
  });

  it('leaves out steps inside a session and the upkeep of comments', () => {
    for (const event of [
      { type: 'disagreement.withdrawn', section: 'd240' },
      { type: 'session.started', sessionId: 's1' },
      { type: 'comment.edited', threadId: 't', commentId: 'c' },
      { type: 'comment.resolved', threadId: 't' },
    ] as const)
      expect(planOf(event)).toBeNull();
  });

  it('makes ids that sort by time, also within one millisecond', () => {
    const ids = ['2026-12-02T10:00:00.000Z', '2026-12-02T10:00:00.000Z', '2026-12-02T10:00:00.001Z', '2026-12-03T00:00:00.000Z'].map(notificationId);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(4);
  });
});

describe('the digest hour in Amsterdam', () => {
  it('follows summer and winter time', () => {
    expect(amsterdamDayAndHour(new Date('2026-12-02T07:00:00Z'))).toEqual({ day: '2026-12-02', hour: 8 });
    expect(amsterdamDayAndHour(new Date('2026-07-02T06:00:00Z'))).toEqual({ day: '2026-07-02', hour: 8 });
    expect(amsterdamDayAndHour(new Date('2026-12-02T23:30:00Z'))).toEqual({ day: '2026-12-03', hour: 0 });
  });

  it('is due once a day at the hour, with an address', () => {
    const settings = { email: 'a@example.org', mode: 'digest', digestHour: 8, language: 'nl' } as const;
    const at8 = new Date('2026-12-02T07:10:00Z');
    expect(digestDue({ userId: 'u', settings, lastDigestAt: null }, at8)).toBe(true);
    expect(digestDue({ userId: 'u', settings, lastDigestAt: '2026-12-02T07:01:00.000Z' }, at8)).toBe(false);
    expect(digestDue({ userId: 'u', settings, lastDigestAt: '2026-12-01T07:01:00.000Z' }, at8)).toBe(true);
    expect(digestDue({ userId: 'u', settings, lastDigestAt: null }, new Date('2026-12-02T08:10:00Z'))).toBe(false);
    expect(digestDue({ userId: 'u', settings: { ...settings, email: null }, lastDigestAt: null }, at8)).toBe(false);
  });

  it('writes the mail in the user’s language, with the kind, the count and the link only', () => {
    expect(immediateMail('comment.created', 'en', 'https://w.example/notifications').subject).toBe('Consultation workspace: Comment added');
    const digest = digestMail({ 'comment.created': 2, 'session.scheduled': 1 }, 'nl', 'https://w.example/notifications');
    expect(digest.subject).toBe('Consultatiewerkplek: 3 nieuwe meldingen');
    expect(digest.text).toContain('- Opmerking geplaatst (2)\n- Overleg gepland (1)');
  });
});

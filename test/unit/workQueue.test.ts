import { describe, expect, it } from 'vitest';
import { isOverdue, workQueueEntry, type QueueCase, type QueueContext } from '../../shared/workQueue.ts';
import { initialWorkflow, type Actor, type CaseWorkflow, type ConsultationSession, type Dispute, type SectionState } from '../../shared/workflow/index.ts';

const BA: Actor = { userId: 'u-ba', name: 'BA', role: 'ba' };
const VA: Actor = { userId: 'u-va', name: 'VA', role: 'va' };
const TODAY = '2025-03-03';
const RULE = { sessions: 2, days: 28 };
const POSITIONS = { ba: 'b', va: 'v' };

const context = (over: Partial<QueueContext> = {}): QueueContext => ({ userId: BA.userId, role: 'ba', today: TODAY, persistenceRule: RULE, ...over });
const queueCase = (state: CaseWorkflow | null, over: Partial<QueueCase> = {}): QueueCase => ({
  firstSickDay: '2025-01-06',
  createdAt: '2025-01-07T09:00:00.000Z',
  state,
  lastEventAt: null,
  unreadComments: 0,
  ...over,
});

function flagged(at: string): SectionState {
  const flag = { by: BA, at, rationale: 'r', kind: 'capacity' as const, positions: POSITIONS };
  return { ...initialWorkflow(['x']).sections.x!, status: 'disagreement', flag, lastFlag: flag };
}

function proposed(by: Actor): SectionState {
  return { ...initialWorkflow(['x']).sections.x!, status: 'proposed', proposal: { by, at: '2025-03-01T10:00:00.000Z', text: 't', qualifier: null, hash: 'h' } };
}

function dispute(id: string, stage: Dispute['stage'], targets: Partial<Dispute['targets']>): Dispute {
  return {
    id,
    sections: ['a'],
    question: 'q',
    reason: 'explicit',
    explanation: 'e',
    targets: { peerReview: null, formalRoute: null, closed: null, ...targets },
    positions: {},
    stage,
    timeline: [],
    reviewer: null,
    formalRoute: null,
    closing: null,
  };
}

function session(id: string, scheduledAt: string, status: ConsultationSession['status']): ConsultationSession {
  return {
    id,
    scheduledAt,
    durationMinutes: 30,
    mode: 'video',
    agenda: [],
    status,
    scheduledBy: BA,
    revision: 0,
    started: null,
    currentItem: null,
    concluded: null,
    cancelled: null,
  };
}

function stateWith(sections: Record<string, SectionState>, rest: Partial<CaseWorkflow> = {}): CaseWorkflow {
  return { ...initialWorkflow(['open']), ...rest, sections: { open: initialWorkflow(['open']).sections.open!, ...sections } };
}

describe('workQueueEntry', () => {
  it('a fresh case: week of sickness, the next milestone, no counts, created as last activity', () => {
    const entry = workQueueEntry(queueCase(initialWorkflow(['a', 'b'])), context());
    expect(entry.weekOfSickness).toBe(9);
    expect(entry.nextMilestone).toEqual({
      id: 'evaluatie-plan-van-aanpak-1',
      labelNl: expect.any(String),
      labelEn: expect.any(String),
      dueWeek: 14,
      dueDate: '2025-04-07',
    });
    expect(entry).toMatchObject({ openDisagreements: 0, awaitingMySignature: 0, openDisputes: 0, overdueDisputes: 0, persistentDisagreements: 0 });
    expect(entry).toMatchObject({ nextSession: null, unreadComments: 0, lastActivityAt: '2025-01-07T09:00:00.000Z', integrity: 'ok' });
  });

  it('flagged and proposed sections are open disagreements; agreed and escalated ones are not', () => {
    const agreed: SectionState = { ...proposed(VA), status: 'agreed' };
    const escalated: SectionState = { ...flagged('2025-03-01T00:00:00Z'), status: 'escalated' };
    const state = stateWith({ f: flagged('2025-03-01T00:00:00Z'), p: proposed(VA), g: agreed, e: escalated });
    expect(workQueueEntry(queueCase(state), context()).openDisagreements).toBe(2);
  });

  it('a proposal awaits my signature only when the other physician made it', () => {
    const state = stateWith({ byVa: proposed(VA), byBa: proposed(BA) });
    expect(workQueueEntry(queueCase(state), context()).awaitingMySignature).toBe(1);
    expect(workQueueEntry(queueCase(stateWith({ byVa: proposed(VA) })), context({ userId: VA.userId, role: 'va' })).awaitingMySignature).toBe(0);
    expect(workQueueEntry(queueCase(state), context({ userId: 'u-rev', role: 'reviewer' })).awaitingMySignature).toBe(0);
    expect(workQueueEntry(queueCase(state), context({ userId: 'u-admin', role: null })).awaitingMySignature).toBe(0);
  });

  it('open disputes, and those overdue for a stage not reached yet', () => {
    const disputes = [
      dispute('late', 'opened', { peerReview: '2025-03-02' }),
      dispute('today', 'opened', { peerReview: TODAY }),
      dispute('laterStageLate', 'peer_review', { peerReview: '2025-01-01', closed: '2025-02-01' }),
      dispute('reachedOnly', 'formal_route', { peerReview: '2025-01-01', formalRoute: '2025-01-02' }),
      dispute('closed', 'closed', { closed: '2025-01-01' }),
    ];
    const entry = workQueueEntry(queueCase(stateWith({}, { disputes })), context());
    expect(entry.openDisputes).toBe(4);
    expect(entry.overdueDisputes).toBe(2);
    expect(disputes.filter((d) => isOverdue(d, TODAY)).map((d) => d.id)).toEqual(['late', 'laterStageLate']);
  });

  it('persistent disagreements follow the configured rule', () => {
    const state = stateWith({ old: flagged('2025-02-01T09:00:00Z'), recent: flagged('2025-02-20T09:00:00Z') });
    expect(workQueueEntry(queueCase(state), context()).persistentDisagreements).toBe(1);
    expect(workQueueEntry(queueCase(state), context({ persistenceRule: { sessions: 2, days: 7 } })).persistentDisagreements).toBe(2);
  });

  it('the next session is the earliest scheduled or live one', () => {
    const sessions = [
      session('done', '2025-02-01T10:00:00.000Z', 'concluded'),
      session('off', '2025-02-02T10:00:00.000Z', 'cancelled'),
      session('later', '2025-03-10T10:00:00.000Z', 'scheduled'),
      session('soon', '2025-03-05T10:00:00.000Z', 'scheduled'),
    ];
    expect(workQueueEntry(queueCase(stateWith({}, { sessions })), context()).nextSession).toEqual({
      id: 'soon',
      scheduledAt: '2025-03-05T10:00:00.000Z',
      mode: 'video',
    });
  });

  it('unread comments and the last event are passed on; administrators have no unread comments', () => {
    const input = queueCase(initialWorkflow(['a']), { unreadComments: 3, lastEventAt: '2025-03-01T12:00:00.000Z' });
    expect(workQueueEntry(input, context())).toMatchObject({ unreadComments: 3, lastActivityAt: '2025-03-01T12:00:00.000Z' });
    expect(workQueueEntry(input, context({ role: null })).unreadComments).toBe(0);
  });

  it('a case that failed its integrity check keeps its dates but has no counts', () => {
    const entry = workQueueEntry(queueCase(null), context());
    expect(entry).toMatchObject({
      integrity: 'failed',
      weekOfSickness: 9,
      openDisagreements: null,
      awaitingMySignature: null,
      overdueDisputes: null,
      nextSession: null,
    });
  });

  it('before the first sick day there is no week yet', () => {
    expect(workQueueEntry(queueCase(initialWorkflow([])), context({ today: '2025-01-01' })).weekOfSickness).toBeNull();
  });
});

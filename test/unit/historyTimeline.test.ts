import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../client/src/features/history/historyApi.ts';
import { timelineLines } from '../../client/src/features/history/timeline.ts';
import type { Actor, WorkflowEvent } from '../../shared/workflow/types.ts';

const BA: Actor = { userId: 'u-ba', name: 'Anna Bakker', role: 'ba' };
const VA: Actor = { userId: 'u-va', name: 'Victor Visser', role: 'va' };
const positions = { ba: 'BA', va: 'VA' };

function log(...events: [Actor, WorkflowEvent][]): LogEntry[] {
  return events.map(([actor, event], index) => ({ seq: index + 1, at: `2026-03-0${index + 1}T10:00:00.000Z`, actor, event }));
}

describe('timelineLines: the case log as readable lines', () => {
  it('lists the newest first, with who and when, and a flag with its kind and rationale', () => {
    const lines = timelineLines(
      log(
        [BA, { type: 'disagreement.flagged', section: 'd240', rationale: 'Stress is de kern.', kind: 'capacity', positions }],
        [VA, { type: 'agreement.proposed', section: 'd240', draft: { text: 'Samen', hash: 'h' } }],
        [BA, { type: 'agreement.signed', section: 'd240', hash: 'h' }],
        [VA, { type: 'agreement.reopened', section: 'd240', reason: 'Nieuwe informatie van de werknemer.' }],
      ),
    );
    expect(lines.map((l) => [l.seq, l.key, l.actor.name])).toEqual([
      [4, 'reopened', 'Victor Visser'],
      [3, 'signed', 'Anna Bakker'],
      [2, 'proposed', 'Victor Visser'],
      [1, 'flagged', 'Anna Bakker'],
    ]);
    expect(lines[3]).toMatchObject({ sections: ['d240'], kind: 'capacity', detail: 'Stress is de kern.', at: '2026-03-01T10:00:00.000Z' });
    expect(lines[0]).toMatchObject({ sections: ['d240'], detail: 'Nieuwe informatie van de werknemer.' });
  });

  it('numbers disputes in the order they opened and follows their stages to the close', () => {
    const targets = { peerReview: null, formalRoute: null, closed: null };
    const open = (disputeId: string, section: string): WorkflowEvent => ({
      type: 'dispute.opened',
      disputeId,
      sections: [section],
      question: `Vraag over ${section}`,
      reason: 'explicit',
      explanation: 'Blijvend verschil',
      targets,
      positions: { [section]: positions },
    });
    const lines = timelineLines(
      log(
        [BA, open('x', 'd240')],
        [VA, open('y', 'd430')],
        [BA, { type: 'dispute.reviewer_invited', disputeId: 'y', reviewer: { userId: 'u-r', name: 'Rita Reviewer' } }],
        [
          VA,
          {
            type: 'dispute.formal_route_recorded',
            disputeId: 'x',
            kind: 'deskundigenoordeel',
            requestedBy: 'employer',
            requestedOn: '2026-03-03',
            question: 'Q',
          },
        ],
        [BA, { type: 'dispute.closed', disputeId: 'y', outcomes: { d430: 'residual' }, positions: {} }],
      ),
    ).reverse();
    expect(lines.map((l) => [l.key, l.dispute])).toEqual([
      ['disputeOpened', 1],
      ['disputeOpened', 2],
      ['reviewerInvited', 2],
      ['formalRoute', 1],
      ['disputeClosed', 2],
    ]);
    expect(lines[0]).toMatchObject({ sections: ['d240'], detail: 'Vraag over d240' });
    expect(lines[2]?.reviewer).toBe('Rita Reviewer');
    expect(lines[3]?.formalKind).toBe('deskundigenoordeel');
    expect(lines[4]?.outcomes).toEqual([['d430', 'residual']]);
  });

  it('keeps the decisions of sessions and leaves out which item a live session shows', () => {
    const lines = timelineLines(
      log(
        [BA, { type: 'session.scheduled', sessionId: 's', scheduledAt: '2026-03-10T09:00:00.000Z', durationMinutes: 30, mode: 'video', agenda: ['d240'] }],
        [BA, { type: 'session.started', sessionId: 's' }],
        [VA, { type: 'session.item_selected', sessionId: 's', section: 'd240' }],
        [VA, { type: 'session.outcome_recorded', sessionId: 's', section: 'd240', outcome: 'deferred', notes: '' }],
        [BA, { type: 'session.concluded', sessionId: 's' }],
      ),
    ).reverse();
    expect(lines.map((l) => l.key)).toEqual(['sessionScheduled', 'sessionStarted', 'sessionOutcome', 'sessionConcluded']);
    expect(lines[0]).toMatchObject({ when: '2026-03-10T09:00:00.000Z', mode: 'video', sections: ['d240'] });
    expect(lines[2]).toMatchObject({ outcome: 'deferred', sections: ['d240'] });
    expect(lines[2]?.detail).toBeUndefined();
  });

  it('summarises comment events without any text', () => {
    const lines = timelineLines(
      log(
        [BA, { type: 'comment.created', threadId: 't', commentId: 'c1', part: 'joint', section: 'd240' }],
        [VA, { type: 'comment.replied', threadId: 't', commentId: 'c2' }],
        [VA, { type: 'comment.resolved', threadId: 't' }],
      ),
    ).reverse();
    expect(lines.map((l) => l.key)).toEqual(['commentPosted', 'commentPosted', 'commentResolved']);
    for (const line of lines) expect(line.detail).toBeUndefined();
  });

  it('leaves out an event this client does not know instead of failing', () => {
    const unknown = { type: 'future.event', section: 'd240' } as unknown as WorkflowEvent;
    expect(timelineLines(log([BA, unknown], [BA, { type: 'disagreement.withdrawn', section: 'd240' }])).map((l) => l.key)).toEqual(['flagWithdrawn']);
  });
});

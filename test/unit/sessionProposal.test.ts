import { describe, expect, it } from 'vitest';
import { openDisagreements, proposeConsultation, suggestedDay } from '../../shared/sessionProposal.ts';
import { initialWorkflow, type CaseWorkflow, type ConsultationSession, type SectionState } from '../../shared/workflow/index.ts';

// Dates worked out by hand (and with Python's date arithmetic): first sick day
// Monday 2026-03-02, so week 42 (ziekmelding UWV) begins Monday 2026-12-14.
const FIRST = '2026-03-02';
const BA = { userId: 'u-ba', name: 'Anna Bakker', role: 'ba' as const };
const flag = { by: BA, at: '2026-11-01T10:00:00.000Z', rationale: 'r', kind: 'hours' as const, positions: { ba: 'a', va: 'b' } };

function workflow(sessions: Partial<ConsultationSession>[] = [], sections: Record<string, Partial<SectionState>> = {}): CaseWorkflow {
  const base = initialWorkflow(['d240', 'd430', 'd160', 'b130', 'd850', 'd720', 'd230']);
  for (const [id, change] of Object.entries(sections)) base.sections[id] = { ...base.sections[id]!, ...change };
  return {
    ...base,
    sessions: sessions.map((s, i) => ({
      id: `s${i}`,
      scheduledAt: '2026-12-10T09:00:00.000Z',
      durationMinutes: 30,
      mode: 'video',
      agenda: [],
      status: 'scheduled',
      scheduledBy: BA,
      revision: 0,
      started: null,
      currentItem: null,
      concluded: null,
      cancelled: null,
      ...s,
    })),
  };
}

describe('proposeConsultation', () => {
  it('proposes the milestone within the window, with its deadline, days and a working day before it', () => {
    const proposal = proposeConsultation({ firstSickDay: FIRST, today: '2026-12-04', workflow: workflow() });
    expect(proposal).toMatchObject({ deadline: '2026-12-14', daysUntil: 10, suggestedDate: '2026-12-11', suggestedHour: 10 });
    expect(proposal!.milestone).toMatchObject({ ruleId: 'ziekmelding-uwv', dueWeek: 42 });
  });

  it('proposes nothing when the next milestone is outside the window', () => {
    // Week 39: ziekmelding UWV in 20 days, the next review in 34.
    expect(proposeConsultation({ firstSickDay: FIRST, today: '2026-11-24', workflow: workflow() })).toBeNull();
    expect(proposeConsultation({ firstSickDay: FIRST, today: '2026-11-24', workflow: workflow(), windowDays: 20 })?.milestone.ruleId).toBe('ziekmelding-uwv');
  });

  it('proposes nothing when a session is planned before the milestone', () => {
    expect(proposeConsultation({ firstSickDay: FIRST, today: '2026-12-04', workflow: workflow([{}]) })).toBeNull();
    expect(proposeConsultation({ firstSickDay: FIRST, today: '2026-12-04', workflow: workflow([{ status: 'live' }]) })).toBeNull();
    expect(proposeConsultation({ firstSickDay: FIRST, today: '2026-12-04', workflow: workflow([{ scheduledAt: '2026-12-14T15:00:00.000Z' }]) })).toBeNull();
  });

  it('still proposes when the only session is cancelled, concluded or after the milestone', () => {
    for (const session of [{ status: 'cancelled' as const }, { status: 'concluded' as const }, { scheduledAt: '2026-12-15T09:00:00.000Z' }]) {
      expect(proposeConsultation({ firstSickDay: FIRST, today: '2026-12-04', workflow: workflow([session]) })?.milestone.ruleId).toBe('ziekmelding-uwv');
    }
  });

  it('a dismissed milestone is not proposed again', () => {
    expect(proposeConsultation({ firstSickDay: FIRST, today: '2026-12-04', workflow: workflow(), dismissed: ['ziekmelding-uwv'] })).toBeNull();
  });

  it('puts only the open disagreements on the agenda', () => {
    const sections = {
      d240: { status: 'disagreement' as const, flag },
      d430: { status: 'proposed' as const, flag },
      d160: { status: 'proposed' as const, flag: null },
      b130: { status: 'agreed' as const },
      d850: { status: 'escalated' as const },
      d720: { status: 'resolved' as const, outcome: 'residual' as const },
    };
    expect(openDisagreements(workflow([], sections).sections)).toEqual(['d240', 'd430', 'd850']);
    expect(proposeConsultation({ firstSickDay: FIRST, today: '2026-12-04', workflow: workflow([], sections) })!.agenda).toEqual(['d240', 'd430', 'd850']);
  });

  it('across the year end: a milestone due on Tuesday 5 January is prepared on Friday 1 January', () => {
    // First sick day 2026-03-24: week 42 begins 2027-01-05; three days before is a Saturday.
    const proposal = proposeConsultation({ firstSickDay: '2026-03-24', today: '2026-12-28', workflow: workflow() });
    expect(proposal).toMatchObject({ deadline: '2027-01-05', daysUntil: 8, suggestedDate: '2027-01-01' });
  });

  it('a range milestone already due is prepared before its last day', () => {
    // Week 90 day 3 (2027-11-17): the re-integration report (weeks 87-91) ends 2027-11-28, the WIA application is due 2027-11-22.
    const proposal = proposeConsultation({ firstSickDay: FIRST, today: '2027-11-17', workflow: workflow(), dismissed: ['wia-aanvraag'] });
    expect(proposal).toMatchObject({ deadline: '2027-11-28', daysUntil: 11 });
    expect(proposal!.milestone.ruleId).toBe('re-integratieverslag');
    expect(proposeConsultation({ firstSickDay: FIRST, today: '2027-11-17', workflow: workflow() })!.milestone.ruleId).toBe('wia-aanvraag');
  });
});

describe('suggestedDay', () => {
  it('never before tomorrow, and on to Monday when tomorrow is a weekend day', () => {
    expect(suggestedDay('2026-12-08', '2026-12-09')).toBe('2026-12-09');
    expect(suggestedDay('2026-12-04', '2026-12-06')).toBe('2026-12-07');
  });
});

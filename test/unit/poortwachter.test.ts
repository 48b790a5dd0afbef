import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LAST_WEEK,
  POORTWACHTER_RULES,
  addDays,
  firstDayOfWeek,
  milestonesWithin,
  nextMilestone,
  poortwachterTimeline,
  versionWeeks,
  type TimelineEntry,
} from '../../shared/poortwachter.ts';
import { POORTWACHTER_VERSION_WEEKS } from '../../shared/record/milestones.ts';
import { weekOfSickness } from '../../shared/sickness.ts';

// Expected dates below are worked out by hand (and checked with Python's date
// arithmetic), not with the module's own helpers.
const FIRST = '2026-03-02';

const byRule = (entries: TimelineEntry[], ruleId: string) => entries.filter((entry) => entry.ruleId === ruleId);
const only = (entries: TimelineEntry[], ruleId: string): TimelineEntry => {
  const found = byRule(entries, ruleId);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('the rules', () => {
  it('the automatic version weeks are the rules that take a version', () => {
    expect(versionWeeks()).toEqual([...POORTWACHTER_VERSION_WEEKS]);
    expect(versionWeeks()).toEqual([6, 8, 42, 52, 87]);
  });

  it('ids are unique and reviews end before the re-integration report', () => {
    const ids = POORTWACHTER_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    const review = POORTWACHTER_RULES.find((rule) => rule.id === 'evaluatie-plan-van-aanpak')!.timing;
    const report = POORTWACHTER_RULES.find((rule) => rule.id === 're-integratieverslag')!.timing;
    expect(review.kind === 'repeat' && report.kind === 'range' && review.untilWeek < report.fromWeek).toBe(true);
  });
});

describe('poortwachterTimeline', () => {
  const timeline = poortwachterTimeline(FIRST, '2026-01-01');

  it('week 6 probleemanalyse is due on day 36 (first sick day + 35 days)', () => {
    const entry = only(timeline, 'probleemanalyse');
    expect(entry).toMatchObject({ dueWeek: 6, endWeek: 6, dueDate: '2026-04-06', endDate: '2026-04-12' });
  });

  it('plan van aanpak in week 8, then a review every six weeks up to week 86', () => {
    expect(only(timeline, 'plan-van-aanpak')).toMatchObject({ dueWeek: 8, dueDate: '2026-04-20' });
    const reviews = byRule(timeline, 'evaluatie-plan-van-aanpak');
    expect(reviews.map((entry) => entry.dueWeek)).toEqual([14, 20, 26, 32, 38, 44, 50, 56, 62, 68, 74, 80, 86]);
    expect(reviews[0]).toMatchObject({ key: 'evaluatie-plan-van-aanpak-1', occurrence: 1, dueDate: '2026-06-01' });
    expect(reviews[1]!.dueDate).toBe('2026-07-13');
    expect(reviews.at(-1)!.dueDate).toBe('2027-10-18');
  });

  it('ziekmelding UWV week 42, eerstejaarsevaluatie week 52', () => {
    expect(only(timeline, 'ziekmelding-uwv')).toMatchObject({ dueWeek: 42, dueDate: '2026-12-14' });
    expect(only(timeline, 'eerstejaarsevaluatie')).toMatchObject({ dueWeek: 52, dueDate: '2027-02-22' });
  });

  it('re-integratieverslag weeks 87–91 and the WIA application weeks 91–93 as ranges', () => {
    expect(only(timeline, 're-integratieverslag')).toMatchObject({
      dueWeek: 87,
      endWeek: 91,
      dueDate: '2027-10-25',
      endDate: '2027-11-28',
    });
    expect(only(timeline, 'wia-aanvraag')).toMatchObject({
      dueWeek: 91,
      endWeek: 93,
      dueDate: '2027-11-22',
      endDate: '2027-12-12',
    });
  });

  it('in order of due week, with unique keys', () => {
    const weeks = timeline.map((entry) => entry.dueWeek);
    expect(weeks).toEqual([...weeks].sort((a, b) => a - b));
    expect(new Set(timeline.map((entry) => entry.key)).size).toBe(timeline.length);
    expect(timeline).toHaveLength(19);
  });

  it('statuses around a day in week 42', () => {
    const entries = poortwachterTimeline(FIRST, '2026-12-16');
    expect(only(entries, 'plan-van-aanpak').status).toBe('past');
    expect(byRule(entries, 'evaluatie-plan-van-aanpak').find((entry) => entry.dueWeek === 38)!.status).toBe('past');
    expect(only(entries, 'ziekmelding-uwv').status).toBe('current');
    expect(byRule(entries, 'evaluatie-plan-van-aanpak').find((entry) => entry.dueWeek === 44)!.status).toBe('upcoming');
    expect(only(entries, 'eerstejaarsevaluatie').status).toBe('upcoming');
  });

  it('a range is current from its first day to its last', () => {
    expect(only(poortwachterTimeline(FIRST, '2027-10-24'), 're-integratieverslag').status).toBe('upcoming');
    expect(only(poortwachterTimeline(FIRST, '2027-10-25'), 're-integratieverslag').status).toBe('current');
    expect(only(poortwachterTimeline(FIRST, '2027-11-28'), 're-integratieverslag').status).toBe('current');
    expect(only(poortwachterTimeline(FIRST, '2027-11-29'), 're-integratieverslag').status).toBe('past');
  });

  it('rejects a date that is not a calendar date', () => {
    expect(() => poortwachterTimeline('2026-02-30', '2026-03-01')).toThrow(RangeError);
    expect(() => poortwachterTimeline(FIRST, '02-03-2026')).toThrow(RangeError);
  });
});

describe('nextMilestone', () => {
  it('before the first sick day everything is upcoming and the next is the probleemanalyse', () => {
    expect(poortwachterTimeline(FIRST, '2026-02-20').every((entry) => entry.status === 'upcoming')).toBe(true);
    expect(nextMilestone(FIRST, '2026-02-20')).toMatchObject({ ruleId: 'probleemanalyse', status: 'upcoming' });
  });

  it('in week 6 the probleemanalyse is current; the day after it the plan van aanpak is next', () => {
    expect(nextMilestone(FIRST, '2026-04-12')).toMatchObject({ ruleId: 'probleemanalyse', status: 'current' });
    expect(nextMilestone(FIRST, '2026-04-13')).toMatchObject({ ruleId: 'plan-van-aanpak', status: 'upcoming' });
  });

  it('none after week 104, nor once the WIA application week has passed', () => {
    expect(nextMilestone(FIRST, '2028-02-28')).toBeNull();
    expect(nextMilestone(FIRST, '2027-12-13')).toBeNull();
    expect(nextMilestone(FIRST, '2027-12-12')).toMatchObject({ ruleId: 'wia-aanvraag', status: 'current' });
  });
});

describe('milestonesWithin', () => {
  const keys = (today: string, days: number) => milestonesWithin(FIRST, today, days).map((entry) => entry.key);

  it('those due within 14 days, counted inclusively', () => {
    expect(keys('2026-03-23', 14)).toEqual(['probleemanalyse']);
    expect(keys('2026-03-22', 14)).toEqual([]);
    expect(keys('2026-04-06', 14)).toEqual(['probleemanalyse', 'plan-van-aanpak']);
  });

  it('keeps one due now whose week began days ago, drops those past', () => {
    expect(keys('2026-04-10', 14)).toEqual(['probleemanalyse', 'plan-van-aanpak']);
    expect(keys('2026-04-13', 14)).toEqual(['plan-van-aanpak']);
    expect(keys('2028-03-01', 14)).toEqual([]);
  });
});

describe('calendar edge cases', () => {
  it('across the DST changes: every due date is a Monday for a Monday first sick day', () => {
    // 2026-03-29 and 2026-10-25 are Dutch DST changes inside the first year.
    for (const entry of poortwachterTimeline(FIRST, FIRST)) {
      expect(new Date(`${entry.dueDate}T00:00:00Z`).getUTCDay()).toBe(1);
    }
    expect(addDays('2026-10-24', 1)).toBe('2026-10-25');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
  });

  it('the same dates whatever the time zone of the machine', () => {
    const saved = process.env['TZ'];
    const inZone = (zone: string) => {
      process.env['TZ'] = zone;
      return { offset: new Date('2026-06-01T12:00:00Z').getTimezoneOffset(), timeline: poortwachterTimeline(FIRST, '2026-10-26') };
    };
    try {
      const utc = inZone('UTC');
      const amsterdam = inZone('Europe/Amsterdam');
      const auckland = inZone('Pacific/Auckland');
      // Only meaningful if the zone change took effect in this runner.
      expect(amsterdam.offset).not.toBe(utc.offset);
      expect(amsterdam.timeline).toEqual(utc.timeline);
      expect(auckland.timeline).toEqual(utc.timeline);
    } finally {
      if (saved === undefined) delete process.env['TZ'];
      else process.env['TZ'] = saved;
    }
  });

  it('over a leap day (first sick day 2028-02-20)', () => {
    const first = '2028-02-20';
    expect(firstDayOfWeek(first, 2)).toBe('2028-02-27');
    expect(firstDayOfWeek(first, 3)).toBe('2028-03-05');
    const entries = poortwachterTimeline(first, '2028-02-29');
    // 2028-03-26 is also the day summer time starts.
    expect(only(entries, 'probleemanalyse')).toMatchObject({ dueDate: '2028-03-26', status: 'upcoming' });
    expect(only(entries, 'eerstejaarsevaluatie').dueDate).toBe('2029-02-11');
    expect(only(entries, 'wia-aanvraag')).toMatchObject({ dueDate: '2029-11-11', endDate: '2029-12-01' });
    expect(weekOfSickness(first, '2028-02-29')).toBe(2);
  });
});

describe('properties', () => {
  const day = fc
    .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true })
    .map((date) => date.toISOString().slice(0, 10));

  it('due dates increase and fall in their due week; end dates in their end week', () => {
    fc.assert(
      fc.property(day, day, (first, today) => {
        const entries = poortwachterTimeline(first, today);
        for (const [index, entry] of entries.entries()) {
          if (index > 0) expect(entry.dueDate > entries[index - 1]!.dueDate).toBe(true);
          expect(weekOfSickness(first, entry.dueDate)).toBe(entry.dueWeek);
          expect(weekOfSickness(first, entry.endDate)).toBe(entry.endWeek);
          expect(entry.dueWeek).toBeLessThanOrEqual(LAST_WEEK);
        }
      }),
    );
  });

  it('statuses run past, then current, then upcoming; the next is the first not past', () => {
    const rank = { past: 0, current: 1, upcoming: 2 } as const;
    fc.assert(
      fc.property(day, day, (first, today) => {
        const entries = poortwachterTimeline(first, today);
        const ranks = entries.map((entry) => rank[entry.status]);
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
        const next = nextMilestone(first, today);
        const week = weekOfSickness(first, today);
        if (next === null) expect(week).toBeGreaterThan(93);
        else expect(next).toEqual(entries.find((entry) => entry.status !== 'past'));
      }),
    );
  });
});

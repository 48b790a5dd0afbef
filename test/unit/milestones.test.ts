import { describe, expect, it } from 'vitest';
import { POORTWACHTER_VERSION_WEEKS, milestonesDue } from '../../shared/record/milestones.ts';

/** The calendar date `days` days after the first sick day (day 0 is the first sick day itself). */
const FIRST_SICK_DAY = '2025-01-06';
const dayAfter = (days: number) => new Date(Date.parse(`${FIRST_SICK_DAY}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** The first and the last day of a week of sickness. */
const firstDayOfWeek = (week: number) => dayAfter((week - 1) * 7);
const lastDayOfWeek = (week: number) => dayAfter(week * 7 - 1);

describe('milestonesDue', () => {
  it('the Poortwachter weeks are 6, 8, 42, 52 and 87', () => {
    expect(POORTWACHTER_VERSION_WEEKS).toEqual([6, 8, 42, 52, 87]);
  });

  it('none before the first sick day, nor before week 6', () => {
    expect(milestonesDue(FIRST_SICK_DAY, '2024-12-31', [])).toEqual([]);
    expect(milestonesDue(FIRST_SICK_DAY, FIRST_SICK_DAY, [])).toEqual([]);
    expect(milestonesDue(FIRST_SICK_DAY, lastDayOfWeek(5), [])).toEqual([]);
  });

  it('week 6 from its first day to its last', () => {
    expect(milestonesDue(FIRST_SICK_DAY, firstDayOfWeek(6), [])).toEqual([6]);
    expect(milestonesDue(FIRST_SICK_DAY, lastDayOfWeek(6), [])).toEqual([6]);
    expect(milestonesDue(FIRST_SICK_DAY, firstDayOfWeek(6), [6])).toEqual([]);
  });

  it('a week 6 not taken stays due in week 8, along with week 8', () => {
    expect(milestonesDue(FIRST_SICK_DAY, firstDayOfWeek(7), [])).toEqual([6]);
    expect(milestonesDue(FIRST_SICK_DAY, firstDayOfWeek(8), [])).toEqual([6, 8]);
    expect(milestonesDue(FIRST_SICK_DAY, firstDayOfWeek(8), [6])).toEqual([8]);
  });

  it('in week 50 the weeks passed minus those taken', () => {
    expect(milestonesDue(FIRST_SICK_DAY, firstDayOfWeek(50), [])).toEqual([6, 8, 42]);
    expect(milestonesDue(FIRST_SICK_DAY, firstDayOfWeek(50), [6, 42])).toEqual([8]);
    expect(milestonesDue(FIRST_SICK_DAY, firstDayOfWeek(50), [6, 8, 42])).toEqual([]);
  });

  it('from week 87 on every milestone, and weeks taken that are no milestone change nothing', () => {
    expect(milestonesDue(FIRST_SICK_DAY, firstDayOfWeek(87), [])).toEqual([6, 8, 42, 52, 87]);
    expect(milestonesDue(FIRST_SICK_DAY, firstDayOfWeek(120), [3, 52])).toEqual([6, 8, 42, 87]);
    expect(milestonesDue(FIRST_SICK_DAY, lastDayOfWeek(86), [6, 8, 42, 52])).toEqual([]);
  });

  it('an unreadable date is no week of sickness: nothing is due', () => {
    expect(milestonesDue('not a date', firstDayOfWeek(50), [])).toEqual([]);
  });
});

import { daysBetween, weekOfSickness } from './sickness.ts';

/**
 * The Wet verbetering poortwachter timeline as data: what is due in which week
 * of sickness, and pure functions that turn it into calendar dates for one
 * case. Week n runs from day 7(n-1) to day 7n-1 after the first sick day
 * (shared/sickness.ts), so a milestone's due date is the first day of its week.
 */

/** How a rule falls in time: one week, a span of weeks, or a week that repeats. */
export type RuleTiming =
  | { readonly kind: 'week'; readonly dueWeek: number }
  | { readonly kind: 'range'; readonly fromWeek: number; readonly toWeek: number }
  | { readonly kind: 'repeat'; readonly fromWeek: number; readonly everyWeeks: number; readonly untilWeek: number };

export interface PoortwachterRule {
  readonly id: string;
  readonly labelNl: string;
  readonly labelEn: string;
  readonly timing: RuleTiming;
  /** Whether reaching it keeps the case's documents as a version (shared/record/milestones.ts). */
  readonly takesVersion: boolean;
}

/** The last week of the process: after two years the WIA decision takes over. */
export const LAST_WEEK = 104;

export const POORTWACHTER_RULES: readonly PoortwachterRule[] = [
  {
    id: 'probleemanalyse',
    labelNl: 'Probleemanalyse (bedrijfsarts)',
    labelEn: 'Problem analysis (occupational physician)',
    timing: { kind: 'week', dueWeek: 6 },
    takesVersion: true,
  },
  {
    id: 'plan-van-aanpak',
    labelNl: 'Plan van aanpak',
    labelEn: 'Plan of action',
    timing: { kind: 'week', dueWeek: 8 },
    takesVersion: true,
  },
  {
    // Every six weeks after the plan, until the re-integration report takes over in week 87.
    id: 'evaluatie-plan-van-aanpak',
    labelNl: 'Bijstelling/evaluatie plan van aanpak',
    labelEn: 'Review of the plan of action',
    timing: { kind: 'repeat', fromWeek: 14, everyWeeks: 6, untilWeek: 86 },
    takesVersion: false,
  },
  {
    id: 'ziekmelding-uwv',
    labelNl: 'Ziekmelding UWV',
    labelEn: 'Sickness notification to UWV',
    timing: { kind: 'week', dueWeek: 42 },
    takesVersion: true,
  },
  {
    id: 'eerstejaarsevaluatie',
    labelNl: 'Eerstejaarsevaluatie',
    labelEn: 'First-year evaluation',
    timing: { kind: 'week', dueWeek: 52 },
    takesVersion: true,
  },
  {
    id: 're-integratieverslag',
    labelNl: 'Re-integratieverslag met actueel oordeel bedrijfsarts',
    labelEn: "Reintegration report with the occupational physician's current assessment",
    timing: { kind: 'range', fromWeek: 87, toWeek: 91 },
    takesVersion: true,
  },
  {
    id: 'wia-aanvraag',
    labelNl: 'WIA-aanvraag',
    labelEn: 'WIA benefit application',
    timing: { kind: 'range', fromWeek: 91, toWeek: 93 },
    takesVersion: false,
  },
];

/** The weeks at which a version is kept: a rule's first week, for those that take one. */
export function versionWeeks(rules: readonly PoortwachterRule[] = POORTWACHTER_RULES): number[] {
  return rules
    .filter((rule) => rule.takesVersion)
    .map((rule) => (rule.timing.kind === 'week' ? rule.timing.dueWeek : rule.timing.fromWeek))
    .sort((a, b) => a - b);
}

export type MilestoneStatus = 'past' | 'current' | 'upcoming';

export interface TimelineEntry {
  /** Unique within a timeline: the rule's id, with the occurrence for a repeating rule. */
  readonly key: string;
  readonly ruleId: string;
  /** 1 for single rules; the n-th review for a repeating one. */
  readonly occurrence: number;
  readonly labelNl: string;
  readonly labelEn: string;
  /** The (first) week it is due in, and its last week (the same for a single week). */
  readonly dueWeek: number;
  readonly endWeek: number;
  /** The first day of dueWeek and the last day of endWeek, YYYY-MM-DD. */
  readonly dueDate: string;
  readonly endDate: string;
  readonly status: MilestoneStatus;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The calendar date `days` after `date`. Done on UTC midnights so a DST change
 * never shifts it by a day; Date handles month lengths and leap days.
 */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whether `date` is YYYY-MM-DD and exists (Date.parse rolls 2026-02-30 over to March). */
function isCalendarDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) && addDays(date, 0) === date;
}

function requireDate(name: string, date: string): void {
  if (!isCalendarDate(date)) throw new RangeError(`${name} is not a calendar date YYYY-MM-DD: ${date}`);
}

/** The first day of week n of sickness. */
export function firstDayOfWeek(firstSickDay: string, week: number): string {
  return addDays(firstSickDay, 7 * (week - 1));
}

/** The last day of week n of sickness. */
export function lastDayOfWeek(firstSickDay: string, week: number): string {
  return addDays(firstSickDay, 7 * week - 1);
}

/** The [first, last] weeks of each occurrence of a rule, up to LAST_WEEK. */
function occurrences(timing: RuleTiming): [number, number][] {
  switch (timing.kind) {
    case 'week':
      return [[timing.dueWeek, timing.dueWeek]];
    case 'range':
      return [[timing.fromWeek, timing.toWeek]];
    case 'repeat': {
      const weeks: [number, number][] = [];
      const last = Math.min(timing.untilWeek, LAST_WEEK);
      for (let week = timing.fromWeek; week <= last; week += timing.everyWeeks) weeks.push([week, week]);
      return weeks;
    }
  }
}

/** Where a milestone spanning weeks [from, to] stands in `week` (null: before the first sick day). */
function statusIn(week: number | null, from: number, to: number): MilestoneStatus {
  if (week === null || week < from) return 'upcoming';
  return week > to ? 'past' : 'current';
}

/**
 * Every milestone occurrence up to week 104 with its dates and its status on
 * `today`, in the order they fall due. Throws a RangeError for a date that is
 * not YYYY-MM-DD, since no dates could be computed from it.
 */
export function poortwachterTimeline(firstSickDay: string, today: string): TimelineEntry[] {
  requireDate('firstSickDay', firstSickDay);
  requireDate('today', today);
  const week = weekOfSickness(firstSickDay, today);
  const entries = POORTWACHTER_RULES.flatMap((rule) =>
    occurrences(rule.timing)
      .filter(([from]) => from <= LAST_WEEK)
      .map(([from, to], index): TimelineEntry => ({
        key: rule.timing.kind === 'repeat' ? `${rule.id}-${index + 1}` : rule.id,
        ruleId: rule.id,
        occurrence: index + 1,
        labelNl: rule.labelNl,
        labelEn: rule.labelEn,
        dueWeek: from,
        endWeek: to,
        dueDate: firstDayOfWeek(firstSickDay, from),
        endDate: lastDayOfWeek(firstSickDay, to),
        status: statusIn(week, from, to),
      })),
  );
  // Stable: on the same due week the rules keep the order they are listed in.
  return entries.sort((a, b) => a.dueWeek - b.dueWeek || a.endWeek - b.endWeek);
}

/** The first milestone not yet past (current or upcoming), or null once all are past. */
export function nextMilestone(firstSickDay: string, today: string): TimelineEntry | null {
  return poortwachterTimeline(firstSickDay, today).find((entry) => entry.status !== 'past') ?? null;
}

/**
 * The milestones not yet past whose due date is at most `days` after today:
 * those due now (even if their week began a few days ago) and those that fall
 * due soon, for the work queue's "mijlpaal binnen 2 weken".
 */
export function milestonesWithin(firstSickDay: string, today: string, days: number): TimelineEntry[] {
  return poortwachterTimeline(firstSickDay, today).filter((entry) => entry.status !== 'past' && daysBetween(today, entry.dueDate) <= days);
}

/** The rule of the re-integration report, in which the BA gives the actueel oordeel. */
export const RIV_RULE_ID = 're-integratieverslag';

/**
 * The first week of the re-integration report's window (87 by the rules):
 * from then on the BA may record doubt about the actueel oordeel.
 */
export function rivWindowStartWeek(rules: readonly PoortwachterRule[] = POORTWACHTER_RULES): number {
  const timing = rules.find((rule) => rule.id === RIV_RULE_ID)?.timing;
  if (!timing) throw new RangeError(`no rule ${RIV_RULE_ID}`);
  return timing.kind === 'week' ? timing.dueWeek : timing.fromWeek;
}

import { weekOfSickness } from '../sickness.ts';

/**
 * The weeks of sickness at which a case's documents are kept as a version
 * (Wet verbetering poortwachter): the problem analysis (6), the plan of
 * action (8), the first-year evaluation (42, 52) and the reintegration
 * report before the WIA claim (87).
 *
 * Kept as a literal (PoortwachterWeek types the version labels); the rules in
 * shared/poortwachter.ts that take a version must give the same weeks, which
 * test/unit/poortwachter.test.ts checks so the two cannot drift apart.
 */
export const POORTWACHTER_VERSION_WEEKS = [6, 8, 42, 52, 87] as const;

export type PoortwachterWeek = (typeof POORTWACHTER_VERSION_WEEKS)[number];

/**
 * The milestone weeks the case has reached on `today` (its week of sickness
 * is at or past them) whose version is not taken yet, earliest first. All of
 * them, not only the latest: a case first opened in week 50 still owes the
 * versions of weeks 6, 8 and 42, each holding what stands now.
 */
export function milestonesDue(firstSickDay: string, today: string, taken: readonly number[]): number[] {
  const week = weekOfSickness(firstSickDay, today);
  if (week === null) return [];
  return POORTWACHTER_VERSION_WEEKS.filter((milestone) => milestone <= week && !taken.includes(milestone));
}

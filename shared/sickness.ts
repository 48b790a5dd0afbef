/**
 * Time in the sick-leave process. The first day of sickness is day 1 of week 1
 * (Wet verbetering poortwachter counts weeks from the first sick day), so the
 * week number on day n is floor((n - 1) / 7) + 1.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** Days between two calendar dates (YYYY-MM-DD), independent of time zones and DST. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The week of sickness on `today`, or null before the first sick day. */
export function weekOfSickness(firstSickDay: string, today: string): number | null {
  const days = daysBetween(firstSickDay, today);
  if (Number.isNaN(days) || days < 0) return null;
  return Math.floor(days / 7) + 1;
}

/** A Date as the local calendar date YYYY-MM-DD (what "today" means to the physician). */
export function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

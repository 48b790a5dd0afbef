import type { CaseListEntry } from './api.ts';
import { exhaustive } from './exhaustive.ts';
import { MILESTONE_SOON_DAYS } from './limits.ts';
import { addDays } from './poortwachter.ts';
import { daysBetween } from './sickness.ts';

/**
 * The case list as a work queue (client/src/features/cases): which rows a
 * search and the filters keep, in which order, and which page of them shows.
 * Pure, so that the ordering and every filter are unit-tested apart from the
 * page (test/unit/workQueueView.test.ts).
 */

/** The physicians' calendar: "today" and "this week" are Dutch days, wherever the browser is. */
export const QUEUE_TIME_ZONE = 'Europe/Amsterdam';

export const QUEUE_FILTERS = ['awaitingMe', 'disagreement', 'dispute', 'sessionThisWeek', 'milestoneSoon'] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];

export const QUEUE_SORT_KEYS = [
  'urgency',
  'pseudonym',
  'title',
  'employer',
  'week',
  'milestone',
  'awaiting',
  'disagreements',
  'disputes',
  'persistent',
  'session',
  'unread',
  'activity',
] as const;
export type QueueSortKey = (typeof QUEUE_SORT_KEYS)[number];
export type SortDirection = 'ascending' | 'descending';

export interface QueueSort {
  key: QueueSortKey;
  direction: SortDirection;
}

/** The default: what needs the physician first (see `compareUrgency`). */
export const URGENCY_SORT: QueueSort = { key: 'urgency', direction: 'ascending' };

/** When the predicates are asked: the physician's today (YYYY-MM-DD, Europe/Amsterdam). */
export interface QueueMoment {
  today: string;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** One formatter per zone: a filter asks for every row, and building one costs more than using it. */
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) dayFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return format;
}

/** The calendar date (YYYY-MM-DD) of a moment in `timeZone`. */
export function dateIn(moment: Date | string, timeZone = QUEUE_TIME_ZONE): string {
  const date = typeof moment === 'string' ? new Date(moment) : moment;
  const parts = dayFormat(timeZone).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The Monday and Sunday (YYYY-MM-DD) of the ISO week that holds `date`. */
export function isoWeekOf(date: string): { monday: string; sunday: string } {
  // getUTCDay: 0 is Sunday; the ISO week starts on Monday.
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  const monday = addDays(date, -weekday);
  return { monday, sunday: addDays(monday, 6) };
}

/** A count the case could not give (its record does not match its log) counts as none: nothing is known to wait. */
const known = (count: number | null): number => count ?? 0;

/** "Wacht op mij": a proposal by the other physician waits for my signature. */
export const awaitsMe = (row: CaseListEntry): boolean => known(row.queue.awaitingMySignature) > 0;

/** "Onenigheid": a section is flagged or proposed, not yet agreed. */
export const hasDisagreement = (row: CaseListEntry): boolean => known(row.queue.openDisagreements) > 0;

/** "Geschil": a dispute is open. */
export const hasOpenDispute = (row: CaseListEntry): boolean => known(row.queue.openDisputes) > 0;

/** An open dispute has passed a target date. */
export const hasOverdueDispute = (row: CaseListEntry): boolean => known(row.queue.overdueDisputes) > 0;

/** "Sessie deze week": the next session falls in the ISO week (Monday to Sunday, Dutch time) of today. */
export function hasSessionThisWeek(row: CaseListEntry, moment: QueueMoment): boolean {
  const session = row.queue.nextSession;
  if (!session) return false;
  const { monday, sunday } = isoWeekOf(moment.today);
  const day = dateIn(session.scheduledAt);
  return day >= monday && day <= sunday;
}

/** "Mijlpaal binnen 2 weken": the next milestone is due (or already running) at most MILESTONE_SOON_DAYS from today. */
export function hasMilestoneSoon(row: CaseListEntry, moment: QueueMoment): boolean {
  const milestone = row.queue.nextMilestone;
  return milestone !== null && daysBetween(moment.today, milestone.dueDate) <= MILESTONE_SOON_DAYS;
}

export function matchesFilter(row: CaseListEntry, filter: QueueFilter, moment: QueueMoment): boolean {
  switch (filter) {
    case 'awaitingMe':
      return awaitsMe(row);
    case 'disagreement':
      return hasDisagreement(row);
    case 'dispute':
      return hasOpenDispute(row);
    case 'sessionThisWeek':
      return hasSessionThisWeek(row, moment);
    case 'milestoneSoon':
      return hasMilestoneSoon(row, moment);
    default:
      return exhaustive(filter);
  }
}

/** Lower case without diacritics, so that "bakker" finds "Bakker" and "Noord" finds "Nóord". */
function folded(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('nl');
}

const haystacks = new WeakMap<CaseListEntry, string>();
/** What the search looks in, folded once per row (a search runs over every row at every keystroke). */
function haystackOf(row: CaseListEntry): string {
  let haystack = haystacks.get(row);
  if (haystack === undefined) haystacks.set(row, (haystack = folded(`${row.employeePseudonym}\n${row.employer}\n${row.title}`)));
  return haystack;
}

/** The search: every word of the query appears in the pseudonym, the employer or the title. */
export function matchesSearch(row: CaseListEntry, query: string): boolean {
  const words = folded(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = haystackOf(row);
  return words.every((word) => haystack.includes(word));
}

/** How urgent a case is, most urgent first: the tiers of `compareUrgency`. */
function urgencyTier(row: CaseListEntry, moment: QueueMoment): number {
  if (awaitsMe(row)) return 0;
  if (hasOverdueDispute(row)) return 1;
  if (hasMilestoneSoon(row, moment)) return 2;
  return 3;
}

/**
 * "Urgentie eerst": cases with a proposal waiting for my signature, then those
 * with an overdue dispute target, then those whose next milestone is within
 * MILESTONE_SOON_DAYS; within a tier a case that is also later tiers' (a
 * signature and an overdue dispute) first, then the nearest milestone, then
 * the most recent activity; ties by pseudonym and id, so the order is stable.
 */
export function compareUrgency(a: CaseListEntry, b: CaseListEntry, moment: QueueMoment): number {
  return (
    urgencyTier(a, moment) - urgencyTier(b, moment) ||
    Number(hasOverdueDispute(b)) - Number(hasOverdueDispute(a)) ||
    Number(hasMilestoneSoon(b, moment)) - Number(hasMilestoneSoon(a, moment)) ||
    nearestMilestoneFirst(a, b, moment) ||
    b.queue.lastActivityAt.localeCompare(a.queue.lastActivityAt) ||
    tieBreak(a, b)
  );
}

/** Among cases whose milestone is near, the one due first; otherwise no preference. */
function nearestMilestoneFirst(a: CaseListEntry, b: CaseListEntry, moment: QueueMoment): number {
  if (!hasMilestoneSoon(a, moment) || !hasMilestoneSoon(b, moment)) return 0;
  return a.queue.nextMilestone!.dueDate.localeCompare(b.queue.nextMilestone!.dueDate);
}

function tieBreak(a: CaseListEntry, b: CaseListEntry): number {
  return compareText(a.employeePseudonym, b.employeePseudonym) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

const collator = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });
const compareText = (a: string, b: string) => collator.compare(a, b);

type SortValue = string | number | null;

/** What a column sorts on; null (unknown, or nothing planned) always sorts last. */
function sortValue(row: CaseListEntry, key: Exclude<QueueSortKey, 'urgency'>): SortValue {
  const q = row.queue;
  switch (key) {
    case 'pseudonym':
      return row.employeePseudonym;
    case 'title':
      return row.title;
    case 'employer':
      return row.employer;
    case 'week':
      return q.weekOfSickness;
    case 'milestone':
      return q.nextMilestone?.dueDate ?? null;
    case 'awaiting':
      return q.awaitingMySignature;
    case 'disagreements':
      return q.openDisagreements;
    case 'disputes':
      // Overdue ones weigh more than any number of timely ones.
      return q.openDisputes === null ? null : known(q.overdueDisputes) * 1000 + q.openDisputes;
    case 'persistent':
      return q.persistentDisagreements;
    case 'session':
      return q.nextSession?.scheduledAt ?? null;
    case 'unread':
      return q.unreadComments;
    case 'activity':
      return q.lastActivityAt;
    default:
      return exhaustive(key);
  }
}

function compareValues(a: SortValue, b: SortValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareText(String(a), String(b));
}

/** The comparator of a sort: a column in either direction (unknown values last either way), or urgency. */
export function comparatorOf(sort: QueueSort, moment: QueueMoment): (a: CaseListEntry, b: CaseListEntry) => number {
  if (sort.key === 'urgency') return (a, b) => compareUrgency(a, b, moment);
  const key = sort.key;
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return (a, b) => {
    const [x, y] = [sortValue(a, key), sortValue(b, key)];
    if (x === null || y === null) return x === y ? compareUrgency(a, b, moment) : x === null ? 1 : -1;
    return sign * compareValues(x, y) || compareUrgency(a, b, moment);
  };
}

/** The direction a column starts in when first chosen: counts and the last activity biggest first, the rest A–Z and soonest first. */
export function firstDirection(key: QueueSortKey): SortDirection {
  return key === 'awaiting' || key === 'disagreements' || key === 'disputes' || key === 'persistent' || key === 'unread' || key === 'activity'
    ? 'descending'
    : 'ascending';
}

export interface QueueQuery {
  search: string;
  filters: ReadonlySet<QueueFilter>;
  sort: QueueSort;
}

/** Every row the search and all chosen filters keep (filters combine: each must hold), in the chosen order. */
export function viewQueue(rows: readonly CaseListEntry[], query: QueueQuery, moment: QueueMoment): CaseListEntry[] {
  const filters = [...query.filters];
  return rows
    .filter((row) => matchesSearch(row, query.search) && filters.every((filter) => matchesFilter(row, filter, moment)))
    .sort(comparatorOf(query.sort, moment));
}

export interface QueuePage<T> {
  items: T[];
  /** 1-based page shown, after clamping to the pages there are. */
  page: number;
  pages: number;
  /** 1-based positions of the first and last row shown (0 and 0 when there is none). */
  from: number;
  to: number;
  total: number;
}

/** One page of `size` rows; a page past the end shows the last one. */
export function pageOf<T>(rows: readonly T[], page: number, size: number): QueuePage<T> {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const current = Math.min(Math.max(1, Math.floor(page)), pages);
  const start = (current - 1) * size;
  const items = rows.slice(start, start + size);
  return { items, page: current, pages, from: items.length ? start + 1 : 0, to: start + items.length, total: rows.length };
}

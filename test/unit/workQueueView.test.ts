import { describe, expect, it } from 'vitest';
import type { CaseListEntry, CaseQueue } from '../../shared/api.ts';
import { MILESTONE_SOON_DAYS } from '../../shared/limits.ts';
import {
  comparatorOf,
  dateIn,
  isoWeekOf,
  matchesFilter,
  matchesSearch,
  pageOf,
  QUEUE_FILTERS,
  URGENCY_SORT,
  viewQueue,
  type QueueFilter,
} from '../../shared/workQueueView.ts';

/** Wednesday 4 March 2026: its ISO week runs from Monday 2 to Sunday 8 March. */
const MOMENT = { today: '2026-03-04' };

const QUIET: CaseQueue = {
  weekOfSickness: 10,
  nextMilestone: null,
  openDisagreements: 0,
  awaitingMySignature: 0,
  openDisputes: 0,
  overdueDisputes: 0,
  persistentDisagreements: 0,
  nextSession: null,
  unreadComments: 0,
  lastActivityAt: '2026-02-01T10:00:00.000Z',
  integrity: 'ok',
};

function row(id: string, queue: Partial<CaseQueue> = {}, over: Partial<CaseListEntry> = {}): CaseListEntry {
  return {
    id,
    title: `Dossier ${id}`,
    employeePseudonym: `WN-${id}`,
    employer: 'Werkgever B.V.',
    firstSickDay: '2025-12-01',
    templateVersion: 1,
    members: [],
    queue: { ...QUIET, ...queue },
    ...over,
  };
}

const milestone = (dueDate: string) => ({ id: 'ziekmelding-uwv', labelNl: 'Ziekmelding UWV', labelEn: 'Sickness notification to UWV', dueWeek: 42, dueDate });
const session = (scheduledAt: string) => ({ id: 's', scheduledAt, mode: 'video' as const });
const ids = (rows: CaseListEntry[]) => rows.map((r) => r.id);
const urgency = (rows: CaseListEntry[]) => ids([...rows].sort(comparatorOf(URGENCY_SORT, MOMENT)));

describe('work queue: urgency first', () => {
  it('puts signatures waiting for me first, then overdue disputes, then near milestones, then the rest by last activity', () => {
    const rows = [
      row('rest-old', { lastActivityAt: '2026-01-01T10:00:00.000Z' }),
      row('milestone', { nextMilestone: milestone('2026-03-10') }),
      row('rest-new', { lastActivityAt: '2026-03-03T10:00:00.000Z' }),
      row('overdue', { openDisputes: 1, overdueDisputes: 1 }),
      row('signature', { awaitingMySignature: 1 }),
      row('far-milestone', { nextMilestone: milestone('2026-06-01'), lastActivityAt: '2026-02-15T10:00:00.000Z' }),
    ];
    expect(urgency(rows)).toEqual(['signature', 'overdue', 'milestone', 'rest-new', 'far-milestone', 'rest-old']);
  });

  it('within a tier, a case that also has what later tiers look at comes first, then the nearest milestone', () => {
    const rows = [
      row('sign-only', { awaitingMySignature: 3, lastActivityAt: '2026-03-04T08:00:00.000Z' }),
      row('sign-and-milestone', { awaitingMySignature: 1, nextMilestone: milestone('2026-03-05') }),
      row('sign-and-overdue', { awaitingMySignature: 1, openDisputes: 1, overdueDisputes: 1 }),
      row('milestone-later', { nextMilestone: milestone('2026-03-18') }),
      row('milestone-sooner', { nextMilestone: milestone('2026-03-06') }),
      row('milestone-running', { nextMilestone: milestone('2026-02-20') }),
    ];
    expect(urgency(rows)).toEqual(['sign-and-overdue', 'sign-and-milestone', 'sign-only', 'milestone-running', 'milestone-sooner', 'milestone-later']);
  });

  it('counts a milestone exactly MILESTONE_SOON_DAYS away as near, one day later not', () => {
    const rows = [
      row('day-15', { nextMilestone: milestone('2026-03-19'), lastActivityAt: '2026-03-04T09:00:00.000Z' }),
      row('day-14', { nextMilestone: milestone('2026-03-18'), lastActivityAt: '2026-01-01T09:00:00.000Z' }),
    ];
    expect(MILESTONE_SOON_DAYS).toBe(14);
    expect(urgency(rows)).toEqual(['day-14', 'day-15']);
  });

  it('breaks full ties by pseudonym, then id, whatever the input order; cases without a milestone or with unknown counts are plain rest', () => {
    const same = { lastActivityAt: '2026-02-01T10:00:00.000Z' };
    const rows = [
      row('b', same, { employeePseudonym: 'WN-10' }),
      row('a', same, { employeePseudonym: 'WN-9' }),
      row(
        'c',
        { ...same, awaitingMySignature: null, openDisputes: null, overdueDisputes: null, openDisagreements: null, integrity: 'failed' },
        { employeePseudonym: 'WN-9' },
      ),
    ];
    expect(urgency(rows)).toEqual(['a', 'c', 'b']);
    expect(urgency([...rows].reverse())).toEqual(['a', 'c', 'b']);
  });
});

describe('work queue: filters', () => {
  const cases: Record<QueueFilter, [CaseListEntry, CaseListEntry][]> = {
    awaitingMe: [[row('yes', { awaitingMySignature: 1 }), row('no', { openDisagreements: 2 })]],
    disagreement: [[row('yes', { openDisagreements: 1 }), row('no', { awaitingMySignature: 0, openDisputes: 1 })]],
    dispute: [[row('yes', { openDisputes: 1 }), row('no', { openDisagreements: 1 })]],
    sessionThisWeek: [
      // Monday 00:30 in Amsterdam is Sunday 23:30 UTC: still this week.
      [row('yes', { nextSession: session('2026-03-01T23:30:00.000Z') }), row('no', { nextSession: session('2026-03-01T22:30:00.000Z') })],
      // Sunday 23:30 in Amsterdam (22:30 UTC) is this week; Monday 00:30 the next.
      [row('yes', { nextSession: session('2026-03-08T22:30:00.000Z') }), row('no', { nextSession: session('2026-03-08T23:30:00.000Z') })],
      [row('yes', { nextSession: session('2026-03-04T13:00:00.000Z') }), row('no', { nextSession: null })],
    ],
    milestoneSoon: [
      [row('yes', { nextMilestone: milestone('2026-03-18') }), row('no', { nextMilestone: milestone('2026-03-19') })],
      [row('yes', { nextMilestone: milestone('2026-02-25') }), row('no', { nextMilestone: null })],
    ],
  };

  for (const filter of QUEUE_FILTERS) {
    it(`"${filter}" keeps what it names and drops the rest`, () => {
      for (const [yes, no] of cases[filter]) {
        expect(matchesFilter(yes, filter, MOMENT), `${filter}: ${JSON.stringify(yes.queue)}`).toBe(true);
        expect(matchesFilter(no, filter, MOMENT), `${filter}: ${JSON.stringify(no.queue)}`).toBe(false);
      }
    });
  }

  it('a case with unknown counts (failed integrity) matches no count filter', () => {
    const broken = row('x', { awaitingMySignature: null, openDisagreements: null, openDisputes: null, overdueDisputes: null, integrity: 'failed' });
    for (const filter of ['awaitingMe', 'disagreement', 'dispute'] as const) expect(matchesFilter(broken, filter, MOMENT)).toBe(false);
  });

  it('filters combine (each must hold), search narrows further, and the order is urgency', () => {
    const rows = [
      row('both', { awaitingMySignature: 1, openDisagreements: 1 }, { employer: 'Logistiek Noord' }),
      row('both-other-employer', { awaitingMySignature: 1, openDisagreements: 1 }, { employer: 'Zorg Zuid' }),
      row('sign-only', { awaitingMySignature: 1 }),
      row('disagreement-only', { openDisagreements: 1 }),
    ];
    const view = (search: string, filters: QueueFilter[]) => ids(viewQueue(rows, { search, filters: new Set(filters), sort: URGENCY_SORT }, MOMENT));
    expect(view('', ['awaitingMe', 'disagreement'])).toEqual(['both', 'both-other-employer']);
    expect(view('noord', ['awaitingMe', 'disagreement'])).toEqual(['both']);
    expect(view('', [])).toHaveLength(4);
  });
});

describe('work queue: search', () => {
  const r = row('x', {}, { employeePseudonym: 'WN-2026-0147', employer: 'Logistiek Noord B.V.', title: 'Magazijnmedewerker — terugkeer' });

  it('matches pseudonym, employer and title, case-insensitively and without diacritics, every word somewhere', () => {
    for (const query of ['wn-2026-0147', '0147', 'LOGISTIEK', 'noord b.v.', 'magazijn', 'terugkéer', '  noord   magazijn ', ''])
      expect(matchesSearch(r, query), query).toBe(true);
    for (const query of ['0148', 'zuid', 'noord zuid']) expect(matchesSearch(r, query), query).toBe(false);
  });
});

describe('work queue: column sorts', () => {
  const rows = [
    row('a', { weekOfSickness: 12, nextSession: session('2026-03-05T09:00:00.000Z'), unreadComments: 2 }, { employer: 'Bouw' }),
    row('b', { weekOfSickness: null, nextSession: null, unreadComments: 0 }, { employer: 'aannemer' }),
    row('c', { weekOfSickness: 40, nextSession: session('2026-03-04T09:00:00.000Z'), unreadComments: 5 }, { employer: 'Zorg' }),
  ];
  const sorted = (key: Parameters<typeof comparatorOf>[0]['key'], direction: 'ascending' | 'descending') =>
    ids([...rows].sort(comparatorOf({ key, direction }, MOMENT)));

  it('sorts either way, unknown values last in both directions', () => {
    expect(sorted('week', 'ascending')).toEqual(['a', 'c', 'b']);
    expect(sorted('week', 'descending')).toEqual(['c', 'a', 'b']);
    expect(sorted('session', 'ascending')).toEqual(['c', 'a', 'b']);
    expect(sorted('session', 'descending')).toEqual(['a', 'c', 'b']);
    expect(sorted('employer', 'ascending')).toEqual(['b', 'a', 'c']);
    expect(sorted('unread', 'descending')).toEqual(['c', 'a', 'b']);
  });

  it('ranks overdue disputes above any number of timely ones', () => {
    const disputes = [row('many', { openDisputes: 3 }), row('overdue', { openDisputes: 1, overdueDisputes: 1 })];
    expect(ids(disputes.sort(comparatorOf({ key: 'disputes', direction: 'descending' }, MOMENT)))).toEqual(['overdue', 'many']);
  });
});

describe('work queue: pages and dates', () => {
  it('pages show "from–to of total", clamped to the pages there are', () => {
    const rows = Array.from({ length: 501 }, (_, i) => i);
    expect(pageOf(rows, 1, 50)).toMatchObject({ page: 1, pages: 11, from: 1, to: 50, total: 501 });
    expect(pageOf(rows, 11, 50)).toMatchObject({ page: 11, from: 501, to: 501, items: [500] });
    expect(pageOf(rows, 99, 50).page).toBe(11);
    expect(pageOf([], 1, 50)).toMatchObject({ page: 1, pages: 1, from: 0, to: 0, total: 0 });
  });

  it('knows the Dutch day of a moment and the ISO week of a day', () => {
    expect(dateIn('2026-03-01T23:30:00.000Z')).toBe('2026-03-02');
    expect(dateIn('2026-07-01T21:59:00.000Z')).toBe('2026-07-01');
    expect(isoWeekOf('2026-03-04')).toEqual({ monday: '2026-03-02', sunday: '2026-03-08' });
    expect(isoWeekOf('2026-03-08')).toEqual({ monday: '2026-03-02', sunday: '2026-03-08' });
    expect(isoWeekOf('2026-03-02')).toEqual({ monday: '2026-03-02', sunday: '2026-03-08' });
    expect(isoWeekOf('2027-01-01')).toEqual({ monday: '2026-12-28', sunday: '2027-01-03' });
  });
});

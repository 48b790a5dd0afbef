import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../server/store/ports.ts';
import { useFreshStores, type MakeStores } from './fixture.ts';

const entry = (n: number, fields: Partial<AuditEntry> = {}): AuditEntry => ({
  at: new Date(Date.UTC(2025, 0, 1, 8, 0, n)).toISOString(),
  userId: 'u-ba',
  username: 'ba.demo',
  role: 'bedrijfsarts',
  organisationId: 'org-arbo',
  caseId: 'c1',
  object: 'doc:occupational',
  action: 'read',
  outcome: 'success',
  detail: 'rw',
  ip: '10.0.0.7',
  userAgent: 'Mozilla/5.0',
  ...fields,
});

/** The AuditStore rules every adapter keeps (NEN 7513: append-only, filterable). */
export function auditStoreContract(name: string, makeStores: MakeStores): void {
  describe(`AuditStore contract: ${name}`, () => {
    const stores = useFreshStores(makeStores);
    const audit = () => stores().audit;

    async function appendAll(entries: AuditEntry[]) {
      for (const e of entries) await audit().append(e);
      return entries;
    }

    it('an empty trail lists nothing', async () => {
      expect(await audit().list({})).toEqual([]);
    });

    it('list returns the appended rows newest first', async () => {
      const rows = await appendAll([1, 2, 3, 4].map((n) => entry(n, { detail: `row ${n}` })));
      expect(await audit().list({})).toEqual([...rows].reverse());
    });

    it('newest means appended last, whatever the rows say their time is', async () => {
      const rows = await appendAll([entry(9), entry(1, { object: 'case' })]);
      expect(await audit().list({})).toEqual([rows[1], rows[0]]);
    });

    it('rows hold exactly the fields given', async () => {
      const full = entry(1, { detail: 'reason: not-member', outcome: 'denied', action: 'denied', userAgent: 'curl/8 ünïcode' });
      const anonymous: AuditEntry = {
        at: entry(2).at,
        userId: null,
        username: null,
        role: null,
        organisationId: null,
        caseId: null,
        object: 'session',
        action: 'login',
        outcome: 'failure',
        detail: null,
        ip: null,
        userAgent: null,
      };
      await appendAll([full, anonymous]);
      const [second, first] = await audit().list({});
      expect(first).toStrictEqual(full);
      expect(second).toStrictEqual(anonymous);
      expect(Object.keys(first!).sort()).toEqual(Object.keys(full).sort());
    });

    it('list filters by caseId, userId, organisation and action, and the filters combine', async () => {
      const rows = await appendAll([
        entry(1, { caseId: 'c1', userId: 'u1', action: 'read' }),
        entry(2, { caseId: 'c2', userId: 'u1', action: 'write' }),
        entry(3, { caseId: 'c1', userId: 'u2', action: 'write', organisationId: 'org-uwv' }),
        entry(4, { caseId: null, userId: 'u2', action: 'login', object: 'session', organisationId: 'org-uwv' }),
        entry(5, { caseId: 'c1', userId: null, action: 'denied', outcome: 'denied' }),
      ]);
      const pick = (...indexes: number[]) => indexes.map((i) => rows[i]);
      expect(await audit().list({ caseId: 'c1' })).toEqual(pick(4, 2, 0));
      expect(await audit().list({ userId: 'u2' })).toEqual(pick(3, 2));
      expect(await audit().list({ action: 'write' })).toEqual(pick(2, 1));
      expect(await audit().list({ caseId: 'c1', action: 'write' })).toEqual(pick(2));
      expect(await audit().list({ caseId: 'c1', userId: 'u1', action: 'read' })).toEqual(pick(0));
      expect(await audit().list({ organisationId: 'org-uwv' })).toEqual(pick(3, 2));
      expect(await audit().list({ organisationId: 'org-uwv', action: 'login' })).toEqual(pick(3));
      expect(await audit().list({ caseId: 'c2', userId: 'u2' })).toEqual([]);
      expect(await audit().list({ caseId: 'none' })).toEqual([]);
    });

    it('limit caps the number of rows and keeps the newest', async () => {
      const rows = await appendAll([1, 2, 3, 4, 5].map((n) => entry(n, { action: n % 2 ? 'read' : 'write' })));
      expect(await audit().list({ limit: 2 })).toEqual([rows[4], rows[3]]);
      expect(await audit().list({ limit: 1, action: 'write' })).toEqual([rows[3]]);
      expect(await audit().list({ limit: 10 })).toHaveLength(5);
      expect(await audit().list({ limit: 0 })).toEqual([]);
    });

    it('from and to filter on the time a row names: from inclusive, to exclusive, with the other filters', async () => {
      const rows = await appendAll([1, 2, 3, 4, 5].map((n) => entry(n, { caseId: n % 2 ? 'c1' : 'c2' })));
      const pick = (...indexes: number[]) => indexes.map((i) => rows[i]);
      expect(await audit().list({ from: entry(2).at })).toEqual(pick(4, 3, 2, 1));
      expect(await audit().list({ to: entry(3).at })).toEqual(pick(1, 0));
      expect(await audit().list({ from: entry(2).at, to: entry(5).at })).toEqual(pick(3, 2, 1));
      expect(await audit().list({ from: entry(2).at, to: entry(5).at, caseId: 'c1' })).toEqual(pick(2));
      expect(await audit().list({ from: entry(3).at, to: entry(3).at })).toEqual([]);
      expect(await audit().list({ from: '2026-01-01T00:00:00.000Z' })).toEqual([]);
    });

    it('pages with a cursor list every matching row once, newest first, and the last page has no cursor', async () => {
      const rows = await appendAll(Array.from({ length: 11 }, (_, n) => entry(n, { userId: n % 3 === 0 ? 'u-va' : 'u-ba', detail: `row ${n}` })));
      for (const filter of [{}, { userId: 'u-ba' }, { caseId: 'c1', action: 'read' as const }, { from: entry(2).at, to: entry(9).at }]) {
        const expected = (await audit().list(filter)).map((row) => row.detail);
        const seen: (string | null)[] = [];
        let cursor: string | undefined;
        for (let pages = 0; pages < 20; pages++) {
          const page = await audit().page({ ...filter, limit: 3, ...(cursor ? { cursor } : {}) });
          expect(page.entries.length).toBeLessThanOrEqual(3);
          seen.push(...page.entries.map((row) => row.detail));
          if (page.next === null) break;
          expect(page.entries).toHaveLength(3);
          cursor = page.next;
        }
        expect(seen).toEqual(expected);
      }
      expect(rows).toHaveLength(11);
    });

    it('a page is exactly as long as the limit when rows follow, and rows appended meanwhile do not shift the next page', async () => {
      await appendAll([1, 2, 3, 4].map((n) => entry(n, { detail: `row ${n}` })));
      const first = await audit().page({ limit: 2 });
      expect(first.entries.map((row) => row.detail)).toEqual(['row 4', 'row 3']);
      expect(first.next).not.toBeNull();
      await audit().append(entry(5, { detail: 'row 5' }));
      const second = await audit().page({ limit: 2, cursor: first.next! });
      expect(second.entries.map((row) => row.detail)).toEqual(['row 2', 'row 1']);
      expect(second.next).toBeNull();
      const all = await audit().page({ limit: 5 });
      expect(all.entries).toHaveLength(5);
      expect(all.next).toBeNull();
    });

    it('a cursor no page handed out lists nothing', async () => {
      await appendAll([entry(1), entry(2)]);
      expect((await audit().page({ cursor: 'not-a-cursor' })).entries).toEqual([]);
      expect((await audit().page({ cursor: '0' })).entries).toEqual([]);
    });

    it('rows handed in or read back cannot alter the trail', async () => {
      const given = entry(1);
      await audit().append(given);
      given.detail = 'tampered';
      const [listed] = await audit().list({});
      listed!.outcome = 'failure';
      expect(await audit().list({})).toEqual([entry(1)]);
    });
  });
}

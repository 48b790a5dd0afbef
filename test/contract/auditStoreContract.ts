import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../server/store/ports.ts';
import { useFreshStores, type MakeStores } from './fixture.ts';

const entry = (n: number, fields: Partial<AuditEntry> = {}): AuditEntry => ({
  at: new Date(Date.UTC(2025, 0, 1, 8, 0, n)).toISOString(),
  userId: 'u-ba',
  username: 'ba.demo',
  role: 'bedrijfsarts',
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

    it('list filters by caseId, userId and action, and the filters combine', async () => {
      const rows = await appendAll([
        entry(1, { caseId: 'c1', userId: 'u1', action: 'read' }),
        entry(2, { caseId: 'c2', userId: 'u1', action: 'write' }),
        entry(3, { caseId: 'c1', userId: 'u2', action: 'write' }),
        entry(4, { caseId: null, userId: 'u2', action: 'login', object: 'session' }),
        entry(5, { caseId: 'c1', userId: null, action: 'denied', outcome: 'denied' }),
      ]);
      const pick = (...indexes: number[]) => indexes.map((i) => rows[i]);
      expect(await audit().list({ caseId: 'c1' })).toEqual(pick(4, 2, 0));
      expect(await audit().list({ userId: 'u2' })).toEqual(pick(3, 2));
      expect(await audit().list({ action: 'write' })).toEqual(pick(2, 1));
      expect(await audit().list({ caseId: 'c1', action: 'write' })).toEqual(pick(2));
      expect(await audit().list({ caseId: 'c1', userId: 'u1', action: 'read' })).toEqual(pick(0));
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

import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { NewSummaryRelease, Stores } from '../../server/store/ports.ts';
import { createRedisStores } from '../../server/store/redis/index.ts';
import { SQLITE_FILE_NAME, createSqliteStores } from '../../server/store/sqlite/index.ts';
import { RedisServer } from '../helpers/redisServer.ts';
import { makeTempDir } from '../helpers/tmp.ts';

/**
 * What the EmployerSummaryStore contract cannot reach through the port:
 * SQLite's triggers against someone with the file, two connections to one
 * file, and two Redis nodes releasing at once.
 */

const release = (text: string): NewSummaryRelease => ({
  caseId: 'c1',
  sections: { d240: text },
  releasedAt: new Date(Date.UTC(2026, 2, 16, 9)).toISOString(),
  releasedBy: { userId: 'u-ba', name: 'Anna Bakker' },
});

describe('SQLite employer summary releases past the port', () => {
  const opened: Stores[] = [];
  const tmp = makeTempDir('cw-summary-');
  afterEach(async () => {
    for (const stores of opened.splice(0)) await stores.close();
  });
  afterAll(() => tmp.remove());

  it('refuse UPDATE, DELETE and REPLACE issued directly through SQL', async () => {
    const dir = join(tmp.dir, 'raw');
    const stores = createSqliteStores(dir, { synchronous: 'normal' });
    opened.push(stores);
    const stored = await stores.employerSummaries.release(release('Vrijgegeven tekst.'));

    const db = new Database(join(dir, SQLITE_FILE_NAME));
    const forged = `(case_id, version, released_at, released_by, released_by_name, sections) VALUES ('c1', 1, 'x', 'u', 'n', '{}')`;
    try {
      expect(() => db.prepare("UPDATE employer_summary_releases SET sections = '{}'").run()).toThrow(/immutable/);
      expect(() => db.prepare('DELETE FROM employer_summary_releases').run()).toThrow(/immutable/);
      expect(() => db.prepare(`INSERT OR REPLACE INTO employer_summary_releases ${forged}`).run()).toThrow(/immutable/);
      expect(() => db.prepare(`REPLACE INTO employer_summary_releases ${forged}`).run()).toThrow(/immutable/);
    } finally {
      db.close();
    }
    expect(await stores.employerSummaries.latestRelease('c1')).toEqual(stored);
  });

  it('two connections to one file number their releases apart', async () => {
    const dir = join(tmp.dir, 'two');
    const [a, b] = [createSqliteStores(dir, { synchronous: 'normal' }), createSqliteStores(dir, { synchronous: 'normal' })];
    opened.push(a, b);
    const released = await Promise.all([1, 2, 3].flatMap((n) => [a, b].map((node) => node.employerSummaries.release(release(`versie ${n}`)))));
    expect(released.map((r) => r.version).sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('Redis employer summary releases on two nodes', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await RedisServer.start();
  });
  afterAll(async () => {
    await server?.remove();
  });

  it('nodes releasing at once get distinct numbers, without gaps', async () => {
    const prefix = `t${randomUUID()}:`;
    const log = pino({ level: 'silent' });
    const nodes = await Promise.all([createRedisStores({ url: server.url, prefix, log }), createRedisStores({ url: server.url, prefix, log })]);
    try {
      const released = await Promise.all([1, 2, 3, 4].flatMap((n) => nodes.map((node, i) => node.employerSummaries.release(release(`n${i} v${n}`)))));
      expect(released.map((r) => r.version).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      const listed = await nodes[0]!.employerSummaries.listReleases('c1');
      expect(listed.map((r) => r.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      const latest = released.find((r) => r.version === 8)!;
      expect(await nodes[1]!.employerSummaries.latestRelease('c1')).toEqual(latest);
    } finally {
      await Promise.all(nodes.map((node) => node.close()));
    }
  });
});

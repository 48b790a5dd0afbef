import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { NewVersion, Stores } from '../../server/store/ports.ts';
import { createRedisStores } from '../../server/store/redis/index.ts';
import { SQLITE_FILE_NAME, createSqliteStores } from '../../server/store/sqlite/index.ts';
import { bytes } from '../contract/fixture.ts';
import { RedisServer } from '../helpers/redisServer.ts';
import { makeTempDir } from '../helpers/tmp.ts';

/**
 * What the VersionStore contract cannot reach through the port: SQLite's
 * triggers against someone with the file, and two Redis nodes racing for one
 * milestone.
 */

const milestone = (id: string, week: number): NewVersion => ({
  id,
  caseId: 'c1',
  at: new Date(Date.UTC(2026, 2, 16, 9)).toISOString(),
  week,
  label: `Week ${week}`,
  reason: 'milestone',
  by: { userId: 'u-ba', name: 'Anna Bakker' },
  milestone: week,
  states: { occupational: bytes(1, 64), insurance: bytes(2, 64), joint: bytes(3, 64) },
});

describe('SQLite versions past the port', () => {
  const opened: Stores[] = [];
  const tmp = makeTempDir('cw-versions-');
  afterEach(async () => {
    for (const stores of opened.splice(0)) await stores.close();
  });
  afterAll(() => tmp.remove());

  it('refuse UPDATE, DELETE and REPLACE issued directly through SQL, and a second row under a taken addOnce key', async () => {
    const dir = join(tmp.dir, 'raw');
    const stores = createSqliteStores(dir, { synchronous: 'normal' });
    opened.push(stores);
    await stores.versions.addOnce('milestone:6', milestone('v1', 6));
    const stored = await stores.versions.get('c1', 'v1');

    const db = new Database(join(dir, SQLITE_FILE_NAME));
    const columns = `(id, case_id, at, week, label, reason, once_key, occupational, insurance, joint)`;
    const row = (id: string) => `VALUES ('${id}', 'c1', '2026-03-16T09:00:00.000Z', 6, 'forged', 'milestone', 'milestone:6', x'00', x'00', x'00')`;
    try {
      expect(() => db.prepare("UPDATE versions SET label = 'forged'").run()).toThrow(/immutable/);
      expect(() => db.prepare('UPDATE versions SET joint = ?').run(Buffer.from([0]))).toThrow(/immutable/);
      expect(() => db.prepare('DELETE FROM versions').run()).toThrow(/immutable/);
      // REPLACE removes the conflicting row without firing DELETE triggers: by id, and by the addOnce key.
      expect(() => db.prepare(`INSERT OR REPLACE INTO versions ${columns} ${row('v1')}`).run()).toThrow(/immutable/);
      expect(() => db.prepare(`REPLACE INTO versions ${columns} ${row('v2')}`).run()).toThrow(/immutable/);
      expect(() => db.prepare(`INSERT INTO versions ${columns} ${row('v3')} ON CONFLICT DO UPDATE SET label = 'forged'`).run()).toThrow(/immutable/);
    } finally {
      db.close();
    }
    expect(await stores.versions.get('c1', 'v1')).toEqual(stored);
    expect((await stores.versions.list('c1')).map((v) => v.id)).toEqual(['v1']);
  });

  it('two connections to one file take a milestone once, and versions survive a reopen', async () => {
    const dir = join(tmp.dir, 'two');
    const [a, b] = [createSqliteStores(dir, { synchronous: 'normal' }), createSqliteStores(dir, { synchronous: 'normal' })];
    opened.push(a, b);
    const results = await Promise.all([a.versions.addOnce('milestone:8', milestone('a', 8)), b.versions.addOnce('milestone:8', milestone('b', 8))]);
    expect(results.map((r) => r.created)).toEqual([true, false]);
    await a.close();
    const reopened = createSqliteStores(dir, { synchronous: 'normal' });
    opened.push(reopened);
    expect(await reopened.versions.get('c1', 'a')).toEqual(milestone('a', 8));
    expect(await reopened.versions.list('c1')).toEqual([results[0]!.version]);
  });
});

describe('Redis versions on two nodes', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await RedisServer.start();
  });
  afterAll(async () => {
    await server?.remove();
  });

  it('nodes racing for the same milestones store each one once', async () => {
    const prefix = `t${randomUUID()}:`;
    const log = pino({ level: 'silent' });
    const nodes = await Promise.all([createRedisStores({ url: server.url, prefix, log }), createRedisStores({ url: server.url, prefix, log })]);
    try {
      const weeks = [6, 8, 42, 52, 87];
      const results = await Promise.all(
        weeks.flatMap((week) => nodes.map((node, i) => node.versions.addOnce(`milestone:${week}`, milestone(`w${week}-n${i}`, week)))),
      );
      expect(results.filter((r) => r.created)).toHaveLength(weeks.length);
      const listed = await nodes[1]!.versions.list('c1');
      expect(listed.map((v) => v.milestone).sort((x, y) => x! - y!)).toEqual(weeks);
      for (const result of results) expect(listed).toContainEqual(result.version);
    } finally {
      await Promise.all(nodes.map((node) => node.close()));
    }
  });
});

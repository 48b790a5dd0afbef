import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ORGANISATION_ID } from '../../shared/organisations.ts';
import { connectRedis, createRedisClient } from '../../server/store/redis/connection.ts';
import { createRedisStores } from '../../server/store/redis/index.ts';
import { MIGRATIONS } from '../../server/store/sqlite/migrations.ts';
import { createSqliteStores, SQLITE_FILE_NAME } from '../../server/store/sqlite/index.ts';
import { pino } from 'pino';
import { RedisServer } from '../helpers/redisServer.ts';
import { makeTempDir } from '../helpers/tmp.ts';

/** The last schema before organisations. */
const BEFORE = MIGRATIONS.findIndex((migration) => migration.includes('CREATE TABLE organisations'));

describe('existing data moves into the default organisation', () => {
  it('SQLite: every account belongs to it after the upgrade, administrators administer the platform, old audit rows have none', async () => {
    const temp = makeTempDir();
    try {
      const db = new Database(join(temp.dir, SQLITE_FILE_NAME));
      db.transaction(() => {
        for (const migration of MIGRATIONS.slice(0, BEFORE)) db.exec(migration);
        db.pragma(`user_version = ${BEFORE}`);
        const user = db.prepare('INSERT INTO users (id, username, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)');
        user.run('u-ba', 'ba.oud', 'BA', 'bedrijfsarts', 'h', '2026-01-01T00:00:00.000Z');
        user.run('u-admin', 'admin.oud', 'Beheer', 'admin', 'h', '2026-01-01T00:00:00.000Z');
        db.prepare(
          `INSERT INTO audit_log (at, user_id, username, role, case_id, object, action, outcome, detail, ip, user_agent)
           VALUES ('2026-01-01T00:00:00.000Z', 'u-ba', 'ba.oud', 'bedrijfsarts', NULL, 'session', 'login', 'success', NULL, NULL, NULL)`,
        ).run();
      })();
      db.close();

      const stores = createSqliteStores(temp.dir, { synchronous: 'normal' });
      try {
        expect(await stores.records.findUserByUsername('ba.oud')).toMatchObject({ organisationId: DEFAULT_ORGANISATION_ID, platformAdmin: false });
        expect(await stores.records.findUserByUsername('admin.oud')).toMatchObject({ organisationId: DEFAULT_ORGANISATION_ID, platformAdmin: true });
        expect((await stores.records.listOrganisations()).map((o) => o.id)).toEqual([DEFAULT_ORGANISATION_ID]);
        expect(await stores.audit.list({})).toEqual([expect.objectContaining({ username: 'ba.oud', organisationId: null })]);
      } finally {
        await stores.close();
      }
    } finally {
      temp.remove();
    }
  });
});

describe('existing data moves into the default organisation (Redis)', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await RedisServer.start();
  });
  afterAll(async () => {
    await server?.remove();
  });

  it('accounts and audit rows stored before organisations read as the default organisation, administrators as the platform', async () => {
    const prefix = `t${randomUUID()}:`;
    const raw = createRedisClient(server.url, 'old-version');
    await connectRedis(raw, server.url);
    const old = (id: string, username: string, role: string) =>
      JSON.stringify({ id, username, name: username, role, passwordHash: 'h', createdAt: '2026-01-01T00:00:00.000Z', deactivatedAt: null, sessionVersion: 0 });
    await raw.set(`${prefix}user:u-ba`, old('u-ba', 'ba.oud', 'bedrijfsarts'));
    await raw.set(`${prefix}user:u-admin`, old('u-admin', 'admin.oud', 'admin'));
    await raw.set(`${prefix}username:ba.oud`, 'u-ba');
    await raw.set(`${prefix}username:admin.oud`, 'u-admin');
    await raw.sadd(`${prefix}users`, 'u-ba', 'u-admin');
    const stores = await createRedisStores({ url: server.url, prefix, log: pino({ level: 'silent' }) });
    try {
      expect(await stores.records.findUserByUsername('ba.oud')).toMatchObject({ organisationId: DEFAULT_ORGANISATION_ID, platformAdmin: false });
      expect(await stores.records.findUserByUsername('admin.oud')).toMatchObject({ organisationId: DEFAULT_ORGANISATION_ID, platformAdmin: true });
      // Once changed, the account is stored with its organisation and stays a platform administrator.
      await stores.records.updateUser('u-admin', { role: 'admin' });
      expect(await stores.records.findUserById('u-admin')).toMatchObject({ platformAdmin: true });
      expect((await stores.records.getOrganisation(DEFAULT_ORGANISATION_ID))?.name).toBe('Standaardorganisatie');
    } finally {
      await stores.close();
      await raw.quit();
    }
  });
});

import Database from 'better-sqlite3';
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../server/store/memory/index.ts';
import type { MemoryWorkflowStore } from '../../server/store/memory/MemoryWorkflowStore.ts';
import type { Stores } from '../../server/store/ports.ts';
import { SQLITE_FILE_NAME, createSqliteStores } from '../../server/store/sqlite/index.ts';
import type { SqliteOptions } from '../../server/store/sqlite/openDatabase.ts';
import { storeContract } from '../contract/index.ts';
import { bytes } from '../contract/fixture.ts';
import { memoryRawWorkflow, sqliteRawWorkflow } from '../helpers/rawWorkflow.ts';
import { makeTempDir } from '../helpers/tmp.ts';

storeContract('memory', async () => {
  const stores = createMemoryStores();
  return { stores, raw: memoryRawWorkflow(stores.workflow as MemoryWorkflowStore), cleanup: async () => {} };
});

storeContract('sqlite', async () => {
  const tmp = makeTempDir('cw-contract-');
  const stores = createSqliteStores(tmp.dir, { synchronous: 'normal' });
  return {
    stores,
    raw: sqliteRawWorkflow(join(tmp.dir, SQLITE_FILE_NAME)),
    cleanup: async () => {
      await stores.close();
      tmp.remove();
    },
  };
});

describe.each<SqliteOptions['synchronous']>(['normal', 'full'])('SQLite durability (synchronous=%s)', (synchronous) => {
  const opened: Stores[] = [];
  const dirs: { remove(): void }[] = [];

  const tempDir = () => {
    const tmp = makeTempDir('cw-durable-');
    dirs.push(tmp);
    return tmp.dir;
  };
  const open = (dir: string) => {
    const stores = createSqliteStores(dir, { synchronous });
    opened.push(stores);
    return stores;
  };

  afterEach(async () => {
    // Some tests close their stores themselves; closing again is a no-op.
    for (const stores of opened.splice(0)) await stores.close();
    for (const tmp of dirs.splice(0)) tmp.remove();
  });

  it('data appended, then the stores closed and reopened on the same directory, is all there', async () => {
    const dir = tempDir();
    const first = open(dir);
    const { seq } = await first.docs.append('cases/c1/joint', [bytes(1), bytes(2)]);
    await first.docs.compact('cases/c1/joint', bytes(12), seq);
    const last = await first.docs.append('cases/c1/joint', [bytes(3)]);
    const user = await first.records.createUser({ id: 'u1', username: 'ba', name: 'BA', role: 'bedrijfsarts', passwordHash: 'h' });
    const created = await first.records.createCase(
      { id: 'c1', title: 't', employeePseudonym: 'p', employer: 'e', firstSickDay: '2024-01-02', templateVersion: 1 },
      [{ caseId: 'c1', userId: 'u1', caseRole: 'ba' }],
    );
    await first.records.revokeToken('jti', Math.floor(Date.now() / 1000) + 60);
    await first.audit.append(auditRow('login'));
    await first.close();

    const second = open(dir);
    expect(await second.docs.load('cases/c1/joint')).toEqual({ snapshot: bytes(12), updates: [bytes(3)], seq: last.seq });
    expect(await second.records.findUserByUsername('BA')).toEqual(user);
    expect(await second.records.getCase('c1')).toEqual(created);
    expect(await second.records.listMembers('c1')).toEqual([{ caseId: 'c1', userId: 'u1', caseRole: 'ba' }]);
    expect(await second.records.isTokenRevoked('jti')).toBe(true);
    expect(await second.audit.list({})).toEqual([auditRow('login')]);
  });

  it('seq keeps increasing across a reopen, even after the whole log was compacted', async () => {
    const dir = tempDir();
    const first = open(dir);
    const { seq } = await first.docs.append('d', [bytes(1), bytes(2)]);
    await first.docs.compact('d', bytes(12), seq);
    await first.close();

    const second = open(dir);
    const next = await second.docs.append('d', [bytes(3)]);
    expect(next.seq).toBeGreaterThan(seq);
    expect(next.pendingCount).toBe(1);
    expect(await second.docs.load('d')).toEqual({ snapshot: bytes(12), updates: [bytes(3)], seq: next.seq });
  });

  it('appends still queued when the stores close are written, not dropped', async () => {
    const dir = tempDir();
    const first = open(dir);
    const queued = [first.docs.append('a', [bytes(1)]), first.docs.append('b', [bytes(2), bytes(3)])];
    await first.close();
    await expect(Promise.all(queued)).resolves.toHaveLength(2);

    const second = open(dir);
    expect((await second.docs.load('a')).updates).toEqual([bytes(1)]);
    expect((await second.docs.load('b')).updates).toEqual([bytes(2), bytes(3)]);
  });

  it('an append that resolved is durable without a clean close', async () => {
    const dir = tempDir();
    const first = open(dir);
    await first.docs.append('d', [bytes(1)]);
    const { seq } = await first.docs.append('d', [bytes(2), bytes(3)]);
    await first.audit.append(auditRow('write'));

    // The files as a killed process leaves them: copied while the writer is still open
    // (no checkpoint, WAL not merged), so only what was committed to disk is in them.
    const crashed = tempDir();
    for (const suffix of ['', '-wal']) {
      const file = join(dir, SQLITE_FILE_NAME + suffix);
      if (existsSync(file)) cpSync(file, join(crashed, SQLITE_FILE_NAME + suffix));
    }
    const recovered = open(crashed);
    expect(await recovered.docs.load('d')).toEqual({ snapshot: null, updates: [bytes(1), bytes(2), bytes(3)], seq });
    expect(await recovered.audit.list({})).toEqual([auditRow('write')]);

    // A second connection to the live file sees the same before the first one closes.
    const other = new Database(join(dir, SQLITE_FILE_NAME), { readonly: true });
    try {
      expect(other.prepare('SELECT COUNT(*) AS n FROM doc_updates WHERE doc = ?').get('d')).toEqual({ n: 3 });
    } finally {
      other.close();
    }
  });

  it('a write that fails in a shared commit fails alone; the others of that commit land', async () => {
    const stores = open(tempDir());
    // NOT NULL: the schema refuses an audit row without an object.
    const broken = { ...auditRow('read'), object: null as unknown as string };
    const results = await Promise.allSettled([
      stores.docs.append('d', [bytes(1)]),
      stores.audit.append(broken),
      stores.audit.append(auditRow('write')),
      stores.docs.append('d', [bytes(2)]),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((await stores.docs.load('d')).updates).toEqual([bytes(1), bytes(2)]);
    expect(await stores.audit.list({})).toEqual([auditRow('write')]);
  });

  it('the audit log refuses UPDATE, DELETE and REPLACE issued directly through SQL', async () => {
    const dir = tempDir();
    const stores = open(dir);
    await stores.audit.append(auditRow('login'));
    await stores.audit.append(auditRow('read'));

    const db = new Database(join(dir, SQLITE_FILE_NAME));
    const overwrite = `(id, at, object, action, outcome) VALUES (1, '2000-01-01T00:00:00.000Z', 'session', 'logout', 'success')`;
    try {
      expect(() => db.prepare("UPDATE audit_log SET outcome = 'failure'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_log WHERE action = ?').run('login')).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
      // REPLACE removes the conflicting row without firing DELETE triggers.
      expect(() => db.prepare(`INSERT OR REPLACE INTO audit_log ${overwrite}`).run()).toThrow(/append-only/);
      expect(() => db.prepare(`REPLACE INTO audit_log ${overwrite}`).run()).toThrow(/append-only/);
      expect(() => db.prepare(`INSERT INTO audit_log ${overwrite} ON CONFLICT (id) DO UPDATE SET action = 'logout'`).run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
    expect(await stores.audit.list({})).toEqual([auditRow('read'), auditRow('login')]);
    await stores.audit.append(auditRow('write'));
    expect(await stores.audit.list({ limit: 1 })).toEqual([auditRow('write')]);
  });
});

function auditRow(action: 'login' | 'read' | 'write') {
  return {
    at: '2025-01-01T08:00:00.000Z',
    userId: 'u1',
    username: 'ba',
    role: 'bedrijfsarts',
    organisationId: 'default',
    caseId: action === 'login' ? null : 'c1',
    object: action === 'login' ? 'session' : 'doc:joint',
    action,
    outcome: 'success',
    detail: null,
    ip: '127.0.0.1',
    userAgent: null,
  } as const;
}

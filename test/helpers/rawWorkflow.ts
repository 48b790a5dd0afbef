import Database from 'better-sqlite3';
import type { CaseRole } from '../../shared/roles.ts';
import { TEMPLATE_V1 } from '../../shared/template/shipped.ts';
import type { Redis } from 'ioredis';
import type { CaseWorkflow, EventEnvelope } from '../../shared/workflow/types.ts';
import type { MemoryWorkflowStore } from '../../server/store/memory/MemoryWorkflowStore.ts';
import { hashPassword } from '../../server/auth/passwords.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/seed.ts';
import type { HeadSeal, ReviewerGrant, WorkflowRecord } from '../../server/store/ports.ts';
import { MIGRATIONS } from '../../server/store/sqlite/migrations.ts';

/**
 * An adapter's workflow data reached past its port: how a version before the
 * keyed log wrote it, and how an attacker with access to the database edits
 * it (SQLite: the file, with the append-only triggers dropped; Redis: the keys,
 * with a raw client).
 */
export interface RawWorkflow {
  /** Writes a case as a version before the keyed log did: these events, and a state row without a seal. */
  writeLegacy(caseId: string, events: readonly EventEnvelope[], state: CaseWorkflow, reviewers: readonly ReviewerGrant[]): Promise<void>;
  /** Deletes the case's events after `seq`. */
  deleteEventsAfter(caseId: string, seq: number): Promise<void>;
  /** Overwrites the stored events with these (same seqs). */
  replaceEvents(caseId: string, events: readonly EventEnvelope[]): Promise<void>;
  /** Overwrites the state JSON of the row, nothing else. */
  setState(caseId: string, state: CaseWorkflow): Promise<void>;
  /** Overwrites the head (seq, hash) of the row, nothing else. */
  setHead(caseId: string, seq: number, hash: string): Promise<void>;
  /** Adds a reviewer grant. */
  addGrant(caseId: string, grant: ReviewerGrant): Promise<void>;
  /** Removes the row's seal. */
  removeSeal(caseId: string): Promise<void>;
  /** Overwrites the row's seal. */
  setSeal(caseId: string, seal: HeadSeal): Promise<void>;
}

/**
 * The SQLite file edited through a second connection, as someone with the
 * file would: to change or delete events, the append-only triggers go first.
 */
export function sqliteRawWorkflow(file: string): RawWorkflow {
  const edit = async (change: (db: Database.Database) => void, { dropGuards = true } = {}) => {
    const db = new Database(file);
    try {
      db.pragma('busy_timeout = 5000');
      if (dropGuards) db.exec('DROP TRIGGER IF EXISTS case_events_no_update; DROP TRIGGER IF EXISTS case_events_no_delete;');
      db.transaction(() => change(db))();
    } finally {
      db.close();
    }
  };
  const insertEvent = (db: Database.Database, e: EventEnvelope) =>
    db
      .prepare('INSERT INTO case_events (case_id, seq, at, actor, event, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(e.caseId, e.seq, e.at, JSON.stringify(e.actor), JSON.stringify(e.event), e.prevHash, e.hash);
  const insertGrant = (db: Database.Database, caseId: string, g: ReviewerGrant) =>
    db.prepare('INSERT INTO case_reviewers (case_id, user_id, dispute_id) VALUES (?, ?, ?)').run(caseId, g.userId, g.disputeId);
  return {
    // Only the columns a version before the keyed log had, so this also writes into such a file.
    writeLegacy: (caseId, events, state, reviewers) =>
      edit(
        (db) => {
          for (const e of events) insertEvent(db, e);
          const head = events.at(-1)!;
          db.prepare('INSERT INTO case_workflow (case_id, seq, hash, state) VALUES (?, ?, ?, ?)').run(caseId, head.seq, head.hash, JSON.stringify(state));
          for (const grant of reviewers) insertGrant(db, caseId, grant);
        },
        { dropGuards: false },
      ),
    deleteEventsAfter: (caseId, seq) => edit((db) => void db.prepare('DELETE FROM case_events WHERE case_id = ? AND seq > ?').run(caseId, seq)),
    replaceEvents: (caseId, events) =>
      edit((db) => {
        const update = db.prepare('UPDATE case_events SET at = ?, actor = ?, event = ?, prev_hash = ?, hash = ? WHERE case_id = ? AND seq = ?');
        for (const e of events) update.run(e.at, JSON.stringify(e.actor), JSON.stringify(e.event), e.prevHash, e.hash, caseId, e.seq);
      }),
    setState: (caseId, state) => edit((db) => void db.prepare('UPDATE case_workflow SET state = ? WHERE case_id = ?').run(JSON.stringify(state), caseId)),
    setHead: (caseId, seq, hash) => edit((db) => void db.prepare('UPDATE case_workflow SET seq = ?, hash = ? WHERE case_id = ?').run(seq, hash, caseId)),
    addGrant: (caseId, grant) => edit((db) => void insertGrant(db, caseId, grant)),
    removeSeal: (caseId) => edit((db) => void db.prepare('UPDATE case_workflow SET seal_mac = NULL WHERE case_id = ?').run(caseId)),
    setSeal: (caseId, seal) =>
      edit((db) => void db.prepare('UPDATE case_workflow SET seal_mac = ?, legacy_seq = ? WHERE case_id = ?').run(seal.mac, seal.legacySeq, caseId)),
  };
}

/** The Redis keys of the workflow (server/store/redis/RedisWorkflowStore.ts) edited with a raw client. */
export function redisRawWorkflow(redis: Redis, prefix: string): RawWorkflow {
  const key = {
    state: (caseId: string) => `${prefix}workflow:${caseId}`,
    events: (caseId: string) => `${prefix}workflow-events:${caseId}`,
    reviewers: (caseId: string) => `${prefix}workflow-reviewers:${caseId}`,
    reviews: (userId: string) => `${prefix}workflow-reviews:${userId}`,
  };
  const addGrant = async (caseId: string, { userId, disputeId }: ReviewerGrant) => {
    const ids = JSON.parse((await redis.hget(key.reviewers(caseId), userId)) ?? '[]') as string[];
    await redis.hset(key.reviewers(caseId), userId, JSON.stringify([...ids, disputeId]));
    await redis.sadd(key.reviews(userId), caseId);
  };
  return {
    async writeLegacy(caseId, events, state, reviewers) {
      await redis.rpush(key.events(caseId), ...events.map((e) => JSON.stringify(e)));
      const head = events.at(-1)!;
      await redis.hset(key.state(caseId), 'seq', String(head.seq), 'hash', head.hash, 'state', JSON.stringify(state));
      for (const grant of reviewers) await addGrant(caseId, grant);
    },
    deleteEventsAfter: async (caseId, seq) => void (await redis.ltrim(key.events(caseId), 0, seq - 1)),
    async replaceEvents(caseId, events) {
      for (const e of events) await redis.lset(key.events(caseId), e.seq - 1, JSON.stringify(e));
    },
    setState: async (caseId, state) => void (await redis.hset(key.state(caseId), 'state', JSON.stringify(state))),
    setHead: async (caseId, seq, hash) => void (await redis.hset(key.state(caseId), 'seq', String(seq), 'hash', hash)),
    addGrant,
    removeSeal: async (caseId) => void (await redis.hdel(key.state(caseId), 'seal')),
    setSeal: async (caseId, seal) => void (await redis.hset(key.state(caseId), 'seal', JSON.stringify(seal))),
  };
}

/** The memory adapter's maps, reached past its privates (tests only). */
export function memoryRawWorkflow(store: MemoryWorkflowStore): RawWorkflow {
  // The adapter's fields are TypeScript-private, not #private: a test may reach them by name.
  const inner = store as unknown as { records: Map<string, WorkflowRecord>; events: Map<string, EventEnvelope[]> };
  const row = (caseId: string) => inner.records.get(caseId)!;
  return {
    async writeLegacy(caseId, events, state, reviewers) {
      inner.events.set(caseId, structuredClone([...events]));
      const head = events.at(-1)!;
      inner.records.set(caseId, structuredClone({ seq: head.seq, hash: head.hash, state, reviewers: [...reviewers], seal: null }));
    },
    deleteEventsAfter: async (caseId, seq) =>
      void inner.events.set(
        caseId,
        (inner.events.get(caseId) ?? []).filter((e) => e.seq <= seq),
      ),
    async replaceEvents(caseId, events) {
      const replaced = new Map(events.map((e) => [e.seq, structuredClone(e)]));
      inner.events.set(
        caseId,
        (inner.events.get(caseId) ?? []).map((e) => replaced.get(e.seq) ?? e),
      );
    },
    setState: async (caseId, state) => void inner.records.set(caseId, { ...row(caseId), state: structuredClone(state) }),
    setHead: async (caseId, seq, hash) => void inner.records.set(caseId, { ...row(caseId), seq, hash }),
    addGrant: async (caseId, grant) => void inner.records.set(caseId, { ...row(caseId), reviewers: [...row(caseId).reviewers, grant] }),
    removeSeal: async (caseId) => void inner.records.set(caseId, { ...row(caseId), seal: null }),
    setSeal: async (caseId, seal) => void inner.records.set(caseId, { ...row(caseId), seal: structuredClone(seal) }),
  };
}

/** The migration that keyed the log; a database before it is what an upgrade starts from. */
export const KEYED_LOG_MIGRATION = MIGRATIONS.findIndex((migration) => migration.includes('ADD COLUMN seal_mac'));

export interface PreKeyedCase {
  id: string;
  /** username by case role */
  members: Partial<Record<CaseRole, string>>;
}

/**
 * A workspace file as the version before the keyed log left it: its schema
 * up to (not including) the keyed-log migration, the demo users (password
 * `demo`, ids `u-<username>`) and these cases. The next start migrates it as
 * an upgrade would.
 */
export async function createPreKeyedDatabase(file: string, cases: readonly PreKeyedCase[]): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const at = new Date().toISOString();
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.transaction(() => {
      for (const migration of MIGRATIONS.slice(0, KEYED_LOG_MIGRATION)) db.exec(migration);
      db.pragma(`user_version = ${KEYED_LOG_MIGRATION}`);
      const user = db.prepare('INSERT INTO users (id, username, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)');
      for (const u of DEMO_USERS) user.run(`u-${u.username}`, u.username, u.name, u.role, passwordHash, at);
      const insertCase = db.prepare(
        'INSERT INTO cases (id, title, employee_pseudonym, employer, first_sick_day, template_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      const member = db.prepare('INSERT INTO case_members (case_id, case_role, user_id) VALUES (?, ?, ?)');
      for (const c of cases) {
        insertCase.run(c.id, 'Van voor de sleutel', 'WN-OUD', 'Werkgever', '2026-01-05', TEMPLATE_V1.version, at);
        for (const [role, username] of Object.entries(c.members)) member.run(c.id, role, `u-${username}`);
      }
    })();
  } finally {
    db.close();
  }
}

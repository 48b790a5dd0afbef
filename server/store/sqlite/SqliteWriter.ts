import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { AppendResult, AuditEntry } from '../ports.ts';
import type { SqliteDatabase, SqliteOptions } from './openDatabase.ts';

/** The high-volume writes, done in call order, many to one transaction (one fsync). */
export type WriteOp =
  | { kind: 'append'; docName: string; updates: Uint8Array[] }
  | { kind: 'compact'; docName: string; snapshot: Uint8Array; uptoSeq: number }
  | { kind: 'audit'; entry: AuditEntry };

type Outcome = { ok: true; value: AppendResult | null } | { ok: false; error: string };

/**
 * Builds the function that performs a batch of writes in one transaction on
 * `db`, each op in its own savepoint, so that one failing op fails alone.
 *
 * It must not refer to anything outside itself: the writer thread runs its
 * source text (`toString()`), as a worker cannot load this TypeScript module.
 */
export function createWriteRunner(db: SqliteDatabase): (ops: WriteOp[]) => Outcome[] {
  const sql = {
    insert: db.prepare('INSERT INTO doc_updates (doc, data) VALUES (?, ?)'),
    lastSeq: db.prepare(
      `SELECT MAX(seq) AS seq FROM (SELECT MAX(seq) AS seq FROM doc_updates WHERE doc = ?
       UNION ALL SELECT seq FROM doc_snapshots WHERE doc = ?)`,
    ),
    countPending: db.prepare('SELECT COUNT(*) AS n FROM doc_updates WHERE doc = ?'),
    snapshotSeq: db.prepare('SELECT seq FROM doc_snapshots WHERE doc = ?'),
    upsertSnapshot: db.prepare(
      `INSERT INTO doc_snapshots (doc, data, seq) VALUES (?, ?, ?)
       ON CONFLICT (doc) DO UPDATE SET data = excluded.data, seq = excluded.seq`,
    ),
    deleteUpTo: db.prepare('DELETE FROM doc_updates WHERE doc = ? AND seq <= ?'),
    audit: db.prepare(
      `INSERT INTO audit_log (at, user_id, username, role, case_id, object, action, outcome, detail, ip, user_agent)
       VALUES (@at, @userId, @username, @role, @caseId, @object, @action, @outcome, @detail, @ip, @userAgent)`,
    ),
  };
  // Updates stored after each document's snapshot: counted once, then kept here (this is the only writer).
  const pending = new Map<string, number>();
  const pendingOf = (docName: string): number => {
    let count = pending.get(docName);
    if (count === undefined) pending.set(docName, (count = (sql.countPending.get(docName) as { n: number }).n));
    return count;
  };
  const runOp = db.transaction((op: WriteOp): AppendResult | null => {
    switch (op.kind) {
      case 'append': {
        const pendingCount = pendingOf(op.docName);
        let seq = 0;
        for (const update of op.updates) seq = Number(sql.insert.run(op.docName, update).lastInsertRowid);
        if (op.updates.length === 0) seq = (sql.lastSeq.get(op.docName, op.docName) as { seq: number | null } | undefined)?.seq ?? 0;
        pending.set(op.docName, pendingCount + op.updates.length);
        return { seq, pendingCount: pendingCount + op.updates.length };
      }
      case 'compact': {
        // A snapshot that covers less than the stored one would drop the updates in between.
        const stored = sql.snapshotSeq.get(op.docName) as { seq: number } | undefined;
        if (stored && op.uptoSeq < stored.seq) return null;
        sql.upsertSnapshot.run(op.docName, op.snapshot, op.uptoSeq);
        sql.deleteUpTo.run(op.docName, op.uptoSeq);
        pending.delete(op.docName);
        return null;
      }
      case 'audit':
        sql.audit.run(op.entry);
        return null;
    }
  });
  const runBatch = db.transaction((ops: WriteOp[]): Outcome[] =>
    ops.map((op) => {
      try {
        return { ok: true, value: runOp(op) };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
  return (ops) => {
    try {
      return runBatch(ops);
    } catch (error) {
      // Rolled back as a whole: the counts kept here may be ahead of the rows; count again.
      pending.clear();
      throw error;
    }
  };
}

interface Pending {
  op: WriteOp;
  resolve(value: AppendResult | null): void;
  reject(error: Error): void;
}

/**
 * Queues writes and performs them in batches, one batch at a time: the writes
 * made while a batch commits go together into the next (group commit).
 */
export abstract class SqliteWriter {
  private queue: Pending[] = [];
  private inFlight: Promise<void> | null = null;
  private scheduled = false;
  private closed = false;

  write(op: WriteOp): Promise<AppendResult | null> {
    if (this.closed) return Promise.reject(new Error('the store is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ op, resolve, reject });
      this.schedule();
    });
  }

  /** Writes everything queued, then stops. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.inFlight || this.queue.length > 0) {
      if (!this.inFlight) this.startBatch();
      await this.inFlight;
    }
    await this.stop();
  }

  /** Performs the ops in one transaction; rejects when the transaction as a whole failed. */
  protected abstract run(ops: WriteOp[]): Promise<Outcome[]>;
  protected abstract stop(): Promise<void>;

  private schedule(): void {
    if (this.scheduled || this.inFlight) return;
    this.scheduled = true;
    // The writes of this event-loop turn go together; waiting any longer only adds latency (BENCHMARKS.md).
    setImmediate(() => {
      this.scheduled = false;
      if (!this.inFlight) this.startBatch();
    });
  }

  private startBatch(): void {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    this.inFlight = this.run(batch.map((item) => item.op)).then(
      (outcomes) =>
        batch.forEach((item, i) => {
          const outcome = outcomes[i]!;
          if (outcome.ok) item.resolve(outcome.value);
          else item.reject(new Error(outcome.error));
        }),
      (error: unknown) => {
        for (const item of batch) item.reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
    void this.inFlight.finally(() => {
      this.inFlight = null;
      if (this.queue.length > 0) this.startBatch();
    });
  }
}

/** Writes on the connection the reads use, in this thread (an in-memory database has no other). */
export class InlineWriter extends SqliteWriter {
  private readonly runner: (ops: WriteOp[]) => Outcome[];

  constructor(db: SqliteDatabase) {
    super();
    this.runner = createWriteRunner(db);
  }

  protected async run(ops: WriteOp[]): Promise<Outcome[]> {
    return this.runner(ops);
  }

  protected async stop(): Promise<void> {}
}

/**
 * Writes on a connection of its own in a worker thread, so that the commit
 * and its fsync never stop this thread from relaying what is already durable;
 * WAL lets the reads here go on meanwhile.
 */
export class ThreadWriter extends SqliteWriter {
  private readonly worker: Worker;
  private readonly replies = new Map<number, { resolve(outcomes: Outcome[]): void; reject(error: Error): void }>();
  private nextId = 1;
  private failure: Error | null = null;

  constructor(file: string, options: SqliteOptions) {
    super();
    const source = `
      const { parentPort, workerData } = require('node:worker_threads');
      const Database = require(workerData.driver);
      const db = new Database(workerData.file);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = ' + workerData.synchronous);
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      const run = (${createWriteRunner.toString()})(db);
      parentPort.on('message', ({ id, ops }) => {
        if (id === 0) return (db.close(), parentPort.close());
        try {
          parentPort.postMessage({ id, outcomes: run(ops) });
        } catch (error) {
          parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
        }
      });`;
    this.worker = new Worker(source, {
      eval: true,
      workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), file, synchronous: options.synchronous === 'full' ? 'FULL' : 'NORMAL' },
    });
    this.worker.unref();
    this.worker.on('message', (reply: { id: number; outcomes?: Outcome[]; error?: string }) => {
      const waiting = this.replies.get(reply.id);
      this.replies.delete(reply.id);
      if (this.replies.size === 0) this.worker.unref();
      if (reply.outcomes) waiting?.resolve(reply.outcomes);
      else waiting?.reject(new Error(reply.error ?? 'write failed'));
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`the SQLite writer thread exited (${code})`)));
  }

  protected run(ops: WriteOp[]): Promise<Outcome[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    // Referenced while a batch is out, so that the process waits for its commit.
    this.worker.ref();
    return new Promise((resolve, reject) => {
      this.replies.set(id, { resolve, reject });
      this.worker.postMessage({ id, ops });
    });
  }

  protected async stop(): Promise<void> {
    if (this.failure) return;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.ref();
    this.worker.postMessage({ id: 0 });
    await exited;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.replies.values()) waiting.reject(error);
    this.replies.clear();
  }
}

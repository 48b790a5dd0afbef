import type Database from 'better-sqlite3';
import type { AppendResult, AuditEntry } from '../ports.ts';

/** The high-volume writes, done in call order, many to one transaction (one fsync). */
export type WriteOp =
  | { kind: 'append'; docName: string; updates: Uint8Array[] }
  | { kind: 'compact'; docName: string; snapshot: Uint8Array; uptoSeq: number }
  | { kind: 'audit'; entry: AuditEntry };

export type Outcome = { ok: true; value: AppendResult | null } | { ok: false; error: string };

type Statements = ReturnType<typeof prepareStatements>;

function prepareStatements(db: Database.Database) {
  return {
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
      `INSERT INTO audit_log (at, user_id, username, role, organisation_id, case_id, object, action, outcome, detail, ip, user_agent)
       VALUES (@at, @userId, @username, @role, @organisationId, @caseId, @object, @action, @outcome, @detail, @ip, @userAgent)`,
    ),
  };
}

/**
 * Performs single writes on the one connection that writes. It keeps the
 * number of updates stored after each document's snapshot: counted once,
 * then kept here (no other connection writes them).
 */
class OpRunner {
  private readonly pending = new Map<string, number>();

  constructor(private readonly sql: Statements) {}

  run(op: WriteOp): AppendResult | null {
    switch (op.kind) {
      case 'append':
        return this.append(op.docName, op.updates);
      case 'compact':
        this.compact(op.docName, op.snapshot, op.uptoSeq);
        return null;
      case 'audit':
        this.sql.audit.run(op.entry);
        return null;
    }
  }

  /** The counts may be ahead of the rows (a transaction rolled back): they are counted again. */
  forget(): void {
    this.pending.clear();
  }

  private append(docName: string, updates: Uint8Array[]): AppendResult {
    const pendingCount = this.pendingOf(docName);
    let seq = 0;
    for (const update of updates) seq = Number(this.sql.insert.run(docName, update).lastInsertRowid);
    if (updates.length === 0) seq = (this.sql.lastSeq.get(docName, docName) as { seq: number | null } | undefined)?.seq ?? 0;
    this.pending.set(docName, pendingCount + updates.length);
    return { seq, pendingCount: pendingCount + updates.length };
  }

  private compact(docName: string, snapshot: Uint8Array, uptoSeq: number): void {
    // A snapshot that covers less than the stored one would drop the updates in between.
    const stored = this.sql.snapshotSeq.get(docName) as { seq: number } | undefined;
    if (stored && uptoSeq < stored.seq) return;
    this.sql.upsertSnapshot.run(docName, snapshot, uptoSeq);
    this.sql.deleteUpTo.run(docName, uptoSeq);
    this.pending.delete(docName);
  }

  private pendingOf(docName: string): number {
    let count = this.pending.get(docName);
    if (count === undefined) this.pending.set(docName, (count = (this.sql.countPending.get(docName) as { n: number }).n));
    return count;
  }
}

/**
 * Builds the function that performs a batch of writes in one transaction on
 * `db`. When an op fails, the batch is run again with each op in its own
 * savepoint, so that one failing op fails alone.
 * Runs on the connection that writes: the writer thread's (writerWorker.ts),
 * or the only one of an in-memory database.
 */
export function createWriteRunner(db: Database.Database): (ops: WriteOp[]) => Outcome[] {
  const runner = new OpRunner(prepareStatements(db));
  // A transaction function called inside another one runs as a savepoint (https://github.com/WiseLibs/better-sqlite3/blob/master/docs/api.md#transactionfunction---function).
  const runOp = db.transaction((op: WriteOp) => runner.run(op));
  const runBatch = db.transaction((ops: WriteOp[]): Outcome[] =>
    ops.map((op) => {
      try {
        return { ok: true, value: runOp(op) };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
  // The common case first: every op succeeds, and one transaction without a savepoint per op does.
  const runAll = db.transaction((ops: WriteOp[]): Outcome[] => ops.map((op) => ({ ok: true, value: runner.run(op) })));
  return (ops) => {
    try {
      return runAll(ops);
    } catch {
      // Rolled back as a whole: again with a savepoint per op, so that only the failing op fails.
      runner.forget();
    }
    try {
      return runBatch(ops);
    } catch (error) {
      runner.forget();
      throw error;
    }
  };
}

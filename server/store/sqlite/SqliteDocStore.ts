import type { AppendResult, DocStore, StoredDoc } from '../ports.ts';
import type { SqliteDatabase } from './openDatabase.ts';

interface QueuedAppend {
  docName: string;
  updates: Uint8Array[];
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Document updates in SQLite. Appends made in one event-loop turn share one
 * transaction (one fsync), which keeps the write-ahead relay fast under load.
 */
export class SqliteDocStore implements DocStore {
  private queue: QueuedAppend[] = [];
  private readonly statements;
  private readonly compactTx: (docName: string, snapshot: Uint8Array, uptoSeq: number) => void;
  private readonly writeBatch: (batch: QueuedAppend[]) => AppendResult[];

  constructor(db: SqliteDatabase) {
    this.statements = {
      snapshot: db.prepare<[string], { data: Buffer; seq: number }>('SELECT data, seq FROM doc_snapshots WHERE doc = ?'),
      snapshotSeq: db.prepare<[string], { seq: number }>('SELECT seq FROM doc_snapshots WHERE doc = ?'),
      lastSeq: db.prepare<[string, string], { seq: number | null }>(
        `SELECT MAX(seq) AS seq FROM (SELECT MAX(seq) AS seq FROM doc_updates WHERE doc = ?
         UNION ALL SELECT seq FROM doc_snapshots WHERE doc = ?)`,
      ),
      updates: db.prepare<[string, number], { data: Buffer; seq: number }>(
        'SELECT data, seq FROM doc_updates WHERE doc = ? AND seq > ? ORDER BY seq',
      ),
      insert: db.prepare<[string, Uint8Array]>('INSERT INTO doc_updates (doc, data) VALUES (?, ?)'),
      countUp: db.prepare<[string, number], { pending: number }>(
        `INSERT INTO doc_meta (doc, pending) VALUES (?, ?)
         ON CONFLICT (doc) DO UPDATE SET pending = pending + excluded.pending RETURNING pending`,
      ),
      upsertSnapshot: db.prepare<[string, Uint8Array, number]>(
        `INSERT INTO doc_snapshots (doc, data, seq) VALUES (?, ?, ?)
         ON CONFLICT (doc) DO UPDATE SET data = excluded.data, seq = excluded.seq`,
      ),
      deleteUpTo: db.prepare<[string, number]>('DELETE FROM doc_updates WHERE doc = ? AND seq <= ?'),
      recount: db.prepare<[string, string]>(
        `INSERT INTO doc_meta (doc, pending) VALUES (?, (SELECT COUNT(*) FROM doc_updates WHERE doc = ?))
         ON CONFLICT (doc) DO UPDATE SET pending = excluded.pending`,
      ),
    };
    this.compactTx = db.transaction((docName: string, snapshot: Uint8Array, uptoSeq: number) => {
      // A snapshot that covers less than the stored one would drop the updates in between.
      const stored = this.statements.snapshotSeq.get(docName);
      if (stored && uptoSeq < stored.seq) return;
      this.statements.upsertSnapshot.run(docName, snapshot, uptoSeq);
      this.statements.deleteUpTo.run(docName, uptoSeq);
      this.statements.recount.run(docName, docName);
    });
    this.writeBatch = db.transaction((batch: QueuedAppend[]) =>
      batch.map(({ docName, updates }) => {
        let seq = 0;
        for (const update of updates) seq = Number(this.statements.insert.run(docName, update).lastInsertRowid);
        if (updates.length === 0) seq = this.statements.lastSeq.get(docName, docName)?.seq ?? 0;
        const { pending } = this.statements.countUp.get(docName, updates.length)!;
        return { seq, pendingCount: pending };
      }),
    );
  }

  async load(docName: string): Promise<StoredDoc> {
    const snapshot = this.statements.snapshot.get(docName);
    const rows = this.statements.updates.all(docName, snapshot?.seq ?? 0);
    const last = rows.at(-1)?.seq ?? snapshot?.seq ?? 0;
    return { snapshot: snapshot ? new Uint8Array(snapshot.data) : null, updates: rows.map((r) => new Uint8Array(r.data)), seq: last };
  }

  append(docName: string, updates: Uint8Array[]): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      if (this.queue.length === 0) setImmediate(() => this.flush());
      // Copied now: the write happens a turn later, and the caller may reuse its buffers by then.
      this.queue.push({ docName, updates: updates.map((update) => new Uint8Array(update)), resolve, reject });
    });
  }

  async compact(docName: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    this.compactTx(docName, snapshot, uptoSeq);
  }

  /** Writes whatever is queued now; called before the database closes. */
  flush(): void {
    if (this.queue.length > 0) this.flushQueue();
  }

  private flushQueue(): void {
    const batch = this.queue;
    this.queue = [];
    let results: AppendResult[];
    try {
      results = this.writeBatch(batch);
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => item.resolve(results[i]!));
  }
}

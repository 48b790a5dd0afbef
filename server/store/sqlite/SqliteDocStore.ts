import type { AppendResult, DocStore, StoredDoc } from '../ports.ts';
import type { SqliteDatabase } from './openDatabase.ts';
import type { SqliteWriter } from './SqliteWriter.ts';

/**
 * Document updates in SQLite. Reads run here; appends and compactions go to
 * the writer, which commits the appends of many documents together; `flush`
 * waits for the grouped fsync of the WAL (docs/durability.md).
 */
export class SqliteDocStore implements DocStore {
  private readonly statements;

  constructor(
    db: SqliteDatabase,
    private readonly writer: SqliteWriter,
    private readonly synced: () => Promise<void>,
  ) {
    this.statements = {
      snapshot: db.prepare<[string], { data: Buffer; seq: number }>('SELECT data, seq FROM doc_snapshots WHERE doc = ?'),
      updates: db.prepare<[string, number], { data: Buffer; seq: number }>('SELECT data, seq FROM doc_updates WHERE doc = ? AND seq > ? ORDER BY seq'),
    };
  }

  async load(docName: string): Promise<StoredDoc> {
    const snapshot = this.statements.snapshot.get(docName);
    const rows = this.statements.updates.all(docName, snapshot?.seq ?? 0);
    const last = rows.at(-1)?.seq ?? snapshot?.seq ?? 0;
    return { snapshot: snapshot ? new Uint8Array(snapshot.data) : null, updates: rows.map((r) => new Uint8Array(r.data)), seq: last };
  }

  async append(docName: string, updates: Uint8Array[]): Promise<AppendResult> {
    // Copied now: the write happens later in this turn, and the caller may reuse its buffers by then.
    return (await this.writer.write({ kind: 'append', docName, updates: updates.map((update) => new Uint8Array(update)) }))!;
  }

  flush(): Promise<void> {
    return this.synced();
  }

  async compact(docName: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    await this.writer.write({ kind: 'compact', docName, snapshot: new Uint8Array(snapshot), uptoSeq });
  }
}

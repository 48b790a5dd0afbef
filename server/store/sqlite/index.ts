import { join } from 'node:path';
import type { Stores } from '../ports.ts';
import { openDatabase, type SqliteOptions } from './openDatabase.ts';
import { SqliteAuditStore } from './SqliteAuditStore.ts';
import { SqliteCommentStore } from './SqliteCommentStore.ts';
import { SqliteDocStore } from './SqliteDocStore.ts';
import { SqliteEmployerSummaryStore } from './SqliteEmployerSummaryStore.ts';
import { SqliteNotificationStore } from './SqliteNotificationStore.ts';
import { SqliteRecordStore } from './SqliteRecordStore.ts';
import { SqliteVersionStore } from './SqliteVersionStore.ts';
import { SqliteWorkflowStore } from './SqliteWorkflowStore.ts';
import { InlineWriter } from './SqliteWriter.ts';
import { ThreadWriter } from './ThreadWriter.ts';

export const SQLITE_FILE_NAME = 'workspace.sqlite';

/** All stores in one SQLite file under `dataDir` (docs/architecture.md: the embedded default). */
export function createSqliteStores(dataDir: string, options: SqliteOptions): Stores {
  const file = dataDir === ':memory:' ? ':memory:' : join(dataDir, SQLITE_FILE_NAME);
  const db = openDatabase(file, options);
  // The schema is migrated above, before the writer opens its own connection.
  const writer = file === ':memory:' ? new InlineWriter(db) : new ThreadWriter(file, options);
  let closing: Promise<void> | null = null;
  return {
    docs: new SqliteDocStore(db, writer),
    records: new SqliteRecordStore(db),
    workflow: new SqliteWorkflowStore(db),
    comments: new SqliteCommentStore(db),
    audit: new SqliteAuditStore(db, writer),
    versions: new SqliteVersionStore(db),
    employerSummaries: new SqliteEmployerSummaryStore(db),
    notifications: new SqliteNotificationStore(db),
    close: () =>
      (closing ??= (async () => {
        await writer.close();
        db.close();
      })()),
  };
}

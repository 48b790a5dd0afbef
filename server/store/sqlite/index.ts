import { join } from 'node:path';
import type { Stores } from '../ports.ts';
import { openDatabase, type SqliteOptions } from './openDatabase.ts';
import { SqliteAuditStore } from './SqliteAuditStore.ts';
import { SqliteCommentStore } from './SqliteCommentStore.ts';
import { SqliteDocStore } from './SqliteDocStore.ts';
import { SqliteRecordStore } from './SqliteRecordStore.ts';
import { SqliteWorkflowStore } from './SqliteWorkflowStore.ts';

export const SQLITE_FILE_NAME = 'workspace.sqlite';

/** All stores in one SQLite file under `dataDir` (DESIGN §3: the embedded default). */
export function createSqliteStores(dataDir: string, options: SqliteOptions): Stores {
  const db = openDatabase(dataDir === ':memory:' ? ':memory:' : join(dataDir, SQLITE_FILE_NAME), options);
  const docs = new SqliteDocStore(db);
  return {
    docs,
    records: new SqliteRecordStore(db),
    workflow: new SqliteWorkflowStore(db),
    comments: new SqliteCommentStore(db),
    audit: new SqliteAuditStore(db),
    close: async () => {
      docs.flush();
      db.close();
    },
  };
}

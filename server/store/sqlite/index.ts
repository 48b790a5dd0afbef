import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Stores } from '../ports.ts';
import { Checkpointer } from './Checkpointer.ts';
import { openDatabase, type SqliteDatabase, type SqliteOptions } from './openDatabase.ts';
import { SqliteAuditStore } from './SqliteAuditStore.ts';
import { SqliteCommentStore } from './SqliteCommentStore.ts';
import { SqliteDocStore } from './SqliteDocStore.ts';
import { SqliteEmployerSummaryStore } from './SqliteEmployerSummaryStore.ts';
import { SqliteNotificationStore } from './SqliteNotificationStore.ts';
import { applyPragmas, leaveCheckpointsToTheirThread } from './sqlitePragmas.ts';
import { SqliteRecordStore } from './SqliteRecordStore.ts';
import { SqliteSecondFactorStore } from './SqliteSecondFactorStore.ts';
import { SqliteSessionStore } from './SqliteSessionStore.ts';
import { SqliteVersionStore } from './SqliteVersionStore.ts';
import { SqliteWorkflowStore } from './SqliteWorkflowStore.ts';
import { SqliteWriter } from './SqliteWriter.ts';
import { WalSync, type FileSync } from './walSync.ts';
import { SqliteTemplateStore } from './SqliteTemplateStore.ts';

export const SQLITE_FILE_NAME = 'workspace.sqlite';

export interface SqliteStoreOptions extends SqliteOptions {
  /** The file layer the WAL is fsynced through (a test double observes what a power loss keeps). */
  files?: FileSync;
  checkpointIntervalMs?: number;
}

/** All stores in one SQLite file under `dataDir` (docs/architecture.md: the embedded default). */
export function createSqliteStores(dataDir: string, options: SqliteStoreOptions): Stores {
  const file = dataDir === ':memory:' ? ':memory:' : join(dataDir, SQLITE_FILE_NAME);
  const db = openDatabase(file, options);
  // The schema is migrated above, before the hot writer opens its own connection.
  const path = file === ':memory:' ? inMemoryWritePath(db) : fileWritePath(file, db, options);
  let closing: Promise<void> | null = null;
  return {
    docs: new SqliteDocStore(db, path.writer, path.flush),
    records: new SqliteRecordStore(db),
    workflow: new SqliteWorkflowStore(db),
    comments: new SqliteCommentStore(db),
    audit: new SqliteAuditStore(db, path.writer, path.flush),
    versions: new SqliteVersionStore(db),
    employerSummaries: new SqliteEmployerSummaryStore(db),
    notifications: new SqliteNotificationStore(db),
    secondFactors: new SqliteSecondFactorStore(db),
    sessions: new SqliteSessionStore(db),
    templates: new SqliteTemplateStore(db),
    close: () =>
      (closing ??= (async () => {
        await path.close();
        db.close();
      })()),
  };
}

/** Where the document appends and audit rows go, and how they are made to survive a power loss. */
interface WritePath {
  writer: SqliteWriter;
  /** Resolves once everything written before the call is on the disk. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** An in-memory database has one connection and no file to sync. */
function inMemoryWritePath(db: SqliteDatabase): WritePath {
  const writer = new SqliteWriter(db);
  return { writer, flush: async () => {}, close: () => writer.close() };
}

/**
 * Two durability levels on one WAL (docs/durability.md): the hot writes commit
 * on a connection of their own with `synchronous=NORMAL` (in the operating
 * system when the commit returns), and `flush` groups the fsync of the WAL;
 * the commands' connection (`db`) commits as `options.synchronous` says. Both
 * append to the same log in commit order, so nothing committed later can be on
 * the disk without what was committed before it.
 */
function fileWritePath(file: string, db: SqliteDatabase, options: SqliteStoreOptions): WritePath {
  leaveCheckpointsToTheirThread(db);
  const hot = new Database(file);
  applyPragmas(hot, 'normal');
  leaveCheckpointsToTheirThread(hot);
  const checkpointer = new Checkpointer(file, { synchronous: options.synchronous }, options.checkpointIntervalMs);
  const writer = new SqliteWriter(hot, () => checkpointer.written());
  const wal = new WalSync(`${file}-wal`, options.files);
  const flush = options.synchronous === 'full' ? () => wal.sync() : async () => {};
  return {
    writer,
    flush,
    close: async () => {
      await writer.close();
      await flush();
      await wal.close();
      await checkpointer.close();
      hot.close();
    },
  };
}

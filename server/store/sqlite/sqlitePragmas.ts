import type Database from 'better-sqlite3';

export interface SqliteOptions {
  /**
   * 'full': a document update is acknowledged to its writer only once the WAL
   * holding it is fsynced (it survives a power loss), and workflow commands
   * commit with an fsync. 'normal': nothing waits for an fsync; everything
   * survives a killed process, the last moments may not survive a power loss.
   * In both, an update is relayed once its commit has returned (docs/durability.md).
   */
  synchronous: 'normal' | 'full';
}

/** The WAL file is cut back to this size when it starts again after a checkpoint (it grows in a burst of writes). */
export const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * The settings of every connection to the workspace database: WAL, so that
 * reads go on while another connection commits; foreign keys enforced; a wait
 * instead of SQLITE_BUSY while another connection holds the lock
 * (https://www.sqlite.org/pragma.html). `synchronous` is the connection's own:
 * the hot writer commits NORMAL and syncs in groups (WalSync).
 */
export function applyPragmas(db: Database.Database, synchronous: SqliteOptions['synchronous']): void {
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
}

/** A connection of the event loop never checkpoints itself: the Checkpointer's thread does (Checkpointer.ts). */
export function leaveCheckpointsToTheirThread(db: Database.Database): void {
  db.pragma('wal_autocheckpoint = 0');
}

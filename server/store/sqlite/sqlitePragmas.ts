import type Database from 'better-sqlite3';

export interface SqliteOptions {
  /** 'full' also survives a power loss; 'normal' survives a killed process. */
  synchronous: 'normal' | 'full';
}

/**
 * The settings of every connection to the workspace database, the reads' and
 * the writer thread's alike: WAL, so that reads go on while the writer
 * commits; foreign keys enforced; a wait instead of SQLITE_BUSY while the
 * other connection holds the lock (https://www.sqlite.org/pragma.html).
 */
export function applyPragmas(db: Database.Database, options: SqliteOptions): void {
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

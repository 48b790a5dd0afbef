import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { DATA_DIR_MODE, PRIVATE_FILE_MODE } from '../../fileModes.ts';
import { MIGRATIONS } from './migrations.ts';
import { applyPragmas, type SqliteOptions } from './sqlitePragmas.ts';

export type SqliteDatabase = Database.Database;

export type { SqliteOptions } from './sqlitePragmas.ts';

/** SQLite's companions of the database file in WAL mode. */
const WAL_SUFFIXES = ['-wal', '-shm'] as const;

/** Opens (or creates) the workspace database in WAL mode and brings its schema up to date. */
export function openDatabase(file: string, options: SqliteOptions): SqliteDatabase {
  if (file !== ':memory:') restrictFiles(file);
  const db = new Database(file);
  applyPragmas(db, options.synchronous);
  migrate(db);
  return db;
}

/**
 * Creates the directory 0700 and the database file 0600 before SQLite opens
 * it: SQLite gives the -wal and -shm files it creates the database file's
 * mode, so they are 0600 too. Files of an older install are narrowed as well.
 */
function restrictFiles(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: DATA_DIR_MODE });
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  for (const path of [file, ...WAL_SUFFIXES.map((suffix) => file + suffix)]) {
    if (existsSync(path)) chmodSync(path, PRIVATE_FILE_MODE);
  }
}

function migrate(db: SqliteDatabase): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const apply = db.transaction(() => {
    for (let version = current; version < MIGRATIONS.length; version++) {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    }
  });
  apply();
}

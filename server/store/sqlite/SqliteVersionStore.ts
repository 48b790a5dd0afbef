import { DuplicateError, type NewVersion, type StoredVersion, type VersionMeta, type VersionReason, type VersionStore } from '../ports.ts';
import { checkNewVersion, checkOnceKey, metaOf } from '../versionRules.ts';
import type { SqliteDatabase } from './openDatabase.ts';

interface MetaRow {
  id: string;
  case_id: string;
  at: string;
  week: number;
  label: string;
  reason: string;
  by_user_id: string | null;
  by_name: string | null;
  milestone: number | null;
}

interface StatesRow extends MetaRow {
  occupational: Buffer;
  insurance: Buffer;
  joint: Buffer;
}

const META_COLUMNS = 'id, case_id, at, week, label, reason, by_user_id, by_name, milestone';

/**
 * Versions in the workspace database, written on the main connection as the
 * records and comments are (a version is taken seldom; the writer thread is
 * for the high-volume document and audit writes). Triggers in the schema
 * refuse UPDATE, DELETE and REPLACE on the table.
 */
export class SqliteVersionStore implements VersionStore {
  private readonly sql;
  private readonly addTx: (version: NewVersion, onceKey: string | null) => { version: VersionMeta; created: boolean };

  constructor(db: SqliteDatabase) {
    this.sql = {
      insert: db.prepare(
        `INSERT INTO versions (id, case_id, at, week, label, reason, by_user_id, by_name, milestone, once_key, occupational, insurance, joint)
         VALUES (@id, @case_id, @at, @week, @label, @reason, @by_user_id, @by_name, @milestone, @once_key, @occupational, @insurance, @joint)`,
      ),
      idTaken: db.prepare<[string], { n: number }>('SELECT 1 AS n FROM versions WHERE id = ?'),
      byOnceKey: db.prepare<[string, string], MetaRow>(`SELECT ${META_COLUMNS} FROM versions WHERE case_id = ? AND once_key = ?`),
      list: db.prepare<[string], MetaRow>(`SELECT ${META_COLUMNS} FROM versions WHERE case_id = ? ORDER BY at DESC, seq DESC`),
      get: db.prepare<[string, string], StatesRow>(`SELECT ${META_COLUMNS}, occupational, insurance, joint FROM versions WHERE case_id = ? AND id = ?`),
    };
    const add = db.transaction((version: NewVersion, onceKey: string | null) => {
      const existing = onceKey === null ? undefined : this.sql.byOnceKey.get(version.caseId, onceKey);
      if (existing) return { version: toMeta(existing), created: false };
      if (this.sql.idTaken.get(version.id)) throw new DuplicateError('version id');
      this.sql.insert.run(toRow(version, onceKey));
      return { version: metaOf(version), created: true };
    });
    // IMMEDIATE takes the write lock before the check: another connection to the file cannot slip
    // a version under the same key in between (the UNIQUE constraint would refuse it anyway).
    this.addTx = add.immediate;
  }

  async add(version: NewVersion): Promise<VersionMeta> {
    checkNewVersion(version);
    return this.addTx(version, null).version;
  }

  async addOnce(key: string, version: NewVersion): Promise<{ version: VersionMeta; created: boolean }> {
    checkOnceKey(key);
    checkNewVersion(version);
    return this.addTx(version, key);
  }

  async list(caseId: string): Promise<VersionMeta[]> {
    return this.sql.list.all(caseId).map(toMeta);
  }

  async get(caseId: string, versionId: string): Promise<StoredVersion | null> {
    const row = this.sql.get.get(caseId, versionId);
    if (!row) return null;
    // Buffers from better-sqlite3 are fresh per read; plain Uint8Arrays keep the port's type exact.
    const states = { occupational: new Uint8Array(row.occupational), insurance: new Uint8Array(row.insurance), joint: new Uint8Array(row.joint) };
    return { ...toMeta(row), states };
  }
}

function toRow(version: NewVersion, onceKey: string | null) {
  // Buffer.from copies: what is bound is what the caller passed at the call.
  return {
    id: version.id,
    case_id: version.caseId,
    at: version.at,
    week: version.week,
    label: version.label,
    reason: version.reason,
    by_user_id: version.by?.userId ?? null,
    by_name: version.by?.name ?? null,
    milestone: version.milestone ?? null,
    once_key: onceKey,
    occupational: Buffer.from(version.states.occupational),
    insurance: Buffer.from(version.states.insurance),
    joint: Buffer.from(version.states.joint),
  };
}

function toMeta(row: MetaRow): VersionMeta {
  return metaOf({
    id: row.id,
    caseId: row.case_id,
    at: row.at,
    week: row.week,
    label: row.label,
    reason: row.reason as VersionReason,
    by: row.by_user_id === null ? null : { userId: row.by_user_id, name: row.by_name ?? '' },
    ...(row.milestone === null ? {} : { milestone: row.milestone }),
  });
}

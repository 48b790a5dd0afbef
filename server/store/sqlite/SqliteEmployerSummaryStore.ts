import {
  copySections,
  type EmployerSummaryStore,
  type NewSummaryRelease,
  type StoredSummaryDraft,
  type StoredSummaryRelease,
  type SummaryReleaseMeta,
} from '../employerSummaryPort.ts';
import type { SqliteDatabase } from './openDatabase.ts';

interface DraftRow {
  case_id: string;
  sections: string;
  updated_at: string;
  updated_by: string;
  updated_by_name: string;
}

interface ReleaseRow {
  case_id: string;
  version: number;
  released_at: string;
  released_by: string;
  released_by_name: string;
  sections: string;
}

const META_COLUMNS = 'case_id, version, released_at, released_by, released_by_name';

/**
 * The employer summaries in the workspace database, on the main connection
 * as the records and versions are (written seldom). Triggers in the schema
 * refuse UPDATE, DELETE and REPLACE on the releases.
 */
export class SqliteEmployerSummaryStore implements EmployerSummaryStore {
  private readonly sql;
  private readonly releaseTx: (release: NewSummaryRelease) => number;

  constructor(db: SqliteDatabase) {
    this.sql = {
      saveDraft: db.prepare(
        `INSERT INTO employer_summary_drafts (case_id, sections, updated_at, updated_by, updated_by_name)
         VALUES (@case_id, @sections, @updated_at, @updated_by, @updated_by_name)
         ON CONFLICT (case_id) DO UPDATE SET sections = excluded.sections, updated_at = excluded.updated_at,
           updated_by = excluded.updated_by, updated_by_name = excluded.updated_by_name`,
      ),
      getDraft: db.prepare<[string], DraftRow>('SELECT * FROM employer_summary_drafts WHERE case_id = ?'),
      nextVersion: db.prepare<[string], { next: number }>('SELECT COALESCE(MAX(version), 0) + 1 AS next FROM employer_summary_releases WHERE case_id = ?'),
      insertRelease: db.prepare(
        `INSERT INTO employer_summary_releases (case_id, version, released_at, released_by, released_by_name, sections)
         VALUES (@case_id, @version, @released_at, @released_by, @released_by_name, @sections)`,
      ),
      list: db.prepare<[string], Omit<ReleaseRow, 'sections'>>(`SELECT ${META_COLUMNS} FROM employer_summary_releases WHERE case_id = ? ORDER BY version`),
      latest: db.prepare<[string], ReleaseRow>(
        `SELECT ${META_COLUMNS}, sections FROM employer_summary_releases WHERE case_id = ? ORDER BY version DESC LIMIT 1`,
      ),
    };
    const release = db.transaction((entry: NewSummaryRelease) => {
      const version = this.sql.nextVersion.get(entry.caseId)!.next;
      this.sql.insertRelease.run({
        case_id: entry.caseId,
        version,
        released_at: entry.releasedAt,
        released_by: entry.releasedBy.userId,
        released_by_name: entry.releasedBy.name,
        sections: JSON.stringify(copySections(entry.sections)),
      });
      return version;
    });
    // IMMEDIATE takes the write lock before counting: another connection cannot take the same number in between.
    this.releaseTx = release.immediate;
  }

  async saveDraft(draft: StoredSummaryDraft): Promise<void> {
    this.sql.saveDraft.run({
      case_id: draft.caseId,
      sections: JSON.stringify(copySections(draft.sections)),
      updated_at: draft.updatedAt,
      updated_by: draft.updatedBy.userId,
      updated_by_name: draft.updatedBy.name,
    });
  }

  async getDraft(caseId: string): Promise<StoredSummaryDraft | null> {
    const row = this.sql.getDraft.get(caseId);
    if (!row) return null;
    return {
      caseId: row.case_id,
      sections: parseSections(row.sections),
      updatedAt: row.updated_at,
      updatedBy: { userId: row.updated_by, name: row.updated_by_name },
    };
  }

  async release(release: NewSummaryRelease): Promise<StoredSummaryRelease> {
    const version = this.releaseTx(release);
    return { ...release, releasedBy: { ...release.releasedBy }, sections: copySections(release.sections), version };
  }

  async listReleases(caseId: string): Promise<SummaryReleaseMeta[]> {
    return this.sql.list.all(caseId).map(toMeta);
  }

  async latestRelease(caseId: string): Promise<StoredSummaryRelease | null> {
    const row = this.sql.latest.get(caseId);
    return row ? { ...toMeta(row), sections: parseSections(row.sections) } : null;
  }
}

function toMeta(row: Omit<ReleaseRow, 'sections'>): SummaryReleaseMeta {
  return { caseId: row.case_id, version: row.version, releasedAt: row.released_at, releasedBy: { userId: row.released_by, name: row.released_by_name } };
}

function parseSections(json: string): Record<string, string> {
  return copySections(JSON.parse(json) as Record<string, string>);
}

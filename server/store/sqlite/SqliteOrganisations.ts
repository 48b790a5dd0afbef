import type { OidcSettings, OrganisationKind } from '../../../shared/organisations.ts';
import { DuplicateError, type NewOrganisation, type OrganisationChange, type OrganisationRecord } from '../ports.ts';
import type { SqliteDatabase } from './openDatabase.ts';

interface OrganisationRow {
  id: string;
  name: string;
  kind: string;
  mfa_required: number;
  oidc: string | null;
  created_at: string;
}

const toOrganisation = (row: OrganisationRow): OrganisationRecord => ({
  id: row.id,
  name: row.name,
  kind: row.kind as OrganisationKind,
  mfaRequired: row.mfa_required === 1,
  oidc: row.oidc === null ? null : (JSON.parse(row.oidc) as OidcSettings),
  createdAt: row.created_at,
});

const toRow = (record: OrganisationRecord): OrganisationRow => ({
  id: record.id,
  name: record.name,
  kind: record.kind,
  mfa_required: record.mfaRequired ? 1 : 0,
  oidc: record.oidc === null ? null : JSON.stringify(record.oidc),
  created_at: record.createdAt,
});

/** The organisations table, for SqliteRecordStore (names are unique regardless of case). */
export class SqliteOrganisations {
  private readonly sql;

  constructor(db: SqliteDatabase) {
    this.sql = {
      insert: db.prepare(
        `INSERT INTO organisations (id, name, kind, mfa_required, oidc, created_at) VALUES (@id, @name, @kind, @mfa_required, @oidc, @created_at)`,
      ),
      byId: db.prepare<[string], OrganisationRow>('SELECT * FROM organisations WHERE id = ?'),
      all: db.prepare<[], OrganisationRow>('SELECT * FROM organisations ORDER BY name'),
      update: db.prepare(`UPDATE organisations SET name = @name, mfa_required = @mfa_required, oidc = @oidc WHERE id = @id`),
    };
  }

  create(organisation: NewOrganisation): OrganisationRecord {
    const record: OrganisationRecord = { ...organisation, createdAt: new Date().toISOString() };
    this.write(() => this.sql.insert.run(toRow(record)));
    return record;
  }

  get(id: string): OrganisationRecord | null {
    const row = this.sql.byId.get(id);
    return row ? toOrganisation(row) : null;
  }

  list(): OrganisationRecord[] {
    return this.sql.all.all().map(toOrganisation);
  }

  update(id: string, change: OrganisationChange): OrganisationRecord | null {
    const found = this.get(id);
    if (!found) return null;
    const changed: OrganisationRecord = {
      ...found,
      ...(change.name === undefined ? {} : { name: change.name }),
      ...(change.mfaRequired === undefined ? {} : { mfaRequired: change.mfaRequired }),
      ...(change.oidc === undefined ? {} : { oidc: change.oidc }),
    };
    this.write(() => this.sql.update.run(toRow(changed)));
    return changed;
  }

  private write(run: () => unknown): void {
    try {
      run();
    } catch (error) {
      const message = error instanceof Error ? error.message : '';
      if (message.includes('constraint failed') && message.includes('organisations.name')) throw new DuplicateError('name');
      if (message.includes('constraint failed') && message.includes('organisations.id')) throw new DuplicateError('id');
      throw error;
    }
  }
}

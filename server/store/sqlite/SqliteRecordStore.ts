import type { CaseRole, Role } from '../../../shared/roles.ts';
import {
  DuplicateError,
  type CaseRecord,
  type MemberRecord,
  type NewCase,
  type NewOrganisation,
  type NewUser,
  type OrganisationChange,
  type OrganisationRecord,
  type RecordStore,
  type UserChange,
  type UserRecord,
} from '../ports.ts';
import { newUserRecord } from '../userChange.ts';
import type { SqliteDatabase } from './openDatabase.ts';
import { SqliteOrganisations } from './SqliteOrganisations.ts';

interface UserRow {
  id: string;
  username: string;
  name: string;
  role: string;
  password_hash: string;
  created_at: string;
  deactivated_at: string | null;
  session_version: number;
  organisation_id: string;
  platform_admin: number;
}

interface CaseRow {
  id: string;
  title: string;
  employee_pseudonym: string;
  employer: string;
  first_sick_day: string;
  template_version: number;
  created_at: string;
}

const toUser = (row: UserRow): UserRecord => ({
  id: row.id,
  username: row.username,
  name: row.name,
  role: row.role as Role,
  passwordHash: row.password_hash,
  createdAt: row.created_at,
  deactivatedAt: row.deactivated_at,
  sessionVersion: row.session_version,
  organisationId: row.organisation_id,
  platformAdmin: row.platform_admin === 1,
});

/** The columns of UserChange's fields. */
const USER_COLUMNS = { role: 'role', passwordHash: 'password_hash', deactivatedAt: 'deactivated_at', sessionVersion: 'session_version' } as const;

const toCase = (row: CaseRow): CaseRecord => ({
  id: row.id,
  title: row.title,
  employeePseudonym: row.employee_pseudonym,
  employer: row.employer,
  firstSickDay: row.first_sick_day,
  templateVersion: row.template_version,
  createdAt: row.created_at,
});

/** Users, cases, memberships and revoked tokens in the workspace database. */
export class SqliteRecordStore implements RecordStore {
  private readonly sql;
  private readonly db: SqliteDatabase;
  private readonly createCaseTx: (record: CaseRecord, members: MemberRecord[]) => void;
  private readonly organisations: SqliteOrganisations;

  constructor(db: SqliteDatabase) {
    this.db = db;
    this.organisations = new SqliteOrganisations(db);
    this.sql = {
      insertUser: db.prepare(
        `INSERT INTO users (id, username, name, role, password_hash, created_at, deactivated_at, session_version, organisation_id, platform_admin)
         VALUES (@id, @username, @name, @role, @passwordHash, @createdAt, @deactivatedAt, @sessionVersion, @organisationId, @platformAdmin)`,
      ),
      userById: db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?'),
      userByName: db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ?'),
      countUsers: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM users'),
      allUsers: db.prepare<[], UserRow>('SELECT * FROM users ORDER BY username'),
      insertCase: db.prepare(
        `INSERT INTO cases (id, title, employee_pseudonym, employer, first_sick_day, template_version, created_at)
         VALUES (@id, @title, @employeePseudonym, @employer, @firstSickDay, @templateVersion, @createdAt)`,
      ),
      caseById: db.prepare<[string], CaseRow>('SELECT * FROM cases WHERE id = ?'),
      moveTemplate: db.prepare<[number, string, number]>('UPDATE cases SET template_version = ? WHERE id = ? AND template_version = ?'),
      allCases: db.prepare<[], CaseRow>('SELECT * FROM cases ORDER BY created_at, id'),
      casesOfUser: db.prepare<[string], CaseRow>(
        `SELECT c.* FROM cases c WHERE c.id IN (SELECT case_id FROM case_members WHERE user_id = ?)
         ORDER BY c.created_at, c.id`,
      ),
      upsertMember: db.prepare(
        `INSERT INTO case_members (case_id, case_role, user_id) VALUES (@caseId, @caseRole, @userId)
         ON CONFLICT (case_id, case_role) DO UPDATE SET user_id = excluded.user_id`,
      ),
      members: db.prepare<[string], { case_id: string; user_id: string; case_role: string }>(
        'SELECT case_id, user_id, case_role FROM case_members WHERE case_id = ? ORDER BY case_role',
      ),
      revoke: db.prepare<[string, number]>('INSERT OR IGNORE INTO revoked_tokens (token_id, expires_at) VALUES (?, ?)'),
      isRevoked: db.prepare<[string], { n: number }>('SELECT 1 AS n FROM revoked_tokens WHERE token_id = ?'),
      pruneRevoked: db.prepare<[number]>('DELETE FROM revoked_tokens WHERE expires_at < ?'),
      ping: db.prepare('SELECT 1'),
    };
    this.createCaseTx = db.transaction((record: CaseRecord, members: MemberRecord[]) => {
      this.sql.insertCase.run(record);
      for (const member of members) this.sql.upsertMember.run(member);
    });
  }

  async createUser(user: NewUser): Promise<UserRecord> {
    const record = newUserRecord(user, new Date().toISOString());
    try {
      this.sql.insertUser.run({ ...record, platformAdmin: record.platformAdmin ? 1 : 0 });
    } catch (error) {
      throw uniqueViolation(error, 'users.username', 'username') ?? uniqueViolation(error, 'users.id', 'id') ?? error;
    }
    return record;
  }

  async findUserById(id: string): Promise<UserRecord | null> {
    const row = this.sql.userById.get(id);
    return row ? toUser(row) : null;
  }

  async findUserByUsername(username: string): Promise<UserRecord | null> {
    const row = this.sql.userByName.get(username);
    return row ? toUser(row) : null;
  }

  async countUsers(): Promise<number> {
    return this.sql.countUsers.get()!.n;
  }

  async listUsers(): Promise<UserRecord[]> {
    return this.sql.allUsers.all().map(toUser);
  }

  async updateUser(id: string, change: UserChange): Promise<UserRecord | null> {
    const fields = (Object.keys(USER_COLUMNS) as (keyof UserChange)[]).filter((field) => change[field] !== undefined);
    if (fields.length > 0) {
      const set = fields.map((field) => `${USER_COLUMNS[field]} = @${field}`).join(', ');
      this.db.prepare(`UPDATE users SET ${set} WHERE id = @id`).run({ ...Object.fromEntries(fields.map((field) => [field, change[field]])), id });
    }
    return this.findUserById(id);
  }

  async createOrganisation(organisation: NewOrganisation): Promise<OrganisationRecord> {
    return this.organisations.create(organisation);
  }

  async getOrganisation(id: string): Promise<OrganisationRecord | null> {
    return this.organisations.get(id);
  }

  async listOrganisations(): Promise<OrganisationRecord[]> {
    return this.organisations.list();
  }

  async updateOrganisation(id: string, change: OrganisationChange): Promise<OrganisationRecord | null> {
    return this.organisations.update(id, change);
  }

  async createCase(record: NewCase, members: MemberRecord[]): Promise<CaseRecord> {
    const created: CaseRecord = { ...record, createdAt: new Date().toISOString() };
    try {
      this.createCaseTx(created, members);
    } catch (error) {
      throw uniqueViolation(error, 'cases.id', 'id') ?? error;
    }
    return created;
  }

  async moveCaseTemplate(caseId: string, from: number, to: number): Promise<boolean> {
    return this.sql.moveTemplate.run(to, caseId, from).changes === 1;
  }

  async getCase(id: string): Promise<CaseRecord | null> {
    const row = this.sql.caseById.get(id);
    return row ? toCase(row) : null;
  }

  async listCases(): Promise<CaseRecord[]> {
    return this.sql.allCases.all().map(toCase);
  }

  async listCasesOfUser(userId: string): Promise<CaseRecord[]> {
    return this.sql.casesOfUser.all(userId).map(toCase);
  }

  async setMember(member: MemberRecord): Promise<void> {
    this.sql.upsertMember.run(member);
  }

  async listMembers(caseId: string): Promise<MemberRecord[]> {
    return this.sql.members.all(caseId).map((row) => ({
      caseId: row.case_id,
      userId: row.user_id,
      caseRole: row.case_role as CaseRole,
    }));
  }

  async revokeToken(tokenId: string, expiresAt: number): Promise<void> {
    this.sql.pruneRevoked.run(Math.floor(Date.now() / 1000));
    this.sql.revoke.run(tokenId, expiresAt);
  }

  async isTokenRevoked(tokenId: string): Promise<boolean> {
    return this.sql.isRevoked.get(tokenId) !== undefined;
  }

  async ping(): Promise<void> {
    this.sql.ping.get();
  }
}

/** Maps SQLite's UNIQUE/PRIMARY KEY failure on `column` to a DuplicateError. */
function uniqueViolation(error: unknown, column: string, field: string): DuplicateError | null {
  const message = error instanceof Error ? error.message : '';
  return message.includes('constraint failed') && message.includes(column) ? new DuplicateError(field) : null;
}

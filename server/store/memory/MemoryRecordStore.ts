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
import { defaultOrganisation } from '../organisations.ts';
import { definedFields, newUserRecord } from '../userChange.ts';

/** In-memory record store for fast unit tests; not durable. */
export class MemoryRecordStore implements RecordStore {
  private readonly users = new Map<string, UserRecord>();
  private readonly cases = new Map<string, CaseRecord>();
  private members: MemberRecord[] = [];
  private readonly revoked = new Map<string, number>();
  private readonly organisations = new Map<string, OrganisationRecord>([[defaultOrganisation().id, defaultOrganisation()]]);

  async createUser(user: NewUser): Promise<UserRecord> {
    if (this.users.has(user.id)) throw new DuplicateError('id');
    if (await this.findUserByUsername(user.username)) throw new DuplicateError('username');
    const record = newUserRecord(user, new Date().toISOString());
    this.users.set(user.id, record);
    return { ...record };
  }

  async findUserById(id: string): Promise<UserRecord | null> {
    const user = this.users.get(id);
    return user ? { ...user } : null;
  }

  async findUserByUsername(username: string): Promise<UserRecord | null> {
    const wanted = username.toLowerCase();
    for (const user of this.users.values()) if (user.username.toLowerCase() === wanted) return { ...user };
    return null;
  }

  async countUsers(): Promise<number> {
    return this.users.size;
  }

  async listUsers(): Promise<UserRecord[]> {
    return [...this.users.values()].map((u) => ({ ...u })).sort((a, b) => a.username.localeCompare(b.username));
  }

  async updateUser(id: string, change: UserChange): Promise<UserRecord | null> {
    const user = this.users.get(id);
    if (!user) return null;
    const changed = { ...user, ...definedFields(change) };
    this.users.set(id, changed);
    return { ...changed };
  }

  async createOrganisation(organisation: NewOrganisation): Promise<OrganisationRecord> {
    if (this.organisations.has(organisation.id)) throw new DuplicateError('id');
    if (this.organisationNamed(organisation.name)) throw new DuplicateError('name');
    const record = { ...structuredClone(organisation), createdAt: new Date().toISOString() };
    this.organisations.set(record.id, record);
    return structuredClone(record);
  }

  async getOrganisation(id: string): Promise<OrganisationRecord | null> {
    const found = this.organisations.get(id);
    return found ? structuredClone(found) : null;
  }

  async listOrganisations(): Promise<OrganisationRecord[]> {
    return [...this.organisations.values()].map((o) => structuredClone(o)).sort((a, b) => a.name.localeCompare(b.name));
  }

  async updateOrganisation(id: string, change: OrganisationChange): Promise<OrganisationRecord | null> {
    const found = this.organisations.get(id);
    if (!found) return null;
    const named = change.name === undefined ? null : this.organisationNamed(change.name);
    if (named && named.id !== id) throw new DuplicateError('name');
    const changed = { ...found, ...structuredClone(definedFields(change)) };
    this.organisations.set(id, changed);
    return structuredClone(changed);
  }

  private organisationNamed(name: string): OrganisationRecord | undefined {
    const wanted = name.toLowerCase();
    return [...this.organisations.values()].find((o) => o.name.toLowerCase() === wanted);
  }

  async createCase(record: NewCase, members: MemberRecord[]): Promise<CaseRecord> {
    if (this.cases.has(record.id)) throw new DuplicateError('id');
    const created = { ...record, createdAt: new Date().toISOString() };
    this.cases.set(record.id, created);
    this.members.push(...members.map((m) => ({ ...m })));
    return { ...created };
  }

  async getCase(id: string): Promise<CaseRecord | null> {
    const found = this.cases.get(id);
    return found ? { ...found } : null;
  }

  async moveCaseTemplate(caseId: string, from: number, to: number): Promise<boolean> {
    const found = this.cases.get(caseId);
    if (found?.templateVersion !== from) return false;
    this.cases.set(caseId, { ...found, templateVersion: to });
    return true;
  }

  async listCases(): Promise<CaseRecord[]> {
    return [...this.cases.values()].map((c) => ({ ...c })).sort(byCreation);
  }

  async listCasesOfUser(userId: string): Promise<CaseRecord[]> {
    const ids = new Set(this.members.filter((m) => m.userId === userId).map((m) => m.caseId));
    return (await this.listCases()).filter((c) => ids.has(c.id));
  }

  async setMember(member: MemberRecord): Promise<void> {
    this.members = this.members.filter((m) => !(m.caseId === member.caseId && m.caseRole === member.caseRole));
    this.members.push({ ...member });
  }

  async listMembers(caseId: string): Promise<MemberRecord[]> {
    return this.members.filter((m) => m.caseId === caseId).map((m) => ({ ...m }));
  }

  async revokeToken(tokenId: string, expiresAt: number): Promise<void> {
    this.revoked.set(tokenId, expiresAt);
  }

  async isTokenRevoked(tokenId: string): Promise<boolean> {
    return this.revoked.has(tokenId);
  }

  async ping(): Promise<void> {}
}

const byCreation = (a: CaseRecord, b: CaseRecord) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

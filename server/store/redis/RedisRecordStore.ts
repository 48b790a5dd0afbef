import type { Redis } from 'ioredis';
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
import { DEFAULT_ORGANISATION_ID } from '../../../shared/organisations.ts';
import { definedFields, newUserRecord } from '../userChange.ts';
import { RedisOrganisations } from './RedisOrganisations.ts';

/** Lua: KEYS[1] becomes ARGV[2] only while it still is ARGV[1]; 1 when it did. */
const SET_IF_UNCHANGED = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
return 1
`;

/** SQLite's NOCASE folds ASCII letters only, so 'É' and 'é' stay two usernames there and here. */
const foldCase = (username: string) => username.replace(/[A-Z]/g, (letter) => letter.toLowerCase());

const byUsername = (a: UserRecord, b: UserRecord) => {
  const [x, y] = [foldCase(a.username), foldCase(b.username)];
  return x < y ? -1 : x > y ? 1 : 0;
};
const byCreation = (a: CaseRecord, b: CaseRecord) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Lua: refuses a taken id or username (returns which), else stores the user and its indexes. */
const CREATE_USER = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 'id' end
if redis.call('EXISTS', KEYS[2]) == 1 then return 'username' end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SET', KEYS[2], ARGV[2])
redis.call('SADD', KEYS[3], ARGV[2])
return false`;

/**
 * Lua: gives a case role to `user`. The previous holder leaves the user's case
 * index only if they hold no other role in the case. Per-user keys are built
 * from the prefix inside the script, as the previous holder is only known there.
 */
const SET_MEMBER = `
local function setMember(members, role, user, caseId, userCasesPrefix)
  local previous = redis.call('HGET', members, role)
  redis.call('HSET', members, role, user)
  redis.call('SADD', userCasesPrefix .. user, caseId)
  if not previous or previous == user then return end
  for _, holder in ipairs(redis.call('HVALS', members)) do
    if holder == previous then return end
  end
  redis.call('SREM', userCasesPrefix .. previous, caseId)
end`;

/** Lua: stores a new case and its members, or returns 0 when the id is taken. */
const CREATE_CASE = `${SET_MEMBER}
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SADD', KEYS[2], ARGV[2])
for i = 4, #ARGV, 2 do setMember(KEYS[3], ARGV[i], ARGV[i + 1], ARGV[2], ARGV[3]) end
return 1`;

/** Lua: merges the JSON fields of ARGV[1] into the stored user, in one step; returns the user as changed, or false when there is none. */
const UPDATE_USER = `
local stored = redis.call('GET', KEYS[1])
if not stored then return false end
local user = cjson.decode(stored)
for field, value in pairs(cjson.decode(ARGV[1])) do user[field] = value end
local changed = cjson.encode(user)
redis.call('SET', KEYS[1], changed)
return changed`;

/**
 * A user as stored: accounts stored before deactivation existed are active, at
 * session version 0; those stored before organisations belong to the default
 * one, and their administrators administer the platform (as SQLite's migration does).
 */
const parseUser = (json: string): UserRecord => {
  const stored = JSON.parse(json) as Partial<UserRecord>;
  return {
    deactivatedAt: null,
    sessionVersion: 0,
    organisationId: DEFAULT_ORGANISATION_ID,
    platformAdmin: stored.organisationId === undefined && stored.role === 'admin',
    ...stored,
  } as UserRecord;
};

const UPDATE_MEMBER = `${SET_MEMBER}
setMember(KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4])`;

/**
 * Users, cases, memberships and revoked tokens in Redis. Keys, after the prefix:
 * - `user:{id}` user JSON; `username:{folded name}` -> id; `users` set of ids
 * - `case:{id}` case JSON; `cases` set of ids
 * - `case-members:{caseId}` hash case role -> user id; `user-cases:{userId}` set of case ids
 * - `revoked:{tokenId}` present until the token's own expiry
 */
export class RedisRecordStore implements RecordStore {
  private readonly key;
  private readonly organisations: RedisOrganisations;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.organisations = new RedisOrganisations(redis, prefix);
    this.key = {
      user: (id: string) => `${prefix}user:${id}`,
      username: (username: string) => `${prefix}username:${foldCase(username)}`,
      users: `${prefix}users`,
      case: (id: string) => `${prefix}case:${id}`,
      cases: `${prefix}cases`,
      members: (caseId: string) => `${prefix}case-members:${caseId}`,
      userCasesPrefix: `${prefix}user-cases:`,
      revoked: (tokenId: string) => `${prefix}revoked:${tokenId}`,
    };
  }

  async createUser(user: NewUser): Promise<UserRecord> {
    const record = newUserRecord(user, new Date().toISOString());
    const keys = [this.key.user(user.id), this.key.username(user.username), this.key.users];
    const taken = await this.redis.eval(CREATE_USER, keys.length, ...keys, JSON.stringify(record), user.id);
    if (typeof taken === 'string') throw new DuplicateError(taken);
    return record;
  }

  async findUserById(id: string): Promise<UserRecord | null> {
    const json = await this.redis.get(this.key.user(id));
    return json ? parseUser(json) : null;
  }

  async findUserByUsername(username: string): Promise<UserRecord | null> {
    const id = await this.redis.get(this.key.username(username));
    return id ? this.findUserById(id) : null;
  }

  async countUsers(): Promise<number> {
    return this.redis.scard(this.key.users);
  }

  async listUsers(): Promise<UserRecord[]> {
    const ids = await this.redis.smembers(this.key.users);
    return (await this.getAll(ids.map(this.key.user))).map(parseUser).sort(byUsername);
  }

  async updateUser(id: string, change: UserChange): Promise<UserRecord | null> {
    const changed = await this.redis.eval(UPDATE_USER, 1, this.key.user(id), JSON.stringify(definedFields(change)));
    return typeof changed === 'string' ? parseUser(changed) : null;
  }

  createOrganisation(organisation: NewOrganisation): Promise<OrganisationRecord> {
    return this.organisations.create(organisation);
  }

  getOrganisation(id: string): Promise<OrganisationRecord | null> {
    return this.organisations.get(id);
  }

  listOrganisations(): Promise<OrganisationRecord[]> {
    return this.organisations.list();
  }

  updateOrganisation(id: string, change: OrganisationChange): Promise<OrganisationRecord | null> {
    return this.organisations.update(id, change);
  }

  async createCase(record: NewCase, members: MemberRecord[]): Promise<CaseRecord> {
    const created: CaseRecord = { ...record, createdAt: new Date().toISOString() };
    const keys = [this.key.case(record.id), this.key.cases, this.key.members(record.id)];
    const roles = members.flatMap((member) => [member.caseRole, member.userId]);
    const args = [JSON.stringify(created), record.id, this.key.userCasesPrefix, ...roles];
    if ((await this.redis.eval(CREATE_CASE, keys.length, ...keys, ...args)) === 0) throw new DuplicateError('id');
    return created;
  }

  async moveCaseTemplate(caseId: string, from: number, to: number): Promise<boolean> {
    const key = this.key.case(caseId);
    const json = await this.redis.get(key);
    const record = json ? (JSON.parse(json) as CaseRecord) : null;
    if (!json || record?.templateVersion !== from) return false;
    // Compare-and-set on the whole row: a change by anyone in between makes this move change nothing.
    return (await this.redis.eval(SET_IF_UNCHANGED, 1, key, json, JSON.stringify({ ...record, templateVersion: to }))) === 1;
  }

  async getCase(id: string): Promise<CaseRecord | null> {
    const json = await this.redis.get(this.key.case(id));
    return json ? (JSON.parse(json) as CaseRecord) : null;
  }

  async listCases(): Promise<CaseRecord[]> {
    return this.casesIn(this.key.cases);
  }

  async listCasesOfUser(userId: string): Promise<CaseRecord[]> {
    return this.casesIn(this.key.userCasesPrefix + userId);
  }

  async setMember(member: MemberRecord): Promise<void> {
    const args = [member.caseRole, member.userId, member.caseId, this.key.userCasesPrefix];
    await this.redis.eval(UPDATE_MEMBER, 1, this.key.members(member.caseId), ...args);
  }

  async listMembers(caseId: string): Promise<MemberRecord[]> {
    const holders = await this.redis.hgetall(this.key.members(caseId));
    return Object.keys(holders)
      .sort()
      .map((caseRole) => ({ caseId, userId: holders[caseRole]!, caseRole: caseRole as MemberRecord['caseRole'] }));
  }

  async revokeToken(tokenId: string, expiresAt: number): Promise<void> {
    // A time to live rather than an absolute time: the expiry then follows this node's clock, as token checks do.
    const ttlMs = Math.ceil(expiresAt * 1000 - Date.now());
    if (ttlMs <= 0) return;
    await this.redis.set(this.key.revoked(tokenId), '1', 'PX', ttlMs, 'NX');
  }

  async isTokenRevoked(tokenId: string): Promise<boolean> {
    return (await this.redis.exists(this.key.revoked(tokenId))) === 1;
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  private async casesIn(setKey: string): Promise<CaseRecord[]> {
    const ids = await this.redis.smembers(setKey);
    return (await this.getAll(ids.map(this.key.case))).map((json) => JSON.parse(json) as CaseRecord).sort(byCreation);
  }

  private async getAll(keys: string[]): Promise<string[]> {
    if (keys.length === 0) return [];
    const found = await this.redis.mget(keys);
    return found.filter((json): json is string => json !== null);
  }
}

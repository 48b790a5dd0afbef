import type { Redis } from 'ioredis';
import { DEFAULT_ORGANISATION_ID } from '../../../shared/organisations.ts';
import { defaultOrganisation } from '../organisations.ts';
import { DuplicateError, type NewOrganisation, type OrganisationChange, type OrganisationRecord } from '../ports.ts';
import { definedFields } from '../userChange.ts';

/** SQLite's NOCASE folds ASCII letters only; names are unique the same way here. */
const foldCase = (name: string) => name.replace(/[A-Z]/g, (letter) => letter.toLowerCase());

/**
 * Lua: stores an organisation under a name nobody else holds, moving its name
 * index from the old name; returns 'id' or 'name' when taken. KEYS: record,
 * new name, old name (or the same), set of ids. ARGV: JSON, id, create (1/0).
 */
const PUT = `
if ARGV[3] == '1' and redis.call('EXISTS', KEYS[1]) == 1 then return 'id' end
local holder = redis.call('GET', KEYS[2])
if holder and holder ~= ARGV[2] then return 'name' end
if KEYS[3] ~= KEYS[2] and redis.call('GET', KEYS[3]) == ARGV[2] then redis.call('DEL', KEYS[3]) end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SET', KEYS[2], ARGV[2])
redis.call('SADD', KEYS[4], ARGV[2])
return false`;

/**
 * Organisations in Redis, for RedisRecordStore: `organisation:{id}` JSON,
 * `organisation-name:{folded name}` -> id, `organisations` set of ids. The
 * default organisation exists before it is first stored (a store written before
 * organisations existed has none).
 */
export class RedisOrganisations {
  private readonly key;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.key = {
      record: (id: string) => `${prefix}organisation:${id}`,
      name: (name: string) => `${prefix}organisation-name:${foldCase(name)}`,
      all: `${prefix}organisations`,
    };
  }

  async create(organisation: NewOrganisation): Promise<OrganisationRecord> {
    if (organisation.id === DEFAULT_ORGANISATION_ID) throw new DuplicateError('id');
    const named = await this.list();
    if (named.some((o) => foldCase(o.name) === foldCase(organisation.name))) throw new DuplicateError('name');
    const record: OrganisationRecord = { ...organisation, createdAt: new Date().toISOString() };
    await this.put(record, record.name, true);
    return record;
  }

  async get(id: string): Promise<OrganisationRecord | null> {
    const json = await this.redis.get(this.key.record(id));
    if (json) return JSON.parse(json) as OrganisationRecord;
    return id === DEFAULT_ORGANISATION_ID ? defaultOrganisation() : null;
  }

  async list(): Promise<OrganisationRecord[]> {
    const ids = await this.redis.smembers(this.key.all);
    const stored = ids.length ? (await this.redis.mget(ids.map(this.key.record))).filter((json): json is string => json !== null) : [];
    const records = stored.map((json) => JSON.parse(json) as OrganisationRecord);
    if (!records.some((o) => o.id === DEFAULT_ORGANISATION_ID)) records.push(defaultOrganisation());
    return records.sort((a, b) => (foldCase(a.name) < foldCase(b.name) ? -1 : foldCase(a.name) > foldCase(b.name) ? 1 : 0));
  }

  async update(id: string, change: OrganisationChange): Promise<OrganisationRecord | null> {
    const found = await this.get(id);
    if (!found) return null;
    const changed = { ...found, ...definedFields(change) };
    if (id === DEFAULT_ORGANISATION_ID && foldCase(changed.name) !== foldCase(found.name)) {
      // The built-in default's name is not indexed until it is first stored.
      const others = await this.list();
      if (others.some((o) => o.id !== id && foldCase(o.name) === foldCase(changed.name))) throw new DuplicateError('name');
    }
    await this.put(changed, found.name, false);
    return changed;
  }

  private async put(record: OrganisationRecord, previousName: string, create: boolean): Promise<void> {
    const keys = [this.key.record(record.id), this.key.name(record.name), this.key.name(previousName), this.key.all];
    const taken = await this.redis.eval(PUT, keys.length, ...keys, JSON.stringify(record), record.id, create ? '1' : '0');
    if (typeof taken === 'string') throw new DuplicateError(taken);
  }
}

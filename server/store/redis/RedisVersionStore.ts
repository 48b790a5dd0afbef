import type { Redis } from 'ioredis';
import { DuplicateError, type NewVersion, type StoredVersion, type VersionMeta, type VersionStore } from '../ports.ts';
import { checkNewVersion, checkOnceKey, metaOf } from '../versionRules.ts';

/**
 * Lua: stores a version in one step, so that two nodes racing with the same
 * addOnce key store one. Returns {1} when stored, {0, meta JSON} when the key
 * was taken, {-1} when the id was.
 * KEYS: ids, case metas, case order, version states, case once keys.
 * ARGV: id, case id, meta JSON, score (ms), once key ('' for none), occupational, insurance, joint.
 */
const ADD_VERSION = `
if ARGV[5] ~= '' then
  local existing = redis.call('HGET', KEYS[5], ARGV[5])
  if existing then return { 0, redis.call('HGET', KEYS[2], existing) } end
end
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return { -1 } end
local n = redis.call('HLEN', KEYS[2]) + 1
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
redis.call('ZADD', KEYS[3], ARGV[4], string.format('%015d', n) .. ':' .. ARGV[1])
redis.call('HSET', KEYS[4], 'occupational', ARGV[6], 'insurance', ARGV[7], 'joint', ARGV[8])
if ARGV[5] ~= '' then redis.call('HSET', KEYS[5], ARGV[5], ARGV[1]) end
return { 1 }
`;

interface VersionCommands {
  cwAddVersion(
    idsKey: string,
    metasKey: string,
    orderKey: string,
    statesKey: string,
    onceKey: string,
    id: string,
    caseId: string,
    meta: string,
    score: string,
    once: string,
    occupational: Buffer,
    insurance: Buffer,
    joint: Buffer,
  ): Promise<[number, string?]>;
}

/**
 * Versions in Redis. Keys, after the prefix:
 * - `version-ids` hash version id -> case id (an id is taken once, across cases)
 * - `versions:{caseId}` hash version id -> meta JSON (what listing reads)
 * - `versions-order:{caseId}` sorted set, score `at` in ms, member `<insertion number, 15 digits>:<id>`,
 *   so that versions of the same instant keep their insertion order
 * - `version-states:{caseId}:{id}` hash occupational / insurance / joint -> the binary states
 * - `versions-once:{caseId}` hash addOnce key -> version id
 * Nothing writes these keys but the script above, and it never overwrites a version.
 */
export class RedisVersionStore implements VersionStore {
  private readonly redis: Redis & VersionCommands;
  private readonly key;

  constructor(redis: Redis, prefix: string) {
    redis.defineCommand('cwAddVersion', { numberOfKeys: 5, lua: ADD_VERSION });
    this.redis = redis as Redis & VersionCommands;
    this.key = {
      ids: `${prefix}version-ids`,
      metas: (caseId: string) => `${prefix}versions:${caseId}`,
      order: (caseId: string) => `${prefix}versions-order:${caseId}`,
      states: (caseId: string, id: string) => `${prefix}version-states:${caseId}:${id}`,
      once: (caseId: string) => `${prefix}versions-once:${caseId}`,
    };
  }

  async add(version: NewVersion): Promise<VersionMeta> {
    return (await this.store(version, '')).version;
  }

  async addOnce(key: string, version: NewVersion): Promise<{ version: VersionMeta; created: boolean }> {
    checkOnceKey(key);
    return this.store(version, key);
  }

  async list(caseId: string): Promise<VersionMeta[]> {
    const members = await this.redis.zrevrange(this.key.order(caseId), 0, -1);
    if (members.length === 0) return [];
    const ids = members.map((member) => member.slice(member.indexOf(':') + 1));
    const metas = await this.redis.hmget(this.key.metas(caseId), ...ids);
    return metas.filter((json): json is string => json !== null).map(parseMeta);
  }

  async get(caseId: string, versionId: string): Promise<StoredVersion | null> {
    const [json, states] = await Promise.all([
      this.redis.hget(this.key.metas(caseId), versionId),
      this.redis.hmgetBuffer(this.key.states(caseId, versionId), 'occupational', 'insurance', 'joint'),
    ]);
    const [occupational, insurance, joint] = states;
    if (json === null || !occupational || !insurance || !joint) return null;
    return { ...parseMeta(json), states: { occupational: new Uint8Array(occupational), insurance: new Uint8Array(insurance), joint: new Uint8Array(joint) } };
  }

  private async store(version: NewVersion, once: string): Promise<{ version: VersionMeta; created: boolean }> {
    checkNewVersion(version);
    const { id, caseId, states } = version;
    const meta = metaOf(version);
    // Buffer.from copies: what is sent is what the caller passed at the call.
    const [outcome, existing] = await this.redis.cwAddVersion(
      this.key.ids,
      this.key.metas(caseId),
      this.key.order(caseId),
      this.key.states(caseId, id),
      this.key.once(caseId),
      id,
      caseId,
      JSON.stringify(meta),
      String(Date.parse(version.at)),
      once,
      Buffer.from(states.occupational),
      Buffer.from(states.insurance),
      Buffer.from(states.joint),
    );
    if (outcome === -1) throw new DuplicateError('version id');
    if (outcome === 0) return { version: parseMeta(existing!), created: false };
    return { version: meta, created: true };
  }
}

function parseMeta(json: string): VersionMeta {
  return metaOf(JSON.parse(json) as VersionMeta);
}

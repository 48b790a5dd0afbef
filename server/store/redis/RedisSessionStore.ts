import type { Redis } from 'ioredis';
import type { NewSession, SessionEndReason, SessionRecord, SessionStore } from '../sessionPort.ts';

/**
 * Lua: replaces the refresh hash while the session is open and its hash is the
 * expected one; moves its last activity forward. KEYS: session, activity index.
 * ARGV: expected hash, next hash, activity time ('' for none), id. Returns 1 when rotated.
 */
const ROTATE = `
local hash = redis.call('HGET', KEYS[1], 'refreshHash')
if not hash or hash ~= ARGV[1] or redis.call('HEXISTS', KEYS[1], 'endedAt') == 1 then return 0 end
redis.call('HSET', KEYS[1], 'refreshHash', ARGV[2])
if ARGV[3] ~= '' and tonumber(ARGV[3]) > tonumber(redis.call('HGET', KEYS[1], 'lastActivityAt')) then
  redis.call('HSET', KEYS[1], 'lastActivityAt', ARGV[3])
  redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
end
return 1`;

/**
 * Lua: ends an open session and takes it out of the indexes of open sessions.
 * KEYS: session, activity index, deadline index, the user's open set. ARGV: time, reason, id.
 */
const END = `
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HEXISTS', KEYS[1], 'endedAt') == 1 then return 0 end
redis.call('HSET', KEYS[1], 'endedAt', ARGV[1], 'endReason', ARGV[2])
redis.call('ZREM', KEYS[2], ARGV[3])
redis.call('ZREM', KEYS[3], ARGV[3])
redis.call('SREM', KEYS[4], ARGV[3])
return 1`;

const toSession = (id: string, hash: Record<string, string>): SessionRecord | null =>
  hash.userId === undefined
    ? null
    : {
        id,
        userId: hash.userId,
        sessionVersion: Number(hash.sessionVersion),
        createdAt: Number(hash.createdAt),
        lastActivityAt: Number(hash.lastActivityAt),
        expiresAt: Number(hash.expiresAt),
        refreshHash: hash.refreshHash ?? '',
        amr: hash.amr ? (JSON.parse(hash.amr) as string[]) : null,
        endedAt: hash.endedAt === undefined ? null : Number(hash.endedAt),
        endReason: (hash.endReason as SessionEndReason | undefined) ?? null,
      };

/**
 * Login sessions in Redis, shared by every node: `login-session:{id}` hash;
 * `login-sessions:user:{userId}` the set of a user's open sessions;
 * `login-sessions:activity` and `login-sessions:deadline` the open sessions by
 * last activity and by absolute maximum; `login-sessions:all` every session by
 * absolute maximum (what purge forgets).
 */
export class RedisSessionStore implements SessionStore {
  private readonly key;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.key = {
      session: (id: string) => `${prefix}login-session:${id}`,
      user: (userId: string) => `${prefix}login-sessions:user:${userId}`,
      activity: `${prefix}login-sessions:activity`,
      deadline: `${prefix}login-sessions:deadline`,
      all: `${prefix}login-sessions:all`,
    };
  }

  async create(session: NewSession): Promise<void> {
    const created = await this.redis.hsetnx(this.key.session(session.id), 'userId', session.userId);
    if (created !== 1) throw new Error(`session ${session.id} exists`);
    await this.redis
      .multi()
      .hset(this.key.session(session.id), {
        sessionVersion: session.sessionVersion,
        createdAt: session.createdAt,
        lastActivityAt: session.lastActivityAt,
        expiresAt: session.expiresAt,
        refreshHash: session.refreshHash,
        ...(session.amr === null ? {} : { amr: JSON.stringify(session.amr) }),
      })
      .sadd(this.key.user(session.userId), session.id)
      .zadd(this.key.activity, session.lastActivityAt, session.id)
      .zadd(this.key.deadline, session.expiresAt, session.id)
      .zadd(this.key.all, session.expiresAt, session.id)
      .exec();
  }

  async find(id: string): Promise<SessionRecord | null> {
    return toSession(id, await this.redis.hgetall(this.key.session(id)));
  }

  async rotate(id: string, expectedHash: string, nextHash: string, activityAt: number | null): Promise<boolean> {
    const rotated = await this.redis.eval(
      ROTATE,
      2,
      this.key.session(id),
      this.key.activity,
      expectedHash,
      nextHash,
      activityAt === null ? '' : String(activityAt),
      id,
    );
    return rotated === 1;
  }

  async end(id: string, reason: SessionEndReason, at: number): Promise<boolean> {
    const userId = await this.redis.hget(this.key.session(id), 'userId');
    if (userId === null) return false;
    const ended = await this.redis.eval(END, 4, this.key.session(id), this.key.activity, this.key.deadline, this.key.user(userId), String(at), reason, id);
    return ended === 1;
  }

  async endAllOf(userId: string, reason: SessionEndReason, at: number): Promise<string[]> {
    const ended: string[] = [];
    for (const id of await this.redis.smembers(this.key.user(userId))) if (await this.end(id, reason, at)) ended.push(id);
    return ended;
  }

  async openOf(userId: string): Promise<SessionRecord[]> {
    const sessions = await this.many(await this.redis.smembers(this.key.user(userId)));
    return sessions.filter((s) => s.endedAt === null).sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  }

  async lapsed(idleBefore: number, now: number, limit: number): Promise<SessionRecord[]> {
    const [idle, over] = await Promise.all([
      this.redis.zrangebyscore(this.key.activity, '-inf', idleBefore, 'LIMIT', 0, limit),
      this.redis.zrangebyscore(this.key.deadline, '-inf', now, 'LIMIT', 0, limit),
    ]);
    const sessions = await this.many([...new Set([...over, ...idle])]);
    return sessions.filter((s) => s.endedAt === null).slice(0, limit);
  }

  async purge(before: number): Promise<number> {
    const ids = await this.redis.zrangebyscore(this.key.all, '-inf', before);
    for (const id of ids) {
      const userId = await this.redis.hget(this.key.session(id), 'userId');
      const forget = this.redis.multi().del(this.key.session(id)).zrem(this.key.all, id).zrem(this.key.activity, id).zrem(this.key.deadline, id);
      if (userId !== null) forget.srem(this.key.user(userId), id);
      await forget.exec();
    }
    return ids.length;
  }

  private async many(ids: string[]): Promise<SessionRecord[]> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hgetall(this.key.session(id));
    const results = (await pipeline.exec()) ?? [];
    return ids.map((id, i) => toSession(id, (results[i]?.[1] ?? {}) as Record<string, string>)).filter((s): s is SessionRecord => s !== null);
  }
}

import type { Redis } from 'ioredis';
import type { NotificationKind, UnreadCounts } from '../../../shared/notifications.ts';
import type {
  DigestSubscriber,
  NewNotification,
  NotificationPage,
  NotificationQuery,
  NotificationStore,
  ReadSelector,
  StoredNotification,
  StoredNotificationSettings,
} from '../ports.ts';
import { APPLY_WRITES, writeArgs } from './commentWrites.ts';
import { notificationKeys, notificationWrites, type NotificationKeys } from './notificationWrites.ts';

/**
 * Lua: marks unread notifications of one user read. KEYS: the user's unread
 * set, unread-per-case hash and read-at hash. ARGV: the notification key
 * prefix, the time, 'ids' / 'case' / 'all', then the ids or the case id. Only
 * ids in the user's own unread set change, so another user's change nothing.
 */
const MARK_READ = `
local function mark(id, n)
  if redis.call('ZREM', KEYS[1], id) == 1 then
    if redis.call('HINCRBY', KEYS[2], n.caseId, -1) <= 0 then redis.call('HDEL', KEYS[2], n.caseId) end
    redis.call('HSET', KEYS[3], id, ARGV[2])
  end
end
local function stored(id) return cjson.decode(redis.call('GET', ARGV[1] .. id)) end
if ARGV[3] == 'ids' then
  for i = 4, #ARGV do
    if redis.call('ZSCORE', KEYS[1], ARGV[i]) then mark(ARGV[i], stored(ARGV[i])) end
  end
else
  for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
    local n = stored(id)
    if ARGV[3] == 'all' or n.caseId == ARGV[4] then mark(id, n) end
  end
end
return 1`;

/** Lua: compare-and-set of a user's last digest (an absent key reads as ''). KEYS: its key; ARGV: expected, new. */
const CLAIM_DIGEST = `
if (redis.call('GET', KEYS[1]) or '') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
return 1`;

/**
 * Notifications in Redis. Keys, after the prefix:
 * - `notification:{id}` JSON without its read time
 * - `notifications:{userId}`, `notifications-unread:{userId}` sorted sets of ids, all scores 0 (lexical order = time order)
 * - `notifications-unread-cases:{userId}` hash case id -> unread count; `notifications-read-at:{userId}` hash id -> read at
 * - `notification-settings:{userId}` JSON; `notification-digest:{userId}` when the last digest went;
 *   `notification-digest-users` set of the users whose mode is 'digest'
 *
 * A workflow commit stores notifications with the same steps (notificationWrites.ts) in its own script.
 */
export class RedisNotificationStore implements NotificationStore {
  private readonly key: NotificationKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.key = notificationKeys(prefix);
  }

  async add(notifications: NewNotification[]): Promise<void> {
    const { keys, args } = writeArgs(notificationWrites(this.key, notifications));
    if ((await this.redis.eval(APPLY_WRITES, keys.length, ...keys, ...args)) === 0) throw new Error('a notification id is taken');
  }

  async list(userId: string, query: NotificationQuery): Promise<NotificationPage> {
    const set = query.unreadOnly ? this.key.unread(userId) : this.key.all(userId);
    const ids = await this.redis.zrevrangebylex(set, query.before === undefined ? '+' : `(${query.before}`, '-', 'LIMIT', '0', String(query.limit + 1));
    const page = ids.slice(0, query.limit);
    return { notifications: await this.load(userId, page), nextCursor: ids.length > query.limit ? page[page.length - 1]! : null };
  }

  async unreadCounts(userId: string): Promise<UnreadCounts> {
    const replies = await this.redis.multi().zcard(this.key.unread(userId)).hgetall(this.key.unreadCases(userId)).exec();
    const [[, unread], [, byCase]] = replies as [[null, number], [null, Record<string, string>]];
    return { unread, unreadByCase: Object.fromEntries(Object.entries(byCase).map(([caseId, n]) => [caseId, Number(n)])) };
  }

  async markRead(userId: string, selector: ReadSelector, at: string): Promise<void> {
    const keys = [this.key.unread(userId), this.key.unreadCases(userId), this.key.readAt(userId)];
    const rest = 'ids' in selector ? ['ids', ...selector.ids] : 'caseId' in selector ? ['case', selector.caseId] : ['all'];
    await this.redis.eval(MARK_READ, keys.length, ...keys, this.key.notificationPrefix, at, ...rest);
  }

  async unreadKindsSince(userId: string, since: string | null): Promise<Partial<Record<NotificationKind, number>>> {
    const unread = await this.load(userId, await this.redis.zrange(this.key.unread(userId), '0', '-1'));
    const kinds: Partial<Record<NotificationKind, number>> = {};
    for (const n of unread) if (since === null || n.at > since) kinds[n.kind] = (kinds[n.kind] ?? 0) + 1;
    return kinds;
  }

  async getSettings(userId: string): Promise<StoredNotificationSettings | null> {
    const json = await this.redis.get(this.key.settings(userId));
    return json ? (JSON.parse(json) as StoredNotificationSettings) : null;
  }

  async putSettings(userId: string, settings: StoredNotificationSettings): Promise<void> {
    const multi = this.redis.multi().set(this.key.settings(userId), JSON.stringify(settings));
    if (settings.mode === 'digest') multi.sadd(this.key.digestUsers, userId);
    else multi.srem(this.key.digestUsers, userId);
    await multi.exec();
  }

  async digestSubscribers(): Promise<DigestSubscriber[]> {
    const users = (await this.redis.smembers(this.key.digestUsers)).sort();
    const found = await Promise.all(
      users.map(async (userId) => {
        const [settings, lastDigestAt] = await Promise.all([this.getSettings(userId), this.redis.get(this.key.lastDigest(userId))]);
        return settings?.mode === 'digest' ? [{ userId, settings, lastDigestAt: lastDigestAt || null }] : [];
      }),
    );
    return found.flat();
  }

  async claimDigest(userId: string, expected: string | null, at: string): Promise<boolean> {
    return (await this.redis.eval(CLAIM_DIGEST, 1, this.key.lastDigest(userId), expected ?? '', at)) === 1;
  }

  /** The user's notifications of these ids, in the order given, each with its read time. */
  private async load(userId: string, ids: string[]): Promise<StoredNotification[]> {
    if (ids.length === 0) return [];
    const [stored, readAt] = await Promise.all([this.redis.mget(ids.map(this.key.notification)), this.redis.hmget(this.key.readAt(userId), ...ids)]);
    return stored.flatMap((json, i) => (json ? [{ ...(JSON.parse(json) as NewNotification), readAt: readAt[i] ?? null }] : []));
  }
}

import type { Redis } from 'ioredis';
import {
  newTicket,
  normalizeKeys,
  THROTTLE,
  type LoginThrottle,
  type ThrottleDecision,
  type ThrottleKeys,
  type ThrottleTicket,
} from '../../auth/loginThrottle.ts';

/**
 * The login slow-down shared by every node (the rules of MemoryLoginThrottle,
 * see server/auth/loginThrottle.ts): a guesser spread over the nodes by the
 * load balancer still waits, and attempts in flight on one node count on all.
 *
 * Keys: `<prefix>login-failures:{pair:<account>|<ip>, ip:<ip>, account:<account>}`,
 * hashes of the count and the time of the last failure, forgotten after the
 * window; `<prefix>login-inflight:{account:<account>, ip:<ip>}`, sorted sets
 * of the tickets being checked, scored by when they stop counting. Each
 * operation is one Lua script, so that reading the counters and reserving an
 * attempt cannot interleave with another node's attempt.
 */

/** The doubling of delayAfter, capped; the same arithmetic as in TypeScript. */
const REMAINING = `
local function remaining(key, free, cap, now, base, max)
  local entry = redis.call('HMGET', key, 'count', 'lastAt')
  if not entry[1] or not entry[2] then return 0 end
  local count = tonumber(entry[1])
  if count < free then return 0 end
  local delay = math.min(base * 2 ^ (count - free), max, cap)
  return math.max(0, tonumber(entry[2]) + delay - now)
end
`;

/**
 * KEYS: pair, ip, account failures; account, ip in flight.
 * ARGV: now, ticket, then the THROTTLE numbers (see `limits`).
 * Returns {'wait', seconds, reason} or {'ticket'}.
 */
const BEGIN = `${REMAINING}
local now = tonumber(ARGV[1])
local ticket = ARGV[2]
local freePair, freeIp, freeAccount = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local cleanCap, base, max = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
local window, maxAccountFlight, maxIpFlight = tonumber(ARGV[9]), tonumber(ARGV[10]), tonumber(ARGV[11])
local retry, ttl = ARGV[12], tonumber(ARGV[13])

local pairCount = tonumber(redis.call('HGET', KEYS[1], 'count') or '0')
local accountCap = max
if pairCount == 0 then accountCap = cleanCap end
local wait = math.max(
  remaining(KEYS[1], freePair, max, now, base, max),
  remaining(KEYS[2], freeIp, max, now, base, max),
  remaining(KEYS[3], freeAccount, accountCap, now, base, max))
if wait > 0 then return {'wait', tostring(math.ceil(wait)), 'failures'} end

redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', now)
if redis.call('ZCARD', KEYS[4]) >= maxAccountFlight or redis.call('ZCARD', KEYS[5]) >= maxIpFlight then
  return {'wait', retry, 'in-flight'}
end

for i = 1, 3 do
  redis.call('HINCRBY', KEYS[i], 'count', 1)
  redis.call('HSET', KEYS[i], 'lastAt', ARGV[1])
  redis.call('EXPIRE', KEYS[i], window)
end
for i = 4, 5 do
  redis.call('ZADD', KEYS[i], now + ttl, ticket)
  redis.call('EXPIRE', KEYS[i], math.ceil(ttl))
end
return {'ticket'}
`;

/** KEYS as BEGIN. ARGV: now, ticket, window. The attempt stays counted; the wait runs from now. */
const FAIL = `
redis.call('ZREM', KEYS[4], ARGV[2])
redis.call('ZREM', KEYS[5], ARGV[2])
for i = 1, 3 do
  if redis.call('HGET', KEYS[i], 'count') == false then redis.call('HSET', KEYS[i], 'count', 1) end
  redis.call('HSET', KEYS[i], 'lastAt', ARGV[1])
  redis.call('EXPIRE', KEYS[i], tonumber(ARGV[3]))
end
return 1
`;

const DECREMENT = `
local function decrement(key)
  if redis.call('EXISTS', key) == 0 then return end
  if redis.call('HINCRBY', key, 'count', -1) <= 0 then redis.call('DEL', key) end
end
`;

/** KEYS as BEGIN. ARGV: ticket. Forgives the account's failures; takes back the address's reservation. */
const SUCCEED = `${DECREMENT}
local wasInFlight = redis.call('ZREM', KEYS[4], ARGV[1]) + redis.call('ZREM', KEYS[5], ARGV[1])
redis.call('DEL', KEYS[1], KEYS[3])
if wasInFlight > 0 then decrement(KEYS[2]) end
return 1
`;

/** KEYS as BEGIN. ARGV: ticket. Takes the reservation back, unless the ticket already ended. */
const RELEASE = `${DECREMENT}
local wasInFlight = redis.call('ZREM', KEYS[4], ARGV[1]) + redis.call('ZREM', KEYS[5], ARGV[1])
if wasInFlight > 0 then
  for i = 1, 3 do decrement(KEYS[i]) end
end
return 1
`;

export class RedisLoginThrottle implements LoginThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly now: () => number = () => Date.now() / 1000,
  ) {}

  async begin(raw: ThrottleKeys): Promise<ThrottleDecision> {
    const ticket = newTicket(raw);
    const keys = this.keysOf(ticket.keys);
    const limits = [
      THROTTLE.freePairFailures,
      THROTTLE.freeIpFailures,
      THROTTLE.freeAccountFailures,
      THROTTLE.cleanAddressMaxDelaySeconds,
      THROTTLE.baseDelaySeconds,
      THROTTLE.maxDelaySeconds,
      THROTTLE.windowSeconds,
      THROTTLE.maxInFlightPerAccount,
      THROTTLE.maxInFlightPerIp,
      THROTTLE.inFlightRetrySeconds,
      THROTTLE.inFlightTtlSeconds,
    ].map(String);
    const [kind, wait, reason] = (await this.redis.eval(BEGIN, keys.length, ...keys, String(this.now()), ticket.id, ...limits)) as string[];
    if (kind === 'ticket') return { ticket };
    return { wait: Number(wait), reason: reason === 'in-flight' ? 'in-flight' : 'failures' };
  }

  async fail(ticket: ThrottleTicket): Promise<void> {
    const keys = this.keysOf(ticket.keys);
    await this.redis.eval(FAIL, keys.length, ...keys, String(this.now()), ticket.id, String(THROTTLE.windowSeconds));
  }

  async succeed(ticket: ThrottleTicket): Promise<void> {
    const keys = this.keysOf(ticket.keys);
    await this.redis.eval(SUCCEED, keys.length, ...keys, ticket.id);
  }

  async release(ticket: ThrottleTicket): Promise<void> {
    const keys = this.keysOf(ticket.keys);
    await this.redis.eval(RELEASE, keys.length, ...keys, ticket.id);
  }

  private keysOf(raw: ThrottleKeys): string[] {
    const { account, ip } = normalizeKeys(raw);
    const failures = `${this.prefix}login-failures:`;
    const inFlight = `${this.prefix}login-inflight:`;
    return [`${failures}pair:${account}|${ip}`, `${failures}ip:${ip}`, `${failures}account:${account}`, `${inFlight}account:${account}`, `${inFlight}ip:${ip}`];
  }
}

import type { Redis } from 'ioredis';
import { delayAfter, THROTTLE, type LoginThrottle, type ThrottleKeys } from '../../auth/loginThrottle.ts';
import { answers } from './RedisDocStore.ts';

/**
 * The login slow-down shared by every node (the same rule as
 * MemoryLoginThrottle): a guesser spread over the nodes by the load balancer
 * still waits. Key `<prefix>login-failures:<account|ip>`: a hash of count and
 * time of the last failure, forgotten after the window.
 */
export class RedisLoginThrottle implements LoginThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly now: () => number = () => Date.now() / 1000,
  ) {}

  async retryAfter(keys: ThrottleKeys): Promise<number> {
    const [account, ip] = this.keysOf(keys);
    const results = await this.redis.multi().hmget(account, 'count', 'lastAt').hmget(ip, 'count', 'lastAt').exec();
    const [accountEntry, ipEntry] = answers(results) as [(string | null)[], (string | null)[]];
    return Math.ceil(Math.max(this.remaining(accountEntry, THROTTLE.freeAccountFailures), this.remaining(ipEntry, THROTTLE.freeIpFailures)));
  }

  async recordFailure(keys: ThrottleKeys): Promise<void> {
    const transaction = this.redis.multi();
    for (const key of this.keysOf(keys)) {
      transaction.hincrby(key, 'count', 1).hset(key, 'lastAt', String(this.now())).expire(key, THROTTLE.windowSeconds);
    }
    answers(await transaction.exec());
  }

  async recordSuccess(keys: ThrottleKeys): Promise<void> {
    await this.redis.del(this.keysOf(keys)[0]);
  }

  private keysOf(keys: ThrottleKeys): [account: string, ip: string] {
    return [`${this.prefix}login-failures:account:${keys.account.toLowerCase()}`, `${this.prefix}login-failures:ip:${keys.ip}`];
  }

  private remaining([count, lastAt]: (string | null)[], free: number): number {
    if (count == null || lastAt == null) return 0;
    return Math.max(0, Number(lastAt) + delayAfter(Number(count), free) - this.now());
  }
}

/**
 * Slows down password guessing (issue 2): after a few failed logins for one
 * account, or many from one address, each further attempt must wait, and the
 * wait doubles with every failure. Async so that a Redis-backed version can
 * share it across nodes.
 */
export interface LoginThrottle {
  /** Seconds the caller must still wait before trying these keys, or 0. */
  retryAfter(keys: ThrottleKeys): Promise<number>;
  recordFailure(keys: ThrottleKeys): Promise<void>;
  recordSuccess(keys: ThrottleKeys): Promise<void>;
}

export interface ThrottleKeys {
  account: string;
  ip: string;
}

export const THROTTLE = {
  /** Failures per account allowed before waits begin. */
  freeAccountFailures: 5,
  /** Failures per address allowed before waits begin (an office may share one address). */
  freeIpFailures: 20,
  /** First wait, doubled with every further failure. */
  baseDelaySeconds: 1,
  maxDelaySeconds: 15 * 60,
  /** Failures older than this are forgotten. */
  windowSeconds: 60 * 60,
} as const;

interface Failures {
  count: number;
  lastAt: number;
}

export function delayAfter(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(THROTTLE.baseDelaySeconds * 2 ** (failures - free), THROTTLE.maxDelaySeconds);
}

export class MemoryLoginThrottle implements LoginThrottle {
  private readonly failures = new Map<string, Failures>();

  constructor(private readonly now: () => number = () => Date.now() / 1000) {}

  async retryAfter(keys: ThrottleKeys): Promise<number> {
    const wait = Math.max(
      this.remaining(`account:${keys.account.toLowerCase()}`, THROTTLE.freeAccountFailures),
      this.remaining(`ip:${keys.ip}`, THROTTLE.freeIpFailures),
    );
    return Math.ceil(wait);
  }

  async recordFailure(keys: ThrottleKeys): Promise<void> {
    this.prune();
    for (const key of [`account:${keys.account.toLowerCase()}`, `ip:${keys.ip}`]) {
      const current = this.failures.get(key);
      this.failures.set(key, { count: (current?.count ?? 0) + 1, lastAt: this.now() });
    }
  }

  async recordSuccess(keys: ThrottleKeys): Promise<void> {
    this.failures.delete(`account:${keys.account.toLowerCase()}`);
  }

  private remaining(key: string, free: number): number {
    const entry = this.failures.get(key);
    if (!entry) return 0;
    return Math.max(0, entry.lastAt + delayAfter(entry.count, free) - this.now());
  }

  /** Forgets stale entries so that the map cannot grow without bound. */
  private prune(): void {
    const horizon = this.now() - THROTTLE.windowSeconds;
    for (const [key, entry] of this.failures) if (entry.lastAt < horizon) this.failures.delete(key);
  }
}

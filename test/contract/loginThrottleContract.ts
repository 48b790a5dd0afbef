import { afterEach, describe, expect, it } from 'vitest';
import { THROTTLE, type LoginThrottle } from '../../server/auth/loginThrottle.ts';

/** Builds an empty throttle on a clock the test moves (seconds). */
export type MakeThrottle = (now: () => number) => Promise<{ throttle: LoginThrottle; cleanup(): Promise<void> }>;

/** The login slow-down every adapter keeps (per node in memory, shared by all nodes on Redis). */
export function loginThrottleContract(name: string, make: MakeThrottle): void {
  describe(`LoginThrottle contract: ${name}`, () => {
    let cleanup: (() => Promise<void>) | null = null;
    afterEach(async () => {
      await cleanup?.();
      cleanup = null;
    });

    it('counts per account (case-insensitively) and per address, and a success clears the account', async () => {
      let now = 1_000;
      const made = await make(() => now);
      cleanup = made.cleanup;
      const { throttle } = made;
      const keys = { account: 'BA.demo', ip: '10.0.0.1' };
      for (let i = 0; i < THROTTLE.freeAccountFailures; i++) await throttle.recordFailure(keys);
      expect(await throttle.retryAfter({ account: 'ba.demo', ip: '10.0.0.2' })).toBe(THROTTLE.baseDelaySeconds);
      expect(await throttle.retryAfter({ account: 'va.demo', ip: '10.0.0.1' })).toBe(0);
      await throttle.recordFailure(keys);
      expect(await throttle.retryAfter(keys)).toBe(2 * THROTTLE.baseDelaySeconds);
      now += 2 * THROTTLE.baseDelaySeconds;
      expect(await throttle.retryAfter(keys)).toBe(0);
      await throttle.recordSuccess(keys);
      await throttle.recordFailure(keys);
      expect(await throttle.retryAfter(keys)).toBe(0);
    });

    it('slows an address down after many failures across accounts', async () => {
      const made = await make(() => 5_000);
      cleanup = made.cleanup;
      for (let i = 0; i < THROTTLE.freeIpFailures; i++) await made.throttle.recordFailure({ account: `user${i}`, ip: '10.0.0.9' });
      expect(await made.throttle.retryAfter({ account: 'someone.else', ip: '10.0.0.9' })).toBe(THROTTLE.baseDelaySeconds);
      expect(await made.throttle.retryAfter({ account: 'someone.else', ip: '10.0.0.8' })).toBe(0);
    });
  });
}

import { afterEach, describe, expect, it } from 'vitest';
import { delayAfter, THROTTLE, type LoginThrottle, type ThrottleDecision, type ThrottleKeys, type ThrottleTicket } from '../../server/auth/loginThrottle.ts';

/** Builds an empty throttle on a clock the test moves (seconds). */
export type MakeThrottle = (now: () => number) => Promise<{ throttle: LoginThrottle; cleanup(): Promise<void> }>;

function ticketOf(decision: ThrottleDecision): ThrottleTicket {
  if (!('ticket' in decision)) throw new Error(`expected a ticket, got a wait of ${decision.wait} s (${decision.reason})`);
  return decision.ticket;
}

/** The login slow-down every adapter keeps (per node in memory, shared by all nodes on Redis). */
export function loginThrottleContract(name: string, make: MakeThrottle): void {
  describe(`LoginThrottle contract: ${name}`, () => {
    let cleanup: (() => Promise<void>) | null = null;
    afterEach(async () => {
      await cleanup?.();
      cleanup = null;
    });
    const setUp = async (clock: () => number) => {
      const made = await make(clock);
      cleanup = made.cleanup;
      const { throttle } = made;
      /** One checked attempt that failed. */
      const failOnce = async (keys: ThrottleKeys) => throttle.fail(ticketOf(await throttle.begin(keys)));
      return { throttle, failOnce };
    };

    it('per account and address (case-insensitively): after the free failures that address waits, doubling; a success clears it', async () => {
      let now = 1_000;
      const { throttle, failOnce } = await setUp(() => now);
      const keys = { account: 'BA.demo', ip: '10.0.0.1' };
      for (let i = 0; i < THROTTLE.freePairFailures; i++) await failOnce(i % 2 ? keys : { ...keys, account: 'ba.DEMO' });
      expect(await throttle.begin({ account: 'ba.demo', ip: '10.0.0.1' })).toEqual({ wait: THROTTLE.baseDelaySeconds, reason: 'failures' });
      // Another address for the same account, and another account from this address, do not wait.
      await throttle.release(ticketOf(await throttle.begin({ account: 'ba.demo', ip: '10.0.0.2' })));
      await throttle.release(ticketOf(await throttle.begin({ account: 'va.demo', ip: '10.0.0.1' })));

      now += THROTTLE.baseDelaySeconds;
      await failOnce(keys);
      expect(await throttle.begin(keys)).toEqual({ wait: 2 * THROTTLE.baseDelaySeconds, reason: 'failures' });
      now += 2 * THROTTLE.baseDelaySeconds;
      await throttle.succeed(ticketOf(await throttle.begin(keys)));
      for (let i = 0; i < THROTTLE.freePairFailures - 1; i++) await failOnce(keys);
      expect('ticket' in (await throttle.begin(keys))).toBe(true);
    });

    it('counts an attempt when it begins: parallel attempts count like sequential ones, and at most a few are in flight per account', async () => {
      const { throttle } = await setUp(() => 2_000);
      const decisions = await Promise.all(Array.from({ length: 10 }, (_, i) => throttle.begin({ account: 'ba.demo', ip: `10.0.1.${i}` })));
      const tickets = decisions.filter((decision) => 'ticket' in decision);
      expect(tickets).toHaveLength(THROTTLE.maxInFlightPerAccount);
      expect(decisions.filter((decision) => 'wait' in decision)).toEqual(
        Array(10 - THROTTLE.maxInFlightPerAccount).fill({ wait: THROTTLE.inFlightRetrySeconds, reason: 'in-flight' }),
      );
      // One verdict frees one place.
      await throttle.fail(ticketOf(decisions.find((decision) => 'ticket' in decision)!));
      expect('ticket' in (await throttle.begin({ account: 'ba.demo', ip: '10.0.1.99' }))).toBe(true);
    });

    it('bounds the attempts in flight from one address, across accounts', async () => {
      const { throttle } = await setUp(() => 3_000);
      const tickets: ThrottleTicket[] = [];
      for (let i = 0; i < THROTTLE.maxInFlightPerIp; i++) tickets.push(ticketOf(await throttle.begin({ account: `user${i}`, ip: '10.0.2.1' })));
      expect(await throttle.begin({ account: 'another', ip: '10.0.2.1' })).toEqual({ wait: THROTTLE.inFlightRetrySeconds, reason: 'in-flight' });
      expect('ticket' in (await throttle.begin({ account: 'another', ip: '10.0.2.2' }))).toBe(true);
      await throttle.succeed(tickets[0]!);
      expect('ticket' in (await throttle.begin({ account: 'another', ip: '10.0.2.1' }))).toBe(true);
    });

    it('a reservation counts while in flight, and release takes it back', async () => {
      const { throttle, failOnce } = await setUp(() => 4_000);
      const keys = { account: 'ba.demo', ip: '10.0.3.1' };
      for (let i = 0; i < THROTTLE.freePairFailures - 1; i++) await failOnce(keys);
      const last = ticketOf(await throttle.begin(keys));
      // The free attempts are used up by the one in flight.
      expect(await throttle.begin(keys)).toEqual({ wait: THROTTLE.baseDelaySeconds, reason: 'failures' });
      await throttle.release(last);
      await throttle.release(last);
      expect('ticket' in (await throttle.begin(keys))).toBe(true);
    });

    it('an attempt without a verdict stops counting as in flight after its time to live', async () => {
      let now = 5_000;
      const { throttle } = await setUp(() => now);
      for (let i = 0; i < THROTTLE.maxInFlightPerAccount; i++) ticketOf(await throttle.begin({ account: 'ba.demo', ip: `10.0.4.${i}` }));
      expect(await throttle.begin({ account: 'ba.demo', ip: '10.0.4.9' })).toMatchObject({ reason: 'in-flight' });
      now += THROTTLE.inFlightTtlSeconds + 1;
      expect('ticket' in (await throttle.begin({ account: 'ba.demo', ip: '10.0.4.9' }))).toBe(true);
    });

    it('failures on one account from many addresses: the full wait for addresses that failed there, a short one for a clean address', async () => {
      let now = 6_000;
      const { throttle, failOnce } = await setUp(() => now);
      const extra = 4;
      const total = THROTTLE.freeAccountFailures + extra;
      for (let i = 0; i < total; i++) {
        // Past the free failures, even a fresh address waits the short delay: a guesser with many addresses is slowed too.
        if (i >= THROTTLE.freeAccountFailures) {
          const short = Math.min(delayAfter(i, THROTTLE.freeAccountFailures), THROTTLE.cleanAddressMaxDelaySeconds);
          expect(await throttle.begin({ account: 'ba.demo', ip: `10.0.5.${i}` })).toEqual({ wait: short, reason: 'failures' });
          now += short;
        }
        await failOnce({ account: 'ba.demo', ip: `10.0.5.${i}` });
      }
      const full = THROTTLE.baseDelaySeconds * 2 ** extra;
      expect(full).toBeGreaterThan(THROTTLE.cleanAddressMaxDelaySeconds);
      expect(await throttle.begin({ account: 'ba.demo', ip: '10.0.5.0' })).toEqual({ wait: full, reason: 'failures' });
      expect(await throttle.begin({ account: 'ba.demo', ip: '192.0.2.1' })).toEqual({ wait: THROTTLE.cleanAddressMaxDelaySeconds, reason: 'failures' });
      now += THROTTLE.cleanAddressMaxDelaySeconds;
      await throttle.succeed(ticketOf(await throttle.begin({ account: 'ba.demo', ip: '192.0.2.1' })));
      // The owner's success forgives the account-wide count.
      expect('ticket' in (await throttle.begin({ account: 'ba.demo', ip: '192.0.2.2' }))).toBe(true);
    });

    it('slows an address down after many failures across accounts', async () => {
      const { throttle, failOnce } = await setUp(() => 7_000);
      for (let i = 0; i < THROTTLE.freeIpFailures; i++) await failOnce({ account: `user${i}`, ip: '10.0.0.9' });
      expect(await throttle.begin({ account: 'someone.else', ip: '10.0.0.9' })).toEqual({ wait: THROTTLE.baseDelaySeconds, reason: 'failures' });
      expect('ticket' in (await throttle.begin({ account: 'someone.else', ip: '10.0.0.8' }))).toBe(true);
    });
  });
}

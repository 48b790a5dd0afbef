import { describe, expect, it } from 'vitest';
import type { NewSession } from '../../server/store/ports.ts';
import { useFreshStores, type MakeStores } from './fixture.ts';

const MINUTE = 60_000;

/** The login sessions every adapter keeps: rotation is a compare-and-set, ending is once, lapsed and purged by time. */
export function sessionStoreContract(name: string, makeStores: MakeStores): void {
  describe(`SessionStore contract: ${name}`, () => {
    const stores = useFreshStores(makeStores);
    const t0 = Date.now();
    const session = (id: string, userId = 'u1', overrides: Partial<NewSession> = {}): NewSession => ({
      id,
      userId,
      sessionVersion: 2,
      createdAt: t0,
      lastActivityAt: t0,
      expiresAt: t0 + 720 * MINUTE,
      refreshHash: `hash-${id}-0`,
      amr: null,
      ...overrides,
    });

    it('stores a new session open, and finds it by id; an unknown id is null', async () => {
      await stores().sessions.create(session('s1'));
      expect(await stores().sessions.find('s1')).toEqual({ ...session('s1'), endedAt: null, endReason: null });
      expect(await stores().sessions.find('nope')).toBeNull();
    });

    it('keeps how the login was earned (amr), so that every refresh says the same', async () => {
      await stores().sessions.create(session('s2', 'u1', { amr: ['pwd', 'otp'] }));
      expect((await stores().sessions.find('s2'))?.amr).toEqual(['pwd', 'otp']);
      expect(await stores().sessions.rotate('s2', 'hash-s2-0', 'hash-s2-1', null)).toBe(true);
      expect((await stores().sessions.find('s2'))?.amr).toEqual(['pwd', 'otp']);
    });

    it('refuses a second session with the same id', async () => {
      await stores().sessions.create(session('s1'));
      await expect(stores().sessions.create(session('s1', 'u2'))).rejects.toThrow();
      expect((await stores().sessions.find('s1'))?.userId).toBe('u1');
    });

    it('rotates only from the current hash, once: the old hash no longer rotates', async () => {
      const { sessions } = stores();
      await sessions.create(session('s1'));
      expect(await sessions.rotate('s1', 'hash-s1-0', 'hash-s1-1', null)).toBe(true);
      expect(await sessions.rotate('s1', 'hash-s1-0', 'hash-s1-2', null)).toBe(false);
      expect(await sessions.rotate('nope', 'hash-s1-1', 'hash-s1-2', null)).toBe(false);
      const found = await sessions.find('s1');
      expect(found?.refreshHash).toBe('hash-s1-1');
      expect(found?.lastActivityAt).toBe(t0);
    });

    it('two rotations with the same hash at once: exactly one wins', async () => {
      const { sessions } = stores();
      await sessions.create(session('s1'));
      const results = await Promise.all([1, 2, 3].map((n) => sessions.rotate('s1', 'hash-s1-0', `hash-s1-${n}`, null)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('a rotation with activity moves the last activity forward, never back', async () => {
      const { sessions } = stores();
      await sessions.create(session('s1'));
      await sessions.rotate('s1', 'hash-s1-0', 'hash-s1-1', t0 + 5 * MINUTE);
      expect((await sessions.find('s1'))?.lastActivityAt).toBe(t0 + 5 * MINUTE);
      await sessions.rotate('s1', 'hash-s1-1', 'hash-s1-2', t0 + MINUTE);
      expect((await sessions.find('s1'))?.lastActivityAt).toBe(t0 + 5 * MINUTE);
    });

    it('ends a session once, with its reason and time; an ended session no longer rotates', async () => {
      const { sessions } = stores();
      await sessions.create(session('s1'));
      expect(await sessions.end('s1', 'logout', t0 + MINUTE)).toBe(true);
      expect(await sessions.end('s1', 'idle-timeout', t0 + 2 * MINUTE)).toBe(false);
      expect(await sessions.end('nope', 'logout', t0)).toBe(false);
      expect(await sessions.find('s1')).toMatchObject({ endedAt: t0 + MINUTE, endReason: 'logout' });
      expect(await sessions.rotate('s1', 'hash-s1-0', 'hash-s1-1', null)).toBe(false);
    });

    it("ends every open session of one user, and only theirs; lists a user's open sessions oldest first", async () => {
      const { sessions } = stores();
      await sessions.create(session('a', 'u1', { createdAt: t0 + 2 }));
      await sessions.create(session('b', 'u1', { createdAt: t0 + 1 }));
      await sessions.create(session('c', 'u1'));
      await sessions.create(session('d', 'u2'));
      await sessions.end('c', 'logout', t0);
      expect((await sessions.openOf('u1')).map((s) => s.id)).toEqual(['b', 'a']);
      expect((await sessions.endAllOf('u1', 'logout-everywhere', t0 + MINUTE)).sort()).toEqual(['a', 'b']);
      expect(await sessions.endAllOf('u1', 'logout-everywhere', t0 + MINUTE)).toEqual([]);
      expect(await sessions.openOf('u1')).toEqual([]);
      expect((await sessions.find('c'))?.endReason).toBe('logout');
      expect((await sessions.find('a'))?.endReason).toBe('logout-everywhere');
      expect((await sessions.openOf('u2')).map((s) => s.id)).toEqual(['d']);
    });

    it('lists the open sessions past their idle time or their absolute maximum, at most `limit`', async () => {
      const { sessions } = stores();
      await sessions.create(session('idle', 'u1', { lastActivityAt: t0 - 40 * MINUTE }));
      await sessions.create(session('old', 'u1', { expiresAt: t0 - 1 }));
      await sessions.create(session('fresh', 'u1'));
      await sessions.create(session('ended', 'u1', { lastActivityAt: t0 - 40 * MINUTE }));
      await sessions.end('ended', 'logout', t0);
      const idleBefore = t0 - 30 * MINUTE;
      expect((await sessions.lapsed(idleBefore, t0, 10)).map((s) => s.id).sort()).toEqual(['idle', 'old']);
      expect(await sessions.lapsed(idleBefore, t0, 1)).toHaveLength(1);
      // Activity reported by a refresh takes a session out of the idle ones.
      await sessions.rotate('idle', 'hash-idle-0', 'hash-idle-1', t0);
      expect((await sessions.lapsed(idleBefore, t0, 10)).map((s) => s.id)).toEqual(['old']);
    });

    it('purges the sessions past their absolute maximum, ended or not', async () => {
      const { sessions } = stores();
      await sessions.create(session('gone', 'u1', { expiresAt: t0 + MINUTE }));
      await sessions.create(session('ended', 'u1', { expiresAt: t0 + MINUTE }));
      await sessions.end('ended', 'logout', t0);
      await sessions.create(session('kept', 'u1', { expiresAt: t0 + 10 * MINUTE }));
      expect(await sessions.purge(t0 + 2 * MINUTE)).toBe(2);
      expect(await sessions.find('gone')).toBeNull();
      expect(await sessions.find('ended')).toBeNull();
      expect((await sessions.openOf('u1')).map((s) => s.id)).toEqual(['kept']);
      expect(await sessions.lapsed(t0 - MINUTE, t0 + 2 * MINUTE, 10)).toEqual([]);
    });
  });
}

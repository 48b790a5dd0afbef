import { describe, expect, it } from 'vitest';
import { delayAfter, MemoryLoginThrottle, THROTTLE } from '../../server/auth/loginThrottle.ts';
import { loginThrottleContract } from '../contract/loginThrottleContract.ts';
import { hashPassword, verifyPassword } from '../../server/auth/passwords.ts';
import { TokenService } from '../../server/auth/tokens.ts';
import { readCookie } from '../../server/auth/Authenticator.ts';

describe('passwords', () => {
  it('verifies the right password and rejects a wrong one; hashes are salted', async () => {
    const hash = await hashPassword('correct horse');
    expect(hash).toMatch(/^scrypt\$/);
    expect(hash).not.toContain('correct');
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('correct horsE', hash)).toBe(false);
    expect(await hashPassword('correct horse')).not.toBe(hash);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });
});

describe('session tokens', () => {
  const secret = 'a-test-secret-of-sufficient-length-0123456789';

  it('round-trips claims and refuses tampering, other secrets and expiry', () => {
    let now = 1_000_000;
    const tokens = new TokenService(secret, 60, () => now);
    const { token, claims } = tokens.issue('user-1', 'bedrijfsarts');
    expect(tokens.verify(token)).toEqual(claims);
    expect(claims.exp - claims.iat).toBe(60);

    const [header, , signature] = token.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    expect(tokens.verify(`${header}.${forgedPayload}.${signature}`)).toBeNull();
    expect(new TokenService(`${secret}x`, 60, () => now).verify(token)).toBeNull();
    expect(tokens.verify('not.a.token')).toBeNull();
    expect(tokens.verify('')).toBeNull();

    now += 61;
    expect(tokens.verify(token)).toBeNull();
  });
});

describe('login throttle', () => {
  it('lets the first failures through, then doubles the wait', () => {
    const free = THROTTLE.freeAccountFailures;
    expect(delayAfter(free - 1, free)).toBe(0);
    expect(delayAfter(free, free)).toBe(THROTTLE.baseDelaySeconds);
    expect(delayAfter(free + 1, free)).toBe(2 * THROTTLE.baseDelaySeconds);
    expect(delayAfter(free + 100, free)).toBe(THROTTLE.maxDelaySeconds);
  });
});

loginThrottleContract('memory', async (now) => ({ throttle: new MemoryLoginThrottle(now), cleanup: async () => {} }));

describe('cookies', () => {
  it('reads one cookie among several and survives bad encoding', () => {
    expect(readCookie('a=1; cw_session=abc.def; b=2', 'cw_session')).toBe('abc.def');
    expect(readCookie('a=1', 'cw_session')).toBeNull();
    expect(readCookie('cw_session=%E0%A4%A', 'cw_session')).toBeNull();
    expect(readCookie(undefined, 'cw_session')).toBeNull();
  });
});

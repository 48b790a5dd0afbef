import { describe, expect, it } from 'vitest';
import { LoginChallenges, LOGIN_CHALLENGE_TTL_SECONDS } from '../../server/auth/loginChallenge.ts';
import { RecoveryCodes } from '../../server/auth/recoveryCodes.ts';
import { SecretBox } from '../../server/auth/secretBox.ts';
import { newTotpSecret, otpauthUrl, totpTimeStep } from '../../server/auth/totp.ts';
import { TokenService } from '../../server/auth/tokens.ts';
import { RECOVERY_CODE_COUNT, SecondFactorCode } from '../../shared/secondFactor.ts';
import { totpCode } from '../helpers/totp.ts';

/** RFC 6238, appendix B: the SHA-1 seed "12345678901234567890" and its 8-digit codes. */
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const RFC_VECTORS: [seconds: number, code8: string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it('the test helper computes the RFC 6238 vectors with node:crypto alone', () => {
    for (const [seconds, code] of RFC_VECTORS) expect(totpCode(RFC_SECRET, seconds, { digits: 8 })).toBe(code);
  });

  it('the server accepts the 6-digit form of each vector at its time, and names its time step', async () => {
    for (const [seconds, code8] of RFC_VECTORS) {
      expect(await totpTimeStep(RFC_SECRET, code8.slice(-6), seconds)).toBe(Math.floor(seconds / 30));
    }
  });

  it('a code is good one step either side of its own and not beyond; a wrong code never', async () => {
    const secret = newTotpSecret();
    const at = 1_700_000_000;
    const code = totpCode(secret, at);
    const step = Math.floor(at / 30);
    expect(await totpTimeStep(secret, code, at - 30)).toBe(step);
    expect(await totpTimeStep(secret, code, at + 30)).toBe(step);
    expect(await totpTimeStep(secret, code, at + 90)).toBeNull();
    expect(await totpTimeStep(secret, code === '000000' ? '000001' : '000000', at)).toBeNull();
    expect(await totpTimeStep(newTotpSecret(), code, at)).toBeNull();
  });

  it('the otpauth URL names the issuer and account, and carries the secret', () => {
    const url = new URL(otpauthUrl('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 'ba.demo'));
    expect(url.protocol).toBe('otpauth:');
    expect(url.searchParams.get('secret')).toBe('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    expect(url.searchParams.get('issuer')).toBe('Consultatiewerkplek');
    expect(decodeURIComponent(url.pathname)).toContain('ba.demo');
  });
});

describe('sealed secrets, recovery codes and login challenges', () => {
  it('a sealed secret opens only under its key and unaltered, and never shows the secret', () => {
    const box = new SecretBox('a'.repeat(40), 'totp-secret');
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.seal('JBSWY3DPEHPK3PXP')).not.toBe(sealed);
    expect(box.open(sealed)).toBe('JBSWY3DPEHPK3PXP');
    expect(new SecretBox('b'.repeat(40), 'totp-secret').open(sealed)).toBeNull();
    expect(new SecretBox('a'.repeat(40), 'other').open(sealed)).toBeNull();
    const parts = sealed.split('.');
    parts[2] = `${parts[2]!.slice(0, -2)}AA`;
    expect(box.open(parts.join('.'))).toBeNull();
    expect(box.open('garbage')).toBeNull();
  });

  it('recovery codes are distinct, pass the code field, and hash alike whatever their case, spaces or dash', () => {
    const codes = new RecoveryCodes('a'.repeat(40));
    const { codes: shown, hashes } = codes.generate();
    expect(shown).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(shown).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of shown) expect(SecondFactorCode.safeParse(code).success).toBe(true);
    const typed = ` ${shown[0]!.toUpperCase().replace('-', ' ')} `;
    expect(codes.hash(SecondFactorCode.parse(typed))).toBe(hashes[0]);
    expect(hashes[0]).not.toContain(shown[0]!.slice(0, 5));
  });

  it('a challenge verifies for its kind until it expires, and is never a session token (nor the reverse)', () => {
    let now = 1_700_000_000;
    const challenges = new LoginChallenges('s'.repeat(40), () => now);
    const { challenge, expiresAt } = challenges.issue('u1', 'totp', 3);
    expect(expiresAt).toBe(now + LOGIN_CHALLENGE_TTL_SECONDS);
    expect(challenges.verify(challenge, 'totp')).toMatchObject({ sub: 'u1', kind: 'totp', sv: 3 });
    expect(challenges.verify(challenge, 'enrol')).toBeNull();
    expect(new LoginChallenges('t'.repeat(40), () => now).verify(challenge, 'totp')).toBeNull();
    const tokens = new TokenService('s'.repeat(40), 3600, () => now);
    expect(tokens.verify(challenge)).toBeNull();
    expect(challenges.verify(tokens.issue('u1', 'bedrijfsarts').token, 'totp')).toBeNull();
    now = expiresAt;
    expect(challenges.verify(challenge, 'totp')).toBeNull();
  });
});

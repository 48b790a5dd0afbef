import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** How long a correct password waits for its second step. */
export const LOGIN_CHALLENGE_TTL_SECONDS = 5 * 60;
/** The first segment of a challenge: never a session token's shape (a JWT has three base64url parts of another header). */
const CHALLENGE_PREFIX = 'mfa1';
const KEY_BYTES = 32;

export type ChallengeKind = 'totp' | 'enrol';

/** What a challenge says: whose password was right, what comes next, and the session version it was given under. */
export interface ChallengeClaims {
  sub: string;
  kind: ChallengeKind;
  sv: number;
  exp: number;
}

/**
 * The short-lived, signed proof that an account's password was right, for
 * the second step of a login (docs/security.md, "Second factor"). Signed with
 * a key derived from the token secret for this purpose only, so a challenge is
 * never accepted as a session token nor a session token as a challenge. It is
 * not a session: it opens nothing but the second step, and the account's
 * sessions being ended (its session version moving on) voids it.
 */
export class LoginChallenges {
  private readonly key: Buffer;

  constructor(
    serverSecret: string,
    private readonly now: () => number = () => Math.floor(Date.now() / 1000),
  ) {
    this.key = Buffer.from(hkdfSync('sha256', serverSecret, 'consultation-workspace', 'login-challenge', KEY_BYTES));
  }

  issue(userId: string, kind: ChallengeKind, sessionVersion: number): { challenge: string; expiresAt: number } {
    const claims: ChallengeClaims = { sub: userId, kind, sv: sessionVersion, exp: this.now() + LOGIN_CHALLENGE_TTL_SECONDS };
    const body = `${CHALLENGE_PREFIX}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return { challenge: `${body}.${this.sign(body).toString('base64url')}`, expiresAt: claims.exp };
  }

  /** The claims of a well-signed, unexpired challenge of this kind; null otherwise. */
  verify(challenge: string, kind: ChallengeKind): ChallengeClaims | null {
    const parts = challenge.split('.');
    if (parts.length !== 3 || parts[0] !== CHALLENGE_PREFIX) return null;
    const expected = this.sign(`${parts[0]}.${parts[1]}`);
    const given = Buffer.from(parts[2]!, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Partial<ChallengeClaims>;
      const valid = typeof claims.sub === 'string' && claims.kind === kind && typeof claims.sv === 'number' && typeof claims.exp === 'number';
      return valid && claims.exp! > this.now() ? (claims as ChallengeClaims) : null;
    } catch {
      return null;
    }
  }

  private sign(body: string): Buffer {
    return createHmac('sha256', this.key).update(body).digest();
  }
}

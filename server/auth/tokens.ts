import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Role } from '../../shared/roles.ts';

/** Claims of a session token (a compact HS256 JWT). */
export interface TokenClaims {
  /** User id. */
  sub: string;
  role: Role;
  /** Token id, used to revoke a token at logout. */
  jti: string;
  iat: number;
  exp: number;
  /**
   * The account's session version when the token was issued
   * (UserRecord.sessionVersion): once an administrator ends the account's
   * sessions it is behind and refused. Absent in tokens issued before it existed: 0.
   */
  sv?: number;
  /**
   * How the holder authenticated (RFC 8176 values): `['pwd', 'otp']` after a
   * second factor. Absent in a token of a password alone (and in tokens issued
   * before it existed); an account that requires a second factor refuses such
   * a token (server/auth/secondFactorPolicy.ts).
   */
  amr?: AuthMethod[];
  /** The login session the token belongs to (server/auth/sessions.ts); absent in a token without one. */
  sid?: string;
}

/** A token of a login session: its id, and the token's own lifetime (at most the session's remaining time). */
export interface TokenSession {
  id: string;
  ttlSeconds: number;
}

/** What a token says beyond its account: how the holder authenticated, and its login session. */
export interface IssueOptions {
  amr?: AuthMethod[];
  session?: TokenSession;
}

/**
 * Authentication methods a token can name: a password and a one-time code
 * (RFC 8176 `pwd`, `otp`: TOTP or a recovery code), or `ext`: a sign-in at the
 * organisation's own OpenID issuer, which decides how the person
 * authenticates (its administrator sets the issuer; docs/security.md).
 */
export type AuthMethod = 'pwd' | 'otp' | 'ext';
export const SECOND_FACTOR_AMR: AuthMethod[] = ['pwd', 'otp'];
export const SINGLE_SIGN_ON_AMR: AuthMethod[] = ['ext'];

/** Whether the token satisfies an account's requirement of a second factor: a code after the password, or the organisation's issuer. */
export const hasSecondFactor = (claims: Pick<TokenClaims, 'amr'>): boolean => (claims.amr?.includes('otp') || claims.amr?.includes('ext')) ?? false;

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

function base64url(input: string | Buffer): string {
  return Buffer.from(input).toString('base64url');
}

function sign(data: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(data).digest();
}

export class TokenService {
  constructor(
    private readonly secret: string,
    private readonly ttlSeconds: number,
    private readonly now: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  issue(userId: string, role: Role, sessionVersion = 0, options: IssueOptions = {}): { token: string; claims: TokenClaims } {
    const { amr, session } = options;
    const iat = this.now();
    const exp = iat + (session?.ttlSeconds ?? this.ttlSeconds);
    const claims: TokenClaims = {
      sub: userId,
      role,
      jti: randomUUID(),
      iat,
      exp,
      sv: sessionVersion,
      ...(amr ? { amr } : {}),
      ...(session ? { sid: session.id } : {}),
    };
    const body = `${HEADER}.${base64url(JSON.stringify(claims))}`;
    return { token: `${body}.${sign(body, this.secret).toString('base64url')}`, claims };
  }

  /** Returns the claims of a well-signed, unexpired token; null otherwise. */
  verify(token: string): TokenClaims | null {
    const parts = token.split('.');
    if (parts.length !== 3) return null;
    const [header, payload, signature] = parts as [string, string, string];
    if (header !== HEADER) return null;
    const expected = sign(`${header}.${payload}`, this.secret);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const claims = parseClaims(payload);
    return claims && claims.exp > this.now() ? claims : null;
  }
}

function parseClaims(payload: string): TokenClaims | null {
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<TokenClaims>;
    const valid =
      typeof claims.sub === 'string' &&
      typeof claims.role === 'string' &&
      typeof claims.jti === 'string' &&
      typeof claims.iat === 'number' &&
      typeof claims.exp === 'number' &&
      (claims.sv === undefined || typeof claims.sv === 'number') &&
      (claims.amr === undefined || (Array.isArray(claims.amr) && claims.amr.every((method) => typeof method === 'string'))) &&
      (claims.sid === undefined || typeof claims.sid === 'string');
    return valid ? (claims as TokenClaims) : null;
  } catch {
    return null;
  }
}

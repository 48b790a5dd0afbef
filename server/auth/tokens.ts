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
  /** The login session the token belongs to (server/auth/sessions.ts); absent in a token without one. */
  sid?: string;
}

/** A token of a login session: its id, and the token's own lifetime (at most the session's remaining time). */
export interface TokenSession {
  id: string;
  ttlSeconds: number;
}

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

  issue(userId: string, role: Role, sessionVersion = 0, session?: TokenSession): { token: string; claims: TokenClaims } {
    const iat = this.now();
    const exp = iat + (session?.ttlSeconds ?? this.ttlSeconds);
    const claims: TokenClaims = { sub: userId, role, jti: randomUUID(), iat, exp, sv: sessionVersion, ...(session ? { sid: session.id } : {}) };
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
      (claims.sid === undefined || typeof claims.sid === 'string');
    return valid ? (claims as TokenClaims) : null;
  } catch {
    return null;
  }
}

import type { IncomingHttpHeaders } from 'node:http';
import type { RecordStore, UserRecord } from '../store/ports.ts';
import type { TokenClaims, TokenService } from './tokens.ts';

export const SESSION_COOKIE = 'cw_session';

/** An authenticated caller: the stored user and the token they presented. */
export interface Principal {
  user: UserRecord;
  claims: TokenClaims;
}

/** Resolves a presented token to a principal: well signed, unexpired, not logged out, user still there. */
export class Authenticator {
  constructor(
    private readonly tokens: TokenService,
    private readonly records: RecordStore,
  ) {}

  async authenticate(token: string | null): Promise<Principal | null> {
    if (!token) return null;
    const claims = this.tokens.verify(token);
    if (!claims) return null;
    const [user, revoked] = await Promise.all([this.records.findUserById(claims.sub), this.records.isTokenRevoked(claims.jti)]);
    return user && !revoked ? { user, claims } : null;
  }
}

/** The token of a request: `Authorization: Bearer`, else the session cookie. */
export function tokenFromHeaders(headers: IncomingHttpHeaders): string | null {
  const authorization = headers.authorization;
  if (authorization?.startsWith('Bearer ')) return authorization.slice('Bearer '.length).trim() || null;
  return readCookie(headers.cookie, SESSION_COOKIE);
}

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) {
      try {
        return decodeURIComponent(part.slice(index + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

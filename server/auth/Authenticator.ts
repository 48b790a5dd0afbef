import type { IncomingHttpHeaders } from 'node:http';
import type { RecordStore, UserRecord } from '../store/ports.ts';
import { NO_SECOND_FACTOR_REQUIRED, type SecondFactorPolicy } from './secondFactorPolicy.ts';
import { hasSecondFactor, type TokenClaims, type TokenService } from './tokens.ts';

export const SESSION_COOKIE = 'cw_session';

/** An authenticated caller: the stored user and the token they presented. */
export interface Principal {
  user: UserRecord;
  claims: TokenClaims;
}

/** What identifies a session for its checks while it is open: its account, its token and the session version it was issued under. */
export interface SessionRef {
  userId: string;
  tokenId: string;
  sessionVersion: number;
  /** Whether the token was issued after a second factor (its `amr` claim). */
  secondFactor: boolean;
  /** The login session of the token (server/auth/sessions.ts), when it has one. */
  sessionId?: string | null;
}

export const sessionOf = (claims: TokenClaims): SessionRef => ({
  userId: claims.sub,
  tokenId: claims.jti,
  sessionVersion: claims.sv ?? 0,
  secondFactor: hasSecondFactor(claims),
  sessionId: claims.sid ?? null,
});

/** Whether a login session is still open, within its idle timeout and its absolute maximum (LoginSessions). */
export interface SessionLiveness {
  isLive(sessionId: string): Promise<boolean>;
}

/**
 * Resolves a presented token to a principal: well signed, unexpired, not
 * logged out, user still there and active, its sessions not ended by an
 * administrator since the token was issued, and issued after a second factor
 * when the account requires one.
 */
export class Authenticator {
  constructor(
    private readonly tokens: TokenService,
    private readonly records: RecordStore,
    private readonly secondFactor: SecondFactorPolicy = NO_SECOND_FACTOR_REQUIRED,
    private readonly sessions: SessionLiveness | null = null,
  ) {}

  async authenticate(token: string | null): Promise<Principal | null> {
    if (!token) return null;
    const claims = this.tokens.verify(token);
    if (!claims) return null;
    const user = await this.holderOf(sessionOf(claims));
    return user ? { user, claims } : null;
  }

  /**
   * The account of a session that was valid, while it still is (the expiry is
   * the caller's to check); null once it was logged out, the account is gone or
   * deactivated, or its sessions were ended (password reset, deactivation),
   * or its login session ended (logout, idle timeout, absolute maximum), or
   * while the account requires a second factor the session was not opened
   * with one (so an organisation switching the requirement on ends them).
   */
  async holderOf(session: SessionRef): Promise<UserRecord | null> {
    const { sessionId } = session;
    const [user, revoked, live] = await Promise.all([
      this.records.findUserById(session.userId),
      this.records.isTokenRevoked(session.tokenId),
      sessionId ? (this.sessions?.isLive(sessionId) ?? false) : true,
    ]);
    if (!user || revoked || !live || user.deactivatedAt !== null || user.sessionVersion !== session.sessionVersion) return null;
    if (!session.secondFactor && (await this.secondFactor.requiredFor(user))) return null;
    return user;
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

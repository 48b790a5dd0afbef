import { randomUUID } from 'node:crypto';
import type { SessionResponse } from '../../shared/authSession.ts';
import { toPublicUser } from '../commands/views.ts';
import type { NewSession, RecordStore, SessionEndReason, SessionRecord, SessionStore, UserRecord } from '../store/ports.ts';
import { SESSION_COOKIE } from './Authenticator.ts';
import { hashRefreshToken, type RefreshTokens } from './refreshTokens.ts';
import type { AuthMethod, TokenService } from './tokens.ts';

/**
 * Login sessions that refresh (docs/security.md, "Sessions that refresh"). A
 * login starts a session; its short-lived access tokens carry the session's id
 * (`sid`), and its refresh token, in a cookie of its own that only the auth
 * routes see, gets the next access token and is replaced on every refresh.
 */

/** The refresh token's cookie, sent to the auth routes only. */
export const REFRESH_COOKIE = 'cw_refresh';
export const REFRESH_COOKIE_PATH = '/api/auth';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** The limits of every login session (ACCESS_TOKEN_TTL_SECONDS, SESSION_IDLE_MINUTES, SESSION_MAX_HOURS). */
export interface SessionPolicy {
  accessTtlSeconds: number;
  idleMs: number;
  maxMs: number;
}

export function sessionPolicyOf(config: { ACCESS_TOKEN_TTL_SECONDS: number; SESSION_IDLE_MINUTES: number; SESSION_MAX_HOURS: number }): SessionPolicy {
  return { accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS, idleMs: config.SESSION_IDLE_MINUTES * MINUTE_MS, maxMs: config.SESSION_MAX_HOURS * HOUR_MS };
}

/** Why an open session is over by time, or null while it is not. */
export function lapseOf(session: SessionRecord, now: number, policy: SessionPolicy): 'idle-timeout' | 'absolute-maximum' | null {
  if (session.expiresAt <= now) return 'absolute-maximum';
  if (session.lastActivityAt + policy.idleMs <= now) return 'idle-timeout';
  return null;
}

/** A cookie the route sets (httpOnly, SameSite=Strict, Secure as configured); `maxAgeMs` 0 with an empty value clears it. */
export interface SessionCookie {
  name: string;
  value: string;
  path: string;
  maxAgeMs: number;
}

/** What a login or a refresh answers, and the cookies that carry the tokens. */
export interface StartedSession {
  response: SessionResponse;
  cookies: SessionCookie[];
}

/** The cookies that end a session in the browser. */
export const CLEARED_SESSION_COOKIES: readonly SessionCookie[] = [
  { name: SESSION_COOKIE, value: '', path: '/', maxAgeMs: 0 },
  { name: REFRESH_COOKIE, value: '', path: REFRESH_COOKIE_PATH, maxAgeMs: 0 },
];

/** Why a refresh was refused; the audit detail. */
export type RefreshRefusal = 'malformed' | 'unknown-session' | 'session-ended' | SessionEndReason;

export type RefreshOutcome =
  | { ok: true; started: StartedSession; session: SessionRecord; user: UserRecord }
  | { ok: false; refusal: RefreshRefusal; session: SessionRecord | null; user: UserRecord | null; ended: boolean };

/** The login sessions: starts them, refreshes them (rotating the refresh token), tells whether one is live. */
export class LoginSessions {
  constructor(
    readonly store: SessionStore,
    private readonly records: Pick<RecordStore, 'findUserById'>,
    private readonly tokens: TokenService,
    private readonly refreshTokens: RefreshTokens,
    readonly policy: SessionPolicy,
    readonly now: () => number = Date.now,
  ) {}

  /** Whether the session is open and within its idle timeout and its absolute maximum. */
  async isLive(sessionId: string): Promise<boolean> {
    const session = await this.store.find(sessionId);
    return session !== null && session.endedAt === null && lapseOf(session, this.now(), this.policy) === null;
  }

  /** Starts a session of the user: its first access token and refresh token. */
  /** Begins a session for `user`; `amr`: how the login was earned (server/commands/openSession.ts), kept for every refresh. */
  async begin(user: UserRecord, amr?: AuthMethod[]): Promise<StartedSession> {
    const now = this.now();
    const id = randomUUID();
    const refresh = this.refreshTokens.mint(id);
    const session: NewSession = {
      id,
      userId: user.id,
      sessionVersion: user.sessionVersion,
      createdAt: now,
      lastActivityAt: now,
      expiresAt: now + this.policy.maxMs,
      refreshHash: refresh.hash,
      amr: amr ?? null,
    };
    await this.store.create(session);
    return this.issue(user, session, refresh.token);
  }

  /**
   * Exchanges a refresh token for a new access token and a new refresh token.
   * A token this server issued but that is no longer the session's current one
   * was used before: someone else holds it, and the session ends. A session over
   * by time, or whose account changed, ends too.
   */
  async refresh(presented: string | null, active: boolean): Promise<RefreshOutcome> {
    const refused = (refusal: RefreshRefusal, session: SessionRecord | null = null, user: UserRecord | null = null, ended = false): RefreshOutcome => ({
      ok: false,
      refusal,
      session,
      user,
      ended,
    });
    const sessionId = presented ? this.refreshTokens.sessionOf(presented) : null;
    if (!presented || !sessionId) return refused('malformed');
    const session = await this.store.find(sessionId);
    if (!session) return refused('unknown-session');
    const user = await this.records.findUserById(session.userId);
    if (session.endedAt !== null) return refused('session-ended', session, user);
    const now = this.now();
    const hash = hashRefreshToken(presented);
    const end = async (reason: SessionEndReason) => refused(reason, session, user, await this.store.end(session.id, reason, now));
    if (hash !== session.refreshHash) return end('refresh-reuse');
    const lapse = lapseOf(session, now, this.policy);
    if (lapse) return end(lapse);
    if (!user || user.deactivatedAt !== null || user.sessionVersion !== session.sessionVersion) return end('account-changed');
    const next = this.refreshTokens.mint(session.id);
    // Lost the compare-and-set: another refresh with the same token came first, which is a reuse too.
    if (!(await this.store.rotate(session.id, hash, next.hash, active ? now : null))) return end('refresh-reuse');
    const rotated: SessionRecord = { ...session, refreshHash: next.hash, lastActivityAt: active ? now : session.lastActivityAt };
    return { ok: true, started: this.issue(user, rotated, next.token), session: rotated, user };
  }

  private issue(user: UserRecord, session: NewSession, refreshToken: string): StartedSession {
    const now = this.now();
    const remainingSeconds = Math.floor((session.expiresAt - now) / 1000);
    const ttlSeconds = Math.max(1, Math.min(this.policy.accessTtlSeconds, remainingSeconds));
    const { token, claims } = this.tokens.issue(user.id, user.role, user.sessionVersion, {
      session: { id: session.id, ttlSeconds },
      ...(session.amr ? { amr: session.amr as AuthMethod[] } : {}),
    });
    return {
      response: { token, expiresAt: claims.exp, sessionExpiresAt: Math.floor(session.expiresAt / 1000), user: toPublicUser(user) },
      cookies: [
        { name: SESSION_COOKIE, value: token, path: '/', maxAgeMs: claims.exp * 1000 - now },
        { name: REFRESH_COOKIE, value: refreshToken, path: REFRESH_COOKIE_PATH, maxAgeMs: session.expiresAt - now },
      ],
    };
  }
}

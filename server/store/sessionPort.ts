/**
 * Login sessions (docs/security.md, "Sessions that refresh"): what a login
 * started and every refresh continues. Times are milliseconds since the epoch.
 * The refresh token itself is never stored, only its hash.
 */

/** Why a session ended; the audit rows and the tests name the same words. */
export const SESSION_END_REASONS = [
  'logout',
  'logout-everywhere',
  'ended-by-admin',
  'idle-timeout',
  'absolute-maximum',
  'refresh-reuse',
  'account-changed',
] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

export interface SessionRecord {
  id: string;
  userId: string;
  /** The account's session version when the session began (UserRecord.sessionVersion): behind it, the session is over. */
  sessionVersion: number;
  createdAt: number;
  /** The last refresh that reported something the user did (the idle timeout counts from here). */
  lastActivityAt: number;
  /** The absolute maximum: no refresh goes past it. */
  expiresAt: number;
  /** SHA-256 (hex) of the current refresh token; every refresh replaces it. */
  refreshHash: string;
  /** How the login was earned (the tokens' `amr`, server/auth/tokens.ts); null: a password alone. */
  amr: string[] | null;
  endedAt: number | null;
  endReason: SessionEndReason | null;
}

export type NewSession = Omit<SessionRecord, 'endedAt' | 'endReason'>;

export interface SessionStore {
  /** Stores a new, open session. */
  create(session: NewSession): Promise<void>;
  find(id: string): Promise<SessionRecord | null>;
  /**
   * Replaces the refresh hash, atomically, only while the session is open and
   * its hash is still `expectedHash` (so two refreshes with one token cannot
   * both succeed); `activityAt`, when given, becomes its last activity.
   * Resolves whether it rotated.
   */
  rotate(id: string, expectedHash: string, nextHash: string, activityAt: number | null): Promise<boolean>;
  /** Ends an open session; resolves whether this call ended it (false: unknown or already ended). */
  end(id: string, reason: SessionEndReason, at: number): Promise<boolean>;
  /** Ends every open session of a user; resolves with the ids this call ended. */
  endAllOf(userId: string, reason: SessionEndReason, at: number): Promise<string[]>;
  /** The open sessions of a user, oldest first. */
  openOf(userId: string): Promise<SessionRecord[]>;
  /**
   * At most `limit` open sessions that are over: last activity at or before
   * `idleBefore`, or absolute maximum at or before `now`.
   */
  lapsed(idleBefore: number, now: number, limit: number): Promise<SessionRecord[]>;
  /** Forgets sessions (ended or not) whose absolute maximum is at or before `before`; resolves with how many. */
  purge(before: number): Promise<number>;
}

import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Random bytes in a refresh token: as many as the token-signing secret's minimum strength. */
const REFRESH_RANDOM_BYTES = 32;

/** Longest refresh token read at all (the ones issued are about 130 characters). */
export const MAX_REFRESH_TOKEN_CHARS = 256;

/** Session ids are UUIDs. */
const SESSION_ID = /^[0-9a-f-]{36}$/;

/** The hash kept of a refresh token (the store never holds the token). */
export const hashRefreshToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Refresh tokens: `<session id>.<random>.<mac>`, the MAC keyed by a key derived
 * from the token-signing secret. The MAC lets a refresh tell a token this server
 * issued (an old one presented again means theft: the session ends) from a made
 * up one (refused, nothing changes: knowing a session id is not enough to end it).
 */
export class RefreshTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('cw refresh tokens').digest();
  }

  /** A new refresh token of the session, and the hash to store. */
  mint(sessionId: string): { token: string; hash: string } {
    const body = `${sessionId}.${randomBytes(REFRESH_RANDOM_BYTES).toString('base64url')}`;
    const token = `${body}.${this.mac(body).toString('base64url')}`;
    return { token, hash: hashRefreshToken(token) };
  }

  /** The session of a refresh token this server issued (current or not); null for anything else. */
  sessionOf(token: string): string | null {
    if (token.length > MAX_REFRESH_TOKEN_CHARS) return null;
    const parts = token.split('.');
    if (parts.length !== 3) return null;
    const [sessionId, random, mac] = parts as [string, string, string];
    if (!SESSION_ID.test(sessionId) || !random) return null;
    const expected = this.mac(`${sessionId}.${random}`);
    const given = Buffer.from(mac, 'base64url');
    return given.length === expected.length && timingSafeEqual(given, expected) ? sessionId : null;
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.key).update(body).digest();
  }
}

import type { CookieOptions, Response } from 'express';
import type { SessionCookie, StartedSession } from '../../auth/sessions.ts';

/**
 * Sets the cookies of a session (the access token for the whole site, the
 * refresh token for /api/auth only), all httpOnly and SameSite=Strict; a
 * cookie without a lifetime is cleared. Every login path and the refresh use it.
 */
export function setSessionCookies(res: Response, cookies: readonly SessionCookie[], secure: boolean): void {
  for (const { name, value, path, maxAgeMs } of cookies) {
    const cookie: CookieOptions = { httpOnly: true, sameSite: 'strict', secure, path };
    if (maxAgeMs > 0) res.cookie(name, value, { ...cookie, maxAge: maxAgeMs });
    else res.clearCookie(name, cookie);
  }
}

/** Sets the cookies of a session just opened and answers with it (`extra`: what the answer carries besides, e.g. recovery codes). */
export function sendSession(res: Response, started: StartedSession, secure: boolean, extra: object = {}): void {
  setSessionCookies(res, started.cookies, secure);
  res.json({ ...started.response, ...extra });
}

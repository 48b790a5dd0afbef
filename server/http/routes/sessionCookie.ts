import type { CookieOptions, Response } from 'express';
import type { LoginResponse } from '../../../shared/api.ts';
import { SESSION_COOKIE } from '../../auth/Authenticator.ts';

/** The session cookie's attributes: httpOnly, SameSite=Strict, for the whole site. */
export function sessionCookieOptions(secure: boolean, maxAgeMs: number): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: maxAgeMs };
}

/** Sets the cookie of a session just opened (every login path) and answers with the session. */
export function sendSession(res: Response, session: LoginResponse, secure: boolean): void {
  res.cookie(SESSION_COOKIE, session.token, sessionCookieOptions(secure, session.expiresAt * 1000 - Date.now()));
  res.json(session);
}

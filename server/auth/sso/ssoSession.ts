import type { CookieOptions, Response } from 'express';
import type { UserRecord } from '../../store/ports.ts';
import { SESSION_COOKIE } from '../Authenticator.ts';
import { SINGLE_SIGN_ON_AMR, type TokenService } from '../tokens.ts';

/**
 * Gives an account signed in through its organisation's issuer a session
 * exactly as a password login does (server/commands/login.ts and the login
 * route): a token under the account's session version, in the httpOnly
 * `SameSite=Strict` session cookie. The one place the single sign-on flow
 * issues a session, so that a change in how sessions are issued is made here.
 */
export function startSsoSession(tokens: TokenService, res: Response, user: UserRecord, cookieSecure: boolean): void {
  // The issuer is the organisation's own: it meets the organisation's requirement of a second factor.
  const { token, claims } = tokens.issue(user.id, user.role, user.sessionVersion, SINGLE_SIGN_ON_AMR);
  const cookie: CookieOptions = { httpOnly: true, sameSite: 'strict', secure: cookieSecure, path: '/', maxAge: claims.exp * 1000 - Date.now() };
  res.cookie(SESSION_COOKIE, token, cookie);
}

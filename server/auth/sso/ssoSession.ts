import type { Response } from 'express';
import { setSessionCookies } from '../../http/routes/sessionCookie.ts';
import type { UserRecord } from '../../store/ports.ts';
import type { LoginSessions } from '../sessions.ts';
import { SINGLE_SIGN_ON_AMR } from '../tokens.ts';

/**
 * Gives an account signed in through its organisation's issuer a login
 * session as a password login does (server/commands/openSession.ts: access
 * and refresh cookies), its tokens saying `amr: ["ext"]`: the issuer is the
 * organisation's own and meets its requirement of a second factor. The
 * callback has audited the sign-in already (ssoLogin.ts).
 */
export async function startSsoSession(sessions: LoginSessions, res: Response, user: UserRecord, cookieSecure: boolean): Promise<void> {
  const started = await sessions.begin(user, SINGLE_SIGN_ON_AMR);
  setSessionCookies(res, started.cookies, cookieSecure);
}

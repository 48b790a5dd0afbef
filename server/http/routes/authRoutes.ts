import { Router, type RequestHandler, type Response } from 'express';
import { RefreshInput } from '../../../shared/authSession.ts';
import { LoginInput } from '../../../shared/schemas.ts';
import { isSecondFactorChallenge } from '../../../shared/secondFactor.ts';
import { readCookie } from '../../auth/Authenticator.ts';
import { CLEARED_SESSION_COOKIES, REFRESH_COOKIE, type SessionCookie } from '../../auth/sessions.ts';
import { login } from '../../commands/login.ts';
import { logoutEverywhere, refreshSession } from '../../commands/loginSessions.ts';
import { logout } from '../../commands/logout.ts';
import type { CommandDeps } from '../../commands/deps.ts';
import { toPublicUser } from '../../commands/views.ts';
import type { Metrics } from '../../metrics.ts';
import { actorOf, principalOf } from '../middleware/auth.ts';
import { validated } from './command.ts';
import { sendSession, setSessionCookies } from './sessionCookie.ts';

export interface AuthRouteOptions {
  cookieSecure: boolean;
}

export function authRoutes(deps: CommandDeps, auth: RequestHandler, metrics: Metrics, options: AuthRouteOptions): Router {
  const router = Router();
  const setCookies = (res: Response, cookies: readonly SessionCookie[]) => setSessionCookies(res, cookies, options.cookieSecure);

  const logIn = validated(LoginInput, async (input, req, res) => {
    try {
      const result = await login(deps, input, actorOf(req));
      // A second step is no session yet: no cookie, and counted when it completes (secondFactorRoutes.ts).
      if ('secondFactor' in result && isSecondFactorChallenge(result)) return void res.json(result);
      if (!('response' in result)) throw new Error('login answered neither a session nor a second step');
      metrics.logins.inc({ outcome: 'success' });
      sendSession(res, result, options.cookieSecure);
    } catch (error) {
      metrics.logins.inc({ outcome: 'failure' });
      throw error;
    }
  });
  router.post('/api/auth/login', logIn);

  // The refresh token authenticates this route (its own cookie, sent to /api/auth only); the access token may have expired.
  const refresh = validated(RefreshInput, async (input, req, res) => {
    try {
      const { response, cookies } = await refreshSession(deps, readCookie(req.headers.cookie, REFRESH_COOKIE), input, actorOf(req));
      setCookies(res, cookies);
      res.json(response);
    } catch (error) {
      setCookies(res, CLEARED_SESSION_COOKIES);
      throw error;
    }
  });
  router.post('/api/auth/refresh', refresh);

  router.post('/api/auth/logout', auth, async (req, res) => {
    await logout(deps, principalOf(req), actorOf(req));
    setCookies(res, CLEARED_SESSION_COOKIES);
    res.status(204).end();
  });

  router.post('/api/auth/logout-everywhere', auth, async (req, res) => {
    await logoutEverywhere(deps, principalOf(req), actorOf(req));
    setCookies(res, CLEARED_SESSION_COOKIES);
    res.status(204).end();
  });

  router.get('/api/me', auth, async (req, res) => {
    const { user, claims } = principalOf(req);
    const session = claims.sid ? await deps.sessions.store.find(claims.sid) : null;
    res.json({ user: toPublicUser(user), expiresAt: claims.exp, ...(session ? { sessionExpiresAt: Math.floor(session.expiresAt / 1000) } : {}) });
  });

  return router;
}

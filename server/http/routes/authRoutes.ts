import { Router, type RequestHandler } from 'express';
import { LoginInput } from '../../../shared/schemas.ts';
import { isSecondFactorChallenge } from '../../../shared/secondFactor.ts';
import { SESSION_COOKIE } from '../../auth/Authenticator.ts';
import { login } from '../../commands/login.ts';
import { logout } from '../../commands/logout.ts';
import type { CommandDeps } from '../../commands/deps.ts';
import { toPublicUser } from '../../commands/views.ts';
import type { Metrics } from '../../metrics.ts';
import { actorOf, principalOf } from '../middleware/auth.ts';
import { validated } from './command.ts';
import { sendSession, sessionCookieOptions } from './sessionCookie.ts';

export interface AuthRouteOptions {
  cookieSecure: boolean;
}

export function authRoutes(deps: CommandDeps, auth: RequestHandler, metrics: Metrics, options: AuthRouteOptions): Router {
  const router = Router();
  const cookie = (maxAgeMs: number) => sessionCookieOptions(options.cookieSecure, maxAgeMs);

  const logIn = validated(LoginInput, async (input, req, res) => {
    try {
      const result = await login(deps, input, actorOf(req));
      // A second step is no session yet: no cookie, and counted when it completes (secondFactorRoutes.ts).
      if (isSecondFactorChallenge(result)) return void res.json(result);
      metrics.logins.inc({ outcome: 'success' });
      sendSession(res, result, options.cookieSecure);
    } catch (error) {
      metrics.logins.inc({ outcome: 'failure' });
      throw error;
    }
  });
  router.post('/api/auth/login', logIn);

  router.post('/api/auth/logout', auth, async (req, res) => {
    await logout(deps, principalOf(req), actorOf(req));
    res.clearCookie(SESSION_COOKIE, { ...cookie(0), maxAge: undefined });
    res.status(204).end();
  });

  router.get('/api/me', auth, (req, res) => {
    const principal = principalOf(req);
    res.json({ user: toPublicUser(principal.user), expiresAt: principal.claims.exp });
  });

  return router;
}

import { Router, type CookieOptions, type RequestHandler } from 'express';
import { LoginInput } from '../../../shared/schemas.ts';
import { SESSION_COOKIE } from '../../auth/Authenticator.ts';
import { login } from '../../commands/login.ts';
import { logout } from '../../commands/logout.ts';
import type { CommandDeps } from '../../commands/deps.ts';
import { toPublicUser } from '../../commands/views.ts';
import type { Metrics } from '../../metrics.ts';
import { actorOf, principalOf } from '../middleware/auth.ts';
import { validated } from './command.ts';

export interface AuthRouteOptions {
  cookieSecure: boolean;
}

export function authRoutes(deps: CommandDeps, auth: RequestHandler, metrics: Metrics, options: AuthRouteOptions): Router {
  const router = Router();
  const cookie = (maxAgeMs: number): CookieOptions => ({
    httpOnly: true,
    sameSite: 'strict',
    secure: options.cookieSecure,
    path: '/',
    maxAge: maxAgeMs,
  });

  const logIn = validated(LoginInput, async (input, req, res) => {
    try {
      const result = await login(deps, input, actorOf(req));
      metrics.logins.inc({ outcome: 'success' });
      res.cookie(SESSION_COOKIE, result.token, cookie(result.expiresAt * 1000 - Date.now()));
      res.json(result);
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

import { Router, type CookieOptions } from 'express';
import type { Logger } from 'pino';
import { SSO_FAILURE_PARAM, type SsoFailure } from '../../../shared/sso.ts';
import { readCookie } from '../../auth/Authenticator.ts';
import { Issuers } from '../../auth/sso/issuers.ts';
import { finishSso, ssoOrganisations, startSso, type SsoDeps } from '../../auth/sso/ssoLogin.ts';
import { startSsoSession } from '../../auth/sso/ssoSession.ts';
import { SSO_TRANSACTION_COOKIE, SSO_TRANSACTION_TTL_SECONDS, SsoTransactions } from '../../auth/sso/ssoTransactions.ts';
import type { CommandDeps } from '../../commands/deps.ts';
import type { Metrics } from '../../metrics.ts';
import { actorOf } from '../middleware/auth.ts';

export interface SsoRouteOptions {
  cookieSecure: boolean;
  /** The workspace's own public origin (server/http/publicOrigin.ts): the callback's address is built on it, never on a request's Host. */
  publicOrigin: () => string;
  /** The session secret (JWT_SECRET), from which the transaction cookie's key is derived. */
  tokenSecret: string;
  log: Logger;
}

/** Where the issuer sends the browser back to. */
export const SSO_CALLBACK_PATH = '/api/auth/sso/callback';

/**
 * Single sign-on through an organisation's OpenID Connect issuer
 * (docs/security.md, "Single sign-on"): the list for the login page, the
 * start (a redirect to the issuer) and the callback (a session, then the
 * workspace; or the login page with the reason).
 */
export function ssoRoutes(deps: CommandDeps, metrics: Metrics, options: SsoRouteOptions): Router {
  const router = Router();
  const sso: SsoDeps = {
    records: deps.records,
    audit: deps.audit,
    issuers: new Issuers(),
    transactions: new SsoTransactions(options.tokenSecret),
    redirectUri: () => `${options.publicOrigin()}${SSO_CALLBACK_PATH}`,
    log: options.log,
  };
  // Lax, not Strict: the callback is a top-level navigation from the issuer's site, on which a Strict cookie is not sent.
  const transactionCookie: CookieOptions = { httpOnly: true, sameSite: 'lax', secure: options.cookieSecure, path: '/api/auth/sso' };
  const toLoginPage = (reason: SsoFailure) => `/?${new URLSearchParams({ [SSO_FAILURE_PARAM]: reason }).toString()}`;

  router.get('/api/auth/sso', async (_req, res) => {
    res.json(await ssoOrganisations(deps.records));
  });

  router.get('/api/auth/sso/:organisationId/start', async (req, res) => {
    const started = await startSso(sso, req.params.organisationId, actorOf(req));
    if (!started.ok) {
      metrics.logins.inc({ outcome: 'failure' });
      res.redirect(302, toLoginPage(started.reason));
      return;
    }
    res.cookie(SSO_TRANSACTION_COOKIE, sso.transactions.seal(started.transaction), { ...transactionCookie, maxAge: SSO_TRANSACTION_TTL_SECONDS * 1000 });
    res.redirect(302, started.location);
  });

  router.get(SSO_CALLBACK_PATH, async (req, res) => {
    const callbackUrl = new URL(req.originalUrl, options.publicOrigin());
    const outcome = await finishSso(sso, callbackUrl, readCookie(req.headers.cookie, SSO_TRANSACTION_COOKIE), actorOf(req));
    res.clearCookie(SSO_TRANSACTION_COOKIE, transactionCookie);
    metrics.logins.inc({ outcome: outcome.ok ? 'success' : 'failure' });
    if (!outcome.ok) {
      res.redirect(302, toLoginPage(outcome.reason));
      return;
    }
    await startSsoSession(deps.sessions, res, outcome.user, options.cookieSecure);
    res.redirect(302, '/');
  });

  return router;
}

import type { Server } from 'node:http';
import express, { type Express, type RequestHandler } from 'express';
import { MAX_JSON_BODY } from '../../shared/limits.ts';
import type { CommandDeps } from '../commands/deps.ts';
import { requireAuth } from '../http/middleware/auth.ts';
import { errorHandler, notFoundHandler } from '../http/middleware/errors.ts';
import { metricsAccess } from '../http/middleware/metricsAccess.ts';
import { requireJsonBody } from '../http/middleware/requireJson.ts';
import { securityHeaders } from '../http/middleware/securityHeaders.ts';
import type { OriginGuard } from '../http/originGuard.ts';
import { publicOriginOf } from '../http/publicOrigin.ts';
import { adminRoutes } from '../http/routes/adminRoutes.ts';
import { auditRoutes } from '../http/routes/auditRoutes.ts';
import { authRoutes } from '../http/routes/authRoutes.ts';
import { caseRoutes } from '../http/routes/caseRoutes.ts';
import { clientRoutes } from '../http/routes/clientRoutes.ts';
import { commentRoutes } from '../http/routes/commentRoutes.ts';
import { exportRoutes } from '../http/routes/exportRoutes.ts';
import { healthRoutes } from '../http/routes/healthRoutes.ts';
import { notificationRoutes } from '../http/routes/notificationRoutes.ts';
import { secondFactorRoutes } from '../http/routes/secondFactorRoutes.ts';
import { sessionRoutes } from '../http/routes/sessionRoutes.ts';
import { ssoRoutes } from '../http/routes/ssoRoutes.ts';
import { templateRoutes } from '../http/routes/templateRoutes.ts';
import { versionRoutes } from '../http/routes/versionRoutes.ts';
import { labourExpertRoutes } from '../http/routes/labourExpertRoutes.ts';
import { workflowRoutes } from '../http/routes/workflowRoutes.ts';
import type { Metrics } from '../metrics.ts';
import type { Stores } from '../store/ports.ts';
import type { CaseIntegrity } from '../workflow/CaseIntegrity.ts';
import type { Core } from './core.ts';

export interface HttpWiring {
  stores: Stores;
  commands: CommandDeps;
  origins: OriginGuard;
  integrity: CaseIntegrity;
  /** The HTTP server, whose address gives the public origin when PUBLIC_URL is unset. */
  server: Server;
  /** Directory of the built client; null serves the API only. */
  clientDir: string | null;
  /** The session secret: single sign-on derives its transaction cookie's key from it. */
  tokenSecret: string;
}

/** The HTTP API and the client's files, on `app`: headers, health, the routes, then the error answers. */
export function mountHttp(app: Express, core: Core, wiring: HttpWiring): void {
  const { config, metrics, log } = core;
  const { commands } = wiring;
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY);
  app.use(securityHeaders({ https: config.COOKIE_SECURE }), measure(metrics), wiring.origins.httpWrites);
  app.use(healthRoutes(wiring.stores, metrics, log, () => wiring.integrity.report(), metricsAccess(config.METRICS_TOKEN ?? null)));
  app.use('/api', noStore, requireJsonBody, express.json({ limit: MAX_JSON_BODY }));
  const auth = requireAuth(core.authenticator, core.audit);
  app.use(authRoutes(commands, auth, metrics, { cookieSecure: config.COOKIE_SECURE }));
  app.use(secondFactorRoutes(commands, auth, metrics, { cookieSecure: config.COOKIE_SECURE }));
  app.use(caseRoutes(commands, auth));
  app.use(adminRoutes(commands, auth));
  app.use(auditRoutes(commands, wiring.stores.audit, auth));
  app.use(workflowRoutes(commands, auth));
  app.use(labourExpertRoutes(commands, auth));
  const links = { publicOrigin: publicOriginOf(config.PUBLIC_URL, wiring.server) };
  app.use(ssoRoutes(commands, metrics, { cookieSecure: config.COOKIE_SECURE, publicOrigin: links.publicOrigin, tokenSecret: wiring.tokenSecret, log }));
  app.use(sessionRoutes(commands, auth, links));
  app.use(exportRoutes(commands, auth, links));
  app.use(commentRoutes(commands, auth));
  app.use(versionRoutes(commands, auth));
  app.use(templateRoutes(commands, auth));
  app.use(notificationRoutes(commands, auth));
  app.use('/api', notFoundHandler);
  if (wiring.clientDir) app.use(clientRoutes(wiring.clientDir));
  app.use(notFoundHandler);
  app.use(errorHandler(log));
}

/** Case data must never sit in a browser or proxy cache. */
const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};

function measure(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const end = metrics.httpDuration.startTimer();
    res.on('finish', () => {
      const route = req.route ? `${req.baseUrl}${String(req.route.path)}` : 'other';
      end({ method: req.method, route });
      metrics.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}

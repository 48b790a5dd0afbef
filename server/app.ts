import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express, type RequestHandler } from 'express';
import type { ServerOptions as SocketServerOptions } from 'socket.io';
import type { Logger } from 'pino';
import { CloseCode, MAX_COLLAB_MESSAGE_BYTES, MAX_JSON_BODY, UPDATE_BURST_SECONDS } from '../shared/limits.ts';
import { Audit } from './audit/Audit.ts';
import { Authenticator } from './auth/Authenticator.ts';
import { MemoryLoginThrottle, type LoginThrottle } from './auth/loginThrottle.ts';
import { TokenService } from './auth/tokens.ts';
import { authorizeConnection, COLLAB_PATH_PREFIX } from './collab/authorizeConnection.ts';
import { CollabServer, type AccessCheck } from './collab/CollabServer.ts';
import type { DocumentBus } from './collab/DocumentBus.ts';
import { collabPorts } from './collab/documentReader.ts';
import { documentRulesOf } from './collab/documentRules.ts';
import { createCollabWebsocket } from './collab/wsAdapter.ts';
import type { CommandDeps } from './commands/deps.ts';
import type { Config } from './config.ts';
import { requireAuth } from './http/middleware/auth.ts';
import { errorHandler, notFoundHandler } from './http/middleware/errors.ts';
import { metricsAccess } from './http/middleware/metricsAccess.ts';
import { requireJsonBody } from './http/middleware/requireJson.ts';
import { securityHeaderList, securityHeaders } from './http/middleware/securityHeaders.ts';
import { startMetricsListener, type MetricsListener } from './http/metricsListener.ts';
import { OriginGuard } from './http/originGuard.ts';
import { publicOriginOf } from './http/publicOrigin.ts';
import { clientRoutes } from './http/routes/clientRoutes.ts';
import { adminRoutes } from './http/routes/adminRoutes.ts';
import { authRoutes } from './http/routes/authRoutes.ts';
import { caseRoutes } from './http/routes/caseRoutes.ts';
import { healthRoutes } from './http/routes/healthRoutes.ts';
import { commentRoutes } from './http/routes/commentRoutes.ts';
import { sessionRoutes } from './http/routes/sessionRoutes.ts';
import { workflowRoutes } from './http/routes/workflowRoutes.ts';
import { SessionReminders } from './sessions/sessionReminders.ts';
import { accessRoleOf, keepsDocumentAccess } from './policies/participation.ts';
import { createRealtimeServer, SOCKET_PATH } from './realtime/socketServer.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import type { Stores } from './store/ports.ts';
import { CaseIntegrity } from './workflow/CaseIntegrity.ts';
import type { LogKey } from './workflow/logKey.ts';
import { VerifiedWorkflowStore } from './workflow/VerifiedWorkflowStore.ts';

export type AppConfig = Pick<
  Config,
  | 'TOKEN_TTL_SECONDS'
  | 'MAX_CONNECTIONS_PER_USER'
  | 'COLLAB_UPDATE_RATE'
  | 'DOC_IDLE_UNLOAD_MS'
  | 'DOC_COMPACT_THRESHOLD'
  | 'TRUST_PROXY'
  | 'COOKIE_SECURE'
  | 'PERSISTENT_SESSIONS'
  | 'PERSISTENT_DAYS'
  | 'SESSION_REMINDER_MINUTES'
  | 'PUBLIC_URL'
  | 'METRICS_TOKEN'
>;

export interface AppDeps {
  config: AppConfig;
  stores: Stores;
  log: Logger;
  tokenSecret: string;
  /** The key of the case event log (LOG_SECRET, or DATA_DIR/log-secret). */
  logKey: LogKey;
  /** Directory of the built client; null serves the API only. */
  clientDir: string | null;
  throttle?: LoginThrottle;
  /** The clock of the workflow; tests move it. */
  now?: () => Date;
  /** Distributed mode: shares live documents with the other nodes. */
  bus?: DocumentBus | null;
  /** Distributed mode: socket.io's Redis adapter, so that pushes reach every node. */
  socketAdapter?: SocketServerOptions['adapter'];
}

/** The whole workspace, built but not listening (DESIGN §3: tests start it on port 0). */
export interface Workspace {
  app: Express;
  server: Server;
  collab: CollabServer;
  metrics: Metrics;
  /** Which cases match their log; `scanAll()` checks every case in full (main.ts starts it after listening). */
  integrity: CaseIntegrity;
  listen(port: number, host?: string): Promise<{ server: Server; url: string }>;
  /** Starts the loopback listener that serves /metrics without a token (METRICS_PORT); closed with the workspace. */
  listenMetrics(port: number): Promise<{ url: string }>;
  /** Re-checks every open document connection's and socket.io socket's access now (it also runs every 30 s); resolves with how many lost it. */
  checkAccessNow(): Promise<number>;
  /** Sends the session reminders due now (it also runs every 30 s). */
  sendRemindersNow(): Promise<number>;
  /** Writes the summaries of anonymous refusals now (it also happens every minute, and on close). */
  flushAuditNow(): Promise<void>;
  /** Stops listening, closes connections, writes and compacts documents. Stores stay open. */
  close(): Promise<void>;
}

export function createApp(deps: AppDeps): Workspace {
  const { config, stores, log } = deps;
  const metrics = createMetrics();
  const audit = new Audit(stores.audit, log.child({ cat: 'audit' }));
  const tokens = new TokenService(deps.tokenSecret, config.TOKEN_TTL_SECONDS);
  const authenticator = new Authenticator(tokens, stores.records);
  const integrity = new CaseIntegrity({ records: stores.records, workflow: stores.workflow, key: deps.logKey, log });
  // Every reader of the workflow, access checks included, goes through the check against the log.
  const checked = { records: stores.records, workflow: new VerifiedWorkflowStore(stores.workflow, integrity) };
  const collab = new CollabServer(
    stores.docs,
    {
      idleUnloadMs: config.DOC_IDLE_UNLOAD_MS,
      compactThreshold: config.DOC_COMPACT_THRESHOLD,
      maxConnectionsPerUser: config.MAX_CONNECTIONS_PER_USER,
      updateRate: { perSecond: config.COLLAB_UPDATE_RATE, burst: config.COLLAB_UPDATE_RATE * UPDATE_BURST_SECONDS },
      // Locks come from the verified workflow: a state that does not match its log unlocks nothing.
      rulesOf: (docName) => documentRulesOf(checked, docName),
    },
    audit,
    log.child({ cat: 'collab' }),
    metrics,
    deps.bus ?? null,
  );
  const checkAccess: AccessCheck = async (context) => {
    if (context.tokenExpiresAt * 1000 <= Date.now() || (await stores.records.isTokenRevoked(context.tokenId))) return CloseCode.unauthenticated;
    return (await keepsDocumentAccess(checked, context)) ? null : CloseCode.forbidden;
  };
  collab.watchAccess(checkAccess);

  const app = express();
  const server = createServer(app);
  const origins = new OriginGuard({ publicOrigin: config.PUBLIC_URL ?? null, trustProxy: config.TRUST_PROXY }, audit);
  const realtime = createRealtimeServer(server, {
    authenticator,
    audit,
    log: log.child({ cat: 'realtime' }),
    accessRole: (caseId, userId) => accessRoleOf(checked, caseId, userId),
    records: stores.records,
    workflow: checked.workflow,
    trustProxy: config.TRUST_PROXY,
    checkOrigin: (request) => origins.allows(request, 'socket.io handshake'),
    ...(deps.socketAdapter ? { adapter: deps.socketAdapter } : {}),
  });
  // socket.io answers its own HTTP requests (long-polling), past express: they carry the same headers.
  const headerList = securityHeaderList({ https: config.COOKIE_SECURE });
  realtime.io.engine.on('headers', (headers: Record<string, string>) => {
    for (const [name, value] of headerList) headers[name] = value;
  });
  const commandDeps: CommandDeps = {
    records: stores.records,
    workflow: checked.workflow,
    logKey: deps.logKey,
    comments: stores.comments,
    audit,
    tokens,
    throttle: deps.throttle ?? new MemoryLoginThrottle(),
    ...collabPorts(collab),
    realtime: realtime.publisher,
    persistence: { sessions: config.PERSISTENT_SESSIONS, days: config.PERSISTENT_DAYS },
    now: deps.now ?? (() => new Date()),
  };

  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY);
  app.use(securityHeaders({ https: config.COOKIE_SECURE }), measure(metrics), origins.httpWrites);
  app.use(healthRoutes(stores, metrics, log, () => integrity.report(), metricsAccess(config.METRICS_TOKEN ?? null)));
  app.use('/api', noStore, requireJsonBody, express.json({ limit: MAX_JSON_BODY }));
  const auth = requireAuth(authenticator, audit);
  app.use(authRoutes(commandDeps, auth, metrics, { cookieSecure: config.COOKIE_SECURE }));
  app.use(caseRoutes(commandDeps, auth));
  app.use(adminRoutes(commandDeps, auth));
  app.use(workflowRoutes(commandDeps, auth));
  app.use(sessionRoutes(commandDeps, auth, { publicOrigin: publicOriginOf(config.PUBLIC_URL, server) }));
  app.use(commentRoutes(commandDeps, auth));
  app.use('/api', notFoundHandler);
  if (deps.clientDir) app.use(clientRoutes(deps.clientDir));
  app.use(notFoundHandler);
  app.use(errorHandler(log));

  const reminders = new SessionReminders({
    records: stores.records,
    workflow: checked.workflow,
    realtime: realtime.publisher,
    log: log.child({ cat: 'sessions' }),
    minutesBefore: config.SESSION_REMINDER_MINUTES,
    now: commandDeps.now,
  });
  reminders.start();

  const websocket = createCollabWebsocket(collab, audit, log, {
    maxPayload: MAX_COLLAB_MESSAGE_BYTES,
    authorize: (request) =>
      authorizeConnection(request, {
        authenticator,
        records: stores.records,
        workflow: checked.workflow,
        hasRoomFor: (userId) => collab.hasRoomFor(userId),
        isStopping: () => collab.isStopping,
        trustProxy: config.TRUST_PROXY,
      }),
  });
  server.on('upgrade', (request, socket, head) => {
    if (request.url?.startsWith(COLLAB_PATH_PREFIX)) {
      // The path only: the query may carry a token.
      if (!origins.allows(request, `WS ${new URL(request.url, 'http://localhost').pathname}`)) return origins.refuseUpgrade(socket);
      return websocket.handleUpgrade(request, socket, head);
    }
    // socket.io answers its own upgrades; anything else is not ours.
    if (request.url?.startsWith(`${SOCKET_PATH}/`)) return;
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
  });

  let metricsListener: MetricsListener | null = null;
  return {
    app,
    server,
    collab,
    metrics,
    integrity,
    async listen(port, host = '127.0.0.1') {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      const address = server.address() as AddressInfo;
      const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
      return { server, url: `http://${shownHost}:${address.port}` };
    },
    async listenMetrics(port) {
      metricsListener ??= await startMetricsListener(metrics, port, log);
      return { url: metricsListener.url };
    },
    checkAccessNow: async () => (await collab.sweepAccess(checkAccess)) + (await realtime.checkAccessNow()),
    sendRemindersNow: () => reminders.sendDue(),
    flushAuditNow: () => audit.flush(),
    async close() {
      // Stop accepting first, so nothing new arrives while documents are written and compacted.
      const closing = server.listening ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
      reminders.stop();
      await collab.shutdown();
      websocket.close();
      await realtime.close();
      await metricsListener?.close();
      server.closeAllConnections();
      await closing;
      await audit.flush();
    },
  };
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

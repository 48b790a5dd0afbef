import { createServer } from 'node:http';
import express from 'express';
import type { ServerOptions as SocketServerOptions } from 'socket.io';
import type { Logger } from 'pino';
import { Audit } from './audit/Audit.ts';
import { Authenticator } from './auth/Authenticator.ts';
import { MemoryLoginThrottle, type LoginThrottle } from './auth/loginThrottle.ts';
import { createSecondFactorDeps } from './auth/secondFactorDeps.ts';
import { RefreshTokens } from './auth/refreshTokens.ts';
import { SessionSweeper } from './auth/sessionSweeper.ts';
import { LoginSessions, sessionPolicyOf } from './auth/sessions.ts';
import { TokenService } from './auth/tokens.ts';
import type { DocumentBus } from './collab/DocumentBus.ts';
import { collabPorts } from './collab/documentReader.ts';
import type { CommandDeps } from './commands/deps.ts';
import { OriginGuard } from './http/originGuard.ts';
import { createMetrics } from './metrics.ts';
import { SessionReminders } from './sessions/sessionReminders.ts';
import type { Stores } from './store/ports.ts';
import { createCollab, routeUpgrades } from './wiring/collabWiring.ts';
import type { AppConfig, Core } from './wiring/core.ts';
import { mountHttp } from './wiring/httpWiring.ts';
import { notificationDelivery } from './notifications/delivery.ts';
import { createNotificationMail } from './wiring/notificationWiring.ts';
import { createRealtime } from './wiring/realtimeWiring.ts';
import { versionFailureReporter } from './wiring/versionWiring.ts';
import { workspaceOf, type Workspace } from './wiring/workspaceHandle.ts';
import { CaseIntegrity } from './workflow/CaseIntegrity.ts';
import type { LogKey } from './workflow/logKey.ts';
import { VerifiedWorkflowStore } from './workflow/VerifiedWorkflowStore.ts';

export type { AppConfig, Workspace };

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

/** The whole workspace: the collaboration relay, the socket.io channel and the HTTP API on one server, built but not listening. */
export function createApp(deps: AppDeps): Workspace {
  const { config, stores, log } = deps;
  const audit = new Audit(stores.audit, log.child({ cat: 'audit' }));
  const tokens = new TokenService(deps.tokenSecret, config.TOKEN_TTL_SECONDS);
  const integrity = new CaseIntegrity({ records: stores.records, workflow: stores.workflow, templates: stores.templates, key: deps.logKey, log });
  // Every reader of the workflow, access checks included, goes through the check against the log.
  const checked = { records: stores.records, workflow: new VerifiedWorkflowStore(stores.workflow, integrity), templates: stores.templates };
  const secondFactor = createSecondFactorDeps(stores.secondFactors, stores.records, deps.tokenSecret, config.MFA_REQUIRED);
  const sessions = new LoginSessions(stores.sessions, stores.records, tokens, new RefreshTokens(deps.tokenSecret), sessionPolicyOf(config));
  const authenticator = new Authenticator(tokens, stores.records, secondFactor.policy, sessions);
  const core: Core = { config, log, audit, metrics: createMetrics(), authenticator, checked };
  const collab = createCollab(core, stores.docs, deps.bus ?? null);
  const app = express();
  const server = createServer(app);
  const origins = new OriginGuard({ publicOrigin: config.PUBLIC_URL ?? null, trustProxy: config.TRUST_PROXY }, audit);
  const realtime = createRealtime(core, server, origins, deps.socketAdapter);
  const now = deps.now ?? (() => new Date());
  const mail = createNotificationMail(core, stores.notifications, server, now);
  const commands: CommandDeps = {
    ...checked,
    logKey: deps.logKey,
    comments: stores.comments,
    employerSummaries: stores.employerSummaries,
    templates: stores.templates,
    audit,
    tokens,
    sessions,
    throttle: deps.throttle ?? new MemoryLoginThrottle(),
    secondFactor,
    ...collabPorts(collab.collab),
    realtime: realtime.publisher,
    persistence: { sessions: config.PERSISTENT_SESSIONS, days: config.PERSISTENT_DAYS },
    versions: stores.versions,
    versionFailed: versionFailureReporter(log, core.metrics),
    notifications: stores.notifications,
    notificationDelivery: notificationDelivery(realtime.publisher, mail),
    now,
  };
  mountHttp(app, core, { stores, commands, origins, integrity, server, clientDir: deps.clientDir, tokenSecret: deps.tokenSecret });
  const reminders = new SessionReminders({
    ...checked,
    realtime: realtime.publisher,
    log: log.child({ cat: 'sessions' }),
    minutesBefore: config.SESSION_REMINDER_MINUTES,
    now,
  });
  reminders.start();
  const sweeper = new SessionSweeper({ ...commands, log });
  sweeper.start();
  server.once('close', () => sweeper.stop());
  mail.start();
  routeUpgrades(server, collab.websocket, origins);
  return workspaceOf({ app, server, collab, realtime, reminders, mail, integrity, metrics: core.metrics, audit, log });
}

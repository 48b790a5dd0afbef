import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { Audit } from '../audit/Audit.ts';
import type { CollabServer } from '../collab/CollabServer.ts';
import { startMetricsListener, type MetricsListener } from '../http/metricsListener.ts';
import type { Metrics } from '../metrics.ts';
import type { RealtimeServer } from '../realtime/socketServer.ts';
import type { NotificationMail } from '../notifications/NotificationMail.ts';
import type { SessionReminders } from '../sessions/sessionReminders.ts';
import type { CaseIntegrity } from '../workflow/CaseIntegrity.ts';
import type { CollabWiring } from './collabWiring.ts';

/** The whole workspace, built but not listening (docs/architecture.md: tests start it on port 0). */
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
  /** Sends the notification digests due now (it also runs every minute, with SMTP_URL set); resolves with how many went. */
  sendDigestsNow(): Promise<number>;
  /** Resolves once every notification e-mail started so far was sent or failed. */
  notificationMailsSettled(): Promise<void>;
  /** Writes the summaries of anonymous refusals now (it also happens every minute, and on close). */
  flushAuditNow(): Promise<void>;
  /** Stops listening, closes connections, writes and compacts documents. Stores stay open. */
  close(): Promise<void>;
}

export interface WorkspaceParts {
  app: Express;
  server: Server;
  collab: CollabWiring;
  realtime: RealtimeServer;
  reminders: SessionReminders;
  mail: NotificationMail;
  integrity: CaseIntegrity;
  metrics: Metrics;
  audit: Audit;
  log: Logger;
}

/** What the built parts offer their owner (main.ts, the tests): listening, checks on demand, an orderly close. */
export function workspaceOf(parts: WorkspaceParts): Workspace {
  const { server, collab, realtime, reminders, mail, audit } = parts;
  let metricsListener: MetricsListener | null = null;
  return {
    app: parts.app,
    server,
    collab: collab.collab,
    metrics: parts.metrics,
    integrity: parts.integrity,
    listen: (port, host = '127.0.0.1') => listen(server, port, host),
    async listenMetrics(port) {
      metricsListener ??= await startMetricsListener(parts.metrics, port, parts.log);
      return { url: metricsListener.url };
    },
    checkAccessNow: async () => (await collab.collab.sweepAccess(collab.checkAccess)) + (await realtime.checkAccessNow()),
    sendRemindersNow: () => reminders.sendDue(),
    sendDigestsNow: () => mail.sendDigests(),
    notificationMailsSettled: () => mail.settled(),
    flushAuditNow: () => audit.flush(),
    async close() {
      // Stop accepting first, so nothing new arrives while documents are written and compacted.
      const closing = server.listening ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
      reminders.stop();
      await collab.collab.shutdown();
      collab.websocket.close();
      await realtime.close();
      await metricsListener?.close();
      server.closeAllConnections();
      await closing;
      await mail.stop();
      await audit.flush();
    },
  };
}

async function listen(server: Server, port: number, host: string): Promise<{ server: Server; url: string }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return { server, url: `http://${shownHost}:${address.port}` };
}

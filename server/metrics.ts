import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one app instance (a registry each, so tests can run several apps). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    ...httpMetrics(registry),
    ...collabMetrics(registry),
    versionsFailed: new Counter({
      name: 'versions_automatic_failed_total',
      help: 'Automatic versions that could not be taken, by reason (the command itself succeeded)',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    notificationMails: new Counter({
      name: 'notification_mails_total',
      help: 'Notification e-mails by mode (immediate, digest) and outcome (sent, failed); a failure never fails the command',
      labelNames: ['mode', 'outcome'] as const,
      registers: [registry],
    }),
  };
}

function httpMetrics(registry: Registry) {
  return {
    httpRequests: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests by method, route and status',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: ['method', 'route'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    logins: new Counter({
      name: 'auth_logins_total',
      help: 'Login attempts by outcome',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
  };
}

function collabMetrics(registry: Registry) {
  return {
    collabConnections: new Gauge({
      name: 'collab_connections',
      help: 'Open collaboration websocket connections',
      registers: [registry],
    }),
    collabRefused: new Counter({
      name: 'collab_connections_refused_total',
      help: 'Refused collaboration connections by reason',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    collabClosedForBadInput: new Counter({
      name: 'collab_connections_closed_bad_input_total',
      help: 'Connections closed because of a malformed message',
      registers: [registry],
    }),
    collabClosedForLimit: new Counter({
      name: 'collab_connections_closed_limit_total',
      help: 'Connections closed for breaking a limit (size, rate), by reason',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    updatesRefused: new Counter({
      name: 'collab_updates_refused_total',
      help: 'Updates of which a part was not stored, by reason (locked, invalid, unresolved)',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    docsLoaded: new Gauge({
      name: 'collab_documents_loaded',
      help: 'Documents held in memory',
      registers: [registry],
    }),
    updatesApplied: new Counter({
      name: 'collab_updates_total',
      help: 'Document updates made durable and relayed',
      registers: [registry],
    }),
    updatesIgnoredReadOnly: new Counter({
      name: 'collab_readonly_updates_ignored_total',
      help: 'Non-empty updates from read-only connections, never applied',
      registers: [registry],
    }),
    compactions: new Counter({
      name: 'collab_compactions_total',
      help: 'Document compactions into one snapshot',
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

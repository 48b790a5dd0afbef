import type { Server } from 'node:http';
import type { ServerOptions as SocketServerOptions } from 'socket.io';
import { securityHeaderList } from '../http/middleware/securityHeaders.ts';
import type { OriginGuard } from '../http/originGuard.ts';
import { accessRoleOf } from '../policies/participation.ts';
import { createRealtimeServer, type RealtimeServer } from '../realtime/socketServer.ts';
import type { Core } from './core.ts';

/** The socket.io channel on `server`, with the same access rules and headers as the HTTP API. */
export function createRealtime(core: Core, server: Server, origins: OriginGuard, adapter?: SocketServerOptions['adapter']): RealtimeServer {
  const { config, checked } = core;
  const realtime = createRealtimeServer(server, {
    authenticator: core.authenticator,
    audit: core.audit,
    log: core.log.child({ cat: 'realtime' }),
    accessRole: (caseId, userId) => accessRoleOf(checked, caseId, userId),
    workflow: checked.workflow,
    trustProxy: config.TRUST_PROXY,
    checkOrigin: (request) => origins.allows(request, 'socket.io handshake'),
    ...(adapter ? { adapter } : {}),
  });
  // socket.io answers its own HTTP requests (long-polling), past express: they carry the same headers.
  const headerList = securityHeaderList({ https: config.COOKIE_SECURE });
  realtime.io.engine.on('headers', (headers: Record<string, string>) => {
    for (const [name, value] of headerList) headers[name] = value;
  });
  return realtime;
}

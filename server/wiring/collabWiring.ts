import type { Server } from 'node:http';
import { CloseCode, MAX_COLLAB_MESSAGE_BYTES, UPDATE_BURST_SECONDS } from '../../shared/limits.ts';
import { authorizeConnection, COLLAB_PATH_PREFIX } from '../collab/authorizeConnection.ts';
import { CollabServer, type AccessCheck } from '../collab/CollabServer.ts';
import type { DocumentBus } from '../collab/DocumentBus.ts';
import { documentRulesOf } from '../collab/documentRules.ts';
import { createCollabWebsocket, type CollabWebsocket } from '../collab/wsAdapter.ts';
import type { OriginGuard } from '../http/originGuard.ts';
import { keepsDocumentAccess } from '../policies/participation.ts';
import { SOCKET_PATH } from '../realtime/socketServer.ts';
import type { DocStore } from '../store/ports.ts';
import type { Core } from './core.ts';

export interface CollabWiring {
  collab: CollabServer;
  websocket: CollabWebsocket;
  /** Re-checks one open connection: its login, then its access to the document. */
  checkAccess: AccessCheck;
}

/** The collaboration relay, its websocket endpoint and its periodic access check. */
export function createCollab(core: Core, docs: DocStore, bus: DocumentBus | null): CollabWiring {
  const { config, checked, log } = core;
  const collab = new CollabServer(
    docs,
    {
      idleUnloadMs: config.DOC_IDLE_UNLOAD_MS,
      compactThreshold: config.DOC_COMPACT_THRESHOLD,
      maxConnectionsPerUser: config.MAX_CONNECTIONS_PER_USER,
      updateRate: { perSecond: config.COLLAB_UPDATE_RATE, burst: config.COLLAB_UPDATE_RATE * UPDATE_BURST_SECONDS },
      // Locks come from the verified workflow: a state that does not match its log unlocks nothing.
      rulesOf: (docName) => documentRulesOf(checked, docName),
    },
    core.audit,
    log.child({ cat: 'collab' }),
    core.metrics,
    bus,
  );
  const checkAccess: AccessCheck = async (context) => {
    const expired = context.sessionId === null && context.tokenExpiresAt * 1000 <= Date.now();
    if (expired || !(await core.authenticator.holderOf(context))) return CloseCode.unauthenticated;
    return (await keepsDocumentAccess(checked, context)) ? null : CloseCode.forbidden;
  };
  collab.watchAccess(checkAccess);
  const websocket = createCollabWebsocket(collab, core.audit, log, {
    maxPayload: MAX_COLLAB_MESSAGE_BYTES,
    authorize: (request) =>
      authorizeConnection(request, {
        authenticator: core.authenticator,
        records: checked.records,
        workflow: checked.workflow,
        templates: checked.templates,
        hasRoomFor: (userId) => collab.hasRoomFor(userId),
        isStopping: () => collab.isStopping,
        trustProxy: config.TRUST_PROXY,
      }),
  });
  return { collab, websocket, checkAccess };
}

/** Websocket upgrades: /collab/ to the relay (from an allowed origin), socket.io's to itself, anything else 404. */
export function routeUpgrades(server: Server, websocket: CollabWebsocket, origins: OriginGuard): void {
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
}

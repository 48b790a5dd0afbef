import type { Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import { Server, type Socket } from 'socket.io';
import { CASE_ID_PATTERN } from '../../shared/docNames.ts';
import { caseRoom, RealtimeEvent, type JoinResult, type WorkflowPush } from '../../shared/realtime.ts';
import type { AccessRole } from '../../shared/roles.ts';
import type { Audit } from '../audit/Audit.ts';
import { tokenFromHeaders, type Authenticator, type Principal } from '../auth/Authenticator.ts';
import type { RealtimePublisher } from './RealtimePublisher.ts';

export const SOCKET_PATH = '/socket.io';

interface SocketData {
  principal: Principal;
}

export interface RealtimeDeps {
  authenticator: Authenticator;
  audit: Audit;
  log: Logger;
  /** How the user takes part in the case, or null: only members and reviewers may follow it. */
  accessRole(caseId: string, userId: string): Promise<AccessRole | null>;
}

export interface RealtimeServer {
  io: Server;
  publisher: RealtimePublisher;
  close(): Promise<void>;
}

/**
 * socket.io for server -> client pushes (DESIGN §3). A socket authenticates
 * with the session cookie or `auth.token`, and joins a case's room only as a
 * member or an invited reviewer; everyone else receives nothing.
 */
export function createRealtimeServer(httpServer: HttpServer, deps: RealtimeDeps): RealtimeServer {
  const io = new Server<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>(httpServer, {
    path: SOCKET_PATH,
    serveClient: false,
    // Upgrades on other paths (/collab) belong to the collaboration relay.
    destroyUpgrade: false,
    maxHttpBufferSize: 64 * 1024,
  });

  io.use(async (socket, next) => {
    try {
      const auth = socket.handshake.auth as { token?: unknown };
      const token = typeof auth.token === 'string' ? auth.token : tokenFromHeaders(socket.request.headers);
      const principal = await deps.authenticator.authenticate(token);
      if (!principal) return next(new Error('unauthorized'));
      socket.data.principal = principal;
      next();
    } catch (error) {
      deps.log.error({ cat: 'realtime', err: error }, 'socket authentication failed');
      next(new Error('unavailable'));
    }
  });

  io.on('connection', (socket) => {
    socket.on(RealtimeEvent.join, (caseId: unknown, ack: unknown) => void join(socket, caseId, ack));
    socket.on(RealtimeEvent.leave, (caseId: unknown) => {
      if (typeof caseId === 'string') void socket.leave(caseRoom(caseId));
    });
  });

  const join = async (socket: Socket, caseId: unknown, ack: unknown) => {
    const reply = (result: JoinResult) => typeof ack === 'function' && (ack as (r: JoinResult) => void)(result);
    if (typeof caseId !== 'string' || !CASE_ID_PATTERN.test(caseId)) return reply({ ok: false, error: 'not a case id' });
    const { user } = (socket.data as SocketData).principal;
    const role = await deps.accessRole(caseId, user.id).catch(() => null);
    if (!role) {
      deps.audit.recordInBackground(
        { userId: user.id, username: user.username, role: user.role, ip: socket.handshake.address, userAgent: socket.handshake.headers['user-agent'] ?? null },
        { action: 'denied', outcome: 'denied', object: 'case-events', caseId, detail: 'not-a-member' },
      );
      return reply({ ok: false, error: 'no access to this case' });
    }
    await socket.join(caseRoom(caseId));
    reply({ ok: true });
  };

  const publisher: RealtimePublisher = {
    publishWorkflow(push: WorkflowPush) {
      io.to(caseRoom(push.caseId)).emit(RealtimeEvent.workflow, push);
    },
    async removeFromCase(caseId, userId) {
      const room = caseRoom(caseId);
      for (const socket of await io.in(room).fetchSockets()) {
        if ((socket.data as SocketData).principal.user.id !== userId) continue;
        socket.emit(RealtimeEvent.revoked, { caseId });
        socket.leave(room);
      }
    },
    async disconnectToken(tokenId) {
      for (const socket of await io.fetchSockets()) {
        if ((socket.data as SocketData).principal.claims.jti === tokenId) socket.disconnect(true);
      }
    },
  };

  return {
    io,
    publisher,
    // Not io.close(): that would also close the HTTP server, which the app closes itself.
    close: async () => {
      io.disconnectSockets(true);
      io.engine.close();
    },
  };
}

import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import { CASE_ID_PATTERN } from '../../shared/docNames.ts';
import {
  caseRoom,
  RealtimeEvent,
  sessionRoom,
  userRoom,
  type JoinResult,
  type SessionPresence,
  type SessionReminder,
  type WorkflowPush,
} from '../../shared/realtime.ts';
import type { AccessRole } from '../../shared/roles.ts';
import type { Audit } from '../audit/Audit.ts';
import { tokenFromHeaders, type Authenticator, type Principal } from '../auth/Authenticator.ts';
import { clientAddress } from '../http/clientAddress.ts';
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
  /** Proxy hops whose X-Forwarded-For is trusted (TRUST_PROXY), for the client address in the audit. */
  trustProxy: number;
  /** socket.io's Redis adapter in the distributed mode, so that pushes reach sockets on every node. */
  adapter?: ServerOptions['adapter'];
  /** Refuses handshakes from pages of another site (socket.io's allowRequest); absent: every origin. */
  checkOrigin?: (request: IncomingMessage) => boolean;
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
    allowRequest: (request, decide) => {
      const allowed = deps.checkOrigin?.(request) ?? true;
      decide(allowed ? null : 'origin.forbidden', allowed);
    },
    ...(deps.adapter ? { adapter: deps.adapter } : {}),
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
    void socket.join(userRoom((socket.data as SocketData).principal.user.id));
    socket.on(RealtimeEvent.join, (caseId: unknown, ack: unknown) => void join(socket, caseId, ack));
    socket.on(RealtimeEvent.leave, (caseId: unknown) => {
      if (typeof caseId === 'string') void socket.leave(caseRoom(caseId));
    });
    socket.on(RealtimeEvent.sessionJoin, (caseId: unknown, sessionId: unknown, ack: unknown) => void joinSession(socket, caseId, sessionId, ack));
    socket.on(RealtimeEvent.sessionLeave, (sessionId: unknown) => {
      if (typeof sessionId !== 'string') return;
      void socket.leave(sessionRoom(sessionId));
      void announcePresence(sessionId);
    });
    // Leaving rooms happens on disconnect: announce who is left in the sessions this socket was in.
    socket.on('disconnecting', () => {
      const sessions = [...socket.rooms].filter((room) => room.startsWith('session:')).map((room) => room.slice('session:'.length));
      setImmediate(() => sessions.forEach((sessionId) => void announcePresence(sessionId)));
    });
  });

  /** Presence in a live session: whoever has joined its room, on any node. */
  const announcePresence = (sessionId: string) =>
    announce(sessionId).catch((error: unknown) => deps.log.warn({ cat: 'realtime', err: error }, 'session presence not announced'));
  const announce = async (sessionId: string) => {
    const sockets = await io.in(sessionRoom(sessionId)).fetchSockets();
    const present = new Map<string, { userId: string; name: string }>();
    for (const socket of sockets) {
      const { user } = (socket.data as SocketData).principal;
      present.set(user.id, { userId: user.id, name: user.name });
    }
    const message: SessionPresence = { sessionId, present: [...present.values()] };
    io.to(sessionRoom(sessionId)).emit(RealtimeEvent.sessionPresence, message);
  };

  const joinSession = async (socket: Socket, caseId: unknown, sessionId: unknown, ack: unknown) => {
    const reply = (result: JoinResult) => typeof ack === 'function' && (ack as (r: JoinResult) => void)(result);
    if (typeof sessionId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(sessionId)) return reply({ ok: false, error: 'not a session id' });
    if (typeof caseId !== 'string' || !CASE_ID_PATTERN.test(caseId)) return reply({ ok: false, error: 'not a case id' });
    const { user } = (socket.data as SocketData).principal;
    const role = await deps.accessRole(caseId, user.id).catch(() => null);
    if (role !== 'ba' && role !== 'va') return reply({ ok: false, error: 'only the physicians of the case take part in its sessions' });
    await socket.join(sessionRoom(sessionId));
    reply({ ok: true });
    await announcePresence(sessionId);
  };

  const join = async (socket: Socket, caseId: unknown, ack: unknown) => {
    const reply = (result: JoinResult) => typeof ack === 'function' && (ack as (r: JoinResult) => void)(result);
    if (typeof caseId !== 'string' || !CASE_ID_PATTERN.test(caseId)) return reply({ ok: false, error: 'not a case id' });
    const { user } = (socket.data as SocketData).principal;
    const role = await deps.accessRole(caseId, user.id).catch(() => null);
    if (!role) {
      deps.audit.recordInBackground(
        { userId: user.id, username: user.username, role: user.role, ip: clientAddress(socket.request, deps.trustProxy), userAgent: socket.handshake.headers['user-agent'] ?? null },
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
    publishComments(caseId, payload) {
      io.to(caseRoom(caseId)).emit(RealtimeEvent.comments, payload);
    },
    async localUsers() {
      const users = new Set<string>();
      for (const socket of io.of('/').sockets.values()) users.add((socket.data as SocketData).principal.user.id);
      return [...users];
    },
    remindLocal(userId: string, reminder: SessionReminder) {
      io.local.to(userRoom(userId)).emit(RealtimeEvent.sessionReminder, reminder);
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

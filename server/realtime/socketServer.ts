import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import { CASE_ID_PATTERN } from '../../shared/docNames.ts';
import {
  caseRoom,
  RealtimeEvent,
  sessionRoom,
  userRoom,
  type AuthEnded,
  type JoinResult,
  type SessionPresence,
  type SessionReminder,
  type WorkflowPush,
} from '../../shared/realtime.ts';
import type { AccessRole } from '../../shared/roles.ts';
import type { Audit, AuditActor } from '../audit/Audit.ts';
import { tokenFromHeaders, type Authenticator } from '../auth/Authenticator.ts';
import { clientAddress } from '../http/clientAddress.ts';
import type { RecordStore, WorkflowStore } from '../store/ports.ts';
import type { RealtimePublisher } from './RealtimePublisher.ts';
import { SocketAccess, type SocketData } from './socketAccess.ts';
import { SocketsPerUser } from './socketCap.ts';

export const SOCKET_PATH = '/socket.io';

/** What a refused handshake tells the client (socket.io's connect_error message). */
export const HandshakeError = {
  unauthorized: 'unauthorized',
  tooManyConnections: 'too many connections',
  unavailable: 'unavailable',
  /** The HTTP body of a handshake the origin hook refused. */
  originNotAllowed: 'origin not allowed',
} as const;

const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export interface RealtimeDeps {
  authenticator: Authenticator;
  audit: Audit;
  log: Logger;
  /** How the user takes part in the case, or null: only members and reviewers may follow it. */
  accessRole(caseId: string, userId: string): Promise<AccessRole | null>;
  /** Whether a token was revoked (logout), for the sockets still open with it. */
  records: Pick<RecordStore, 'isTokenRevoked'>;
  /** The case's workflow state, which holds its sessions. */
  workflow: Pick<WorkflowStore, 'load'>;
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
  /** Re-checks every socket on this node now (it also runs every 30 s); resolves with how many lost access. */
  checkAccessNow(): Promise<number>;
  close(): Promise<void>;
}

type IoSocket = Socket<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>;

/** Every socket of one login, on whichever node: logout ends them all through the adapter. */
const tokenRoom = (tokenId: string) => `token:${tokenId}`;

/**
 * socket.io for server -> client pushes (DESIGN §3). A socket authenticates
 * with the session cookie or `auth.token`, and joins a case's room only as a
 * member or an invited reviewer; everyone else receives nothing. Its access is
 * checked again for as long as it is open (SocketAccess).
 */
export function createRealtimeServer(httpServer: HttpServer, deps: RealtimeDeps): RealtimeServer {
  const io = new Server<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>(httpServer, {
    path: SOCKET_PATH,
    serveClient: false,
    // Upgrades on other paths (/collab) belong to the collaboration relay.
    destroyUpgrade: false,
    maxHttpBufferSize: 64 * 1024,
    ...(deps.adapter ? { adapter: deps.adapter } : {}),
    ...(deps.checkOrigin ? { allowRequest: originCheck(deps.checkOrigin, deps.log) } : {}),
  });
  const perUser = new SocketsPerUser();
  const access = new SocketAccess(
    { accessRole: deps.accessRole, records: deps.records, log: deps.log, presenceChanged: (sessionId) => void announcePresence(sessionId) },
    () => io.of('/').sockets.values(),
  );
  access.watch();

  const actorOf = (socket: IoSocket, user: SocketData['user'] | null): AuditActor => ({
    userId: user?.id ?? null,
    username: user?.username ?? null,
    role: user?.role ?? null,
    ip: clientAddress(socket.request, deps.trustProxy),
    userAgent: socket.handshake.headers['user-agent'] ?? null,
  });

  io.use(async (socket, next) => {
    try {
      const auth = socket.handshake.auth as { token?: unknown };
      const token = typeof auth.token === 'string' ? auth.token : tokenFromHeaders(socket.request.headers);
      const principal = await deps.authenticator.authenticate(token);
      if (!principal) return next(new Error(HandshakeError.unauthorized));
      const { id, username, name, role } = principal.user;
      const user = { id, username, name, role };
      // The client may have gone while the token was checked; then nothing would give the place back.
      if (socket.conn.readyState !== 'open') return next(new Error(HandshakeError.unavailable));
      if (!perUser.take(user.id, socket.id)) {
        await deps.audit.record(actorOf(socket, user), { action: 'denied', outcome: 'denied', object: 'socket', detail: 'too-many-connections' });
        return next(new Error(HandshakeError.tooManyConnections));
      }
      const release = () => perUser.release(user.id, socket.id);
      socket.conn.once('close', release);
      socket.once('disconnect', release);
      socket.data = { user, claims: principal.claims, sessions: {} };
      next();
    } catch (error) {
      deps.log.error({ cat: 'realtime', err: error }, 'socket authentication failed');
      next(new Error(HandshakeError.unavailable));
    }
  });

  io.on('connection', (socket) => {
    const { user, claims } = socket.data;
    void socket.join([userRoom(user.id), tokenRoom(claims.jti)]);
    socket.once('disconnect', access.endAtExpiry(socket));
    socket.on(RealtimeEvent.join, (caseId: unknown, ack: unknown) => void join(socket, caseId, ack));
    socket.on(RealtimeEvent.leave, (caseId: unknown) => {
      if (typeof caseId === 'string') void socket.leave(caseRoom(caseId));
    });
    socket.on(RealtimeEvent.sessionJoin, (caseId: unknown, sessionId: unknown, ack: unknown) => void joinSession(socket, caseId, sessionId, ack));
    socket.on(RealtimeEvent.sessionLeave, (sessionId: unknown) => {
      if (typeof sessionId !== 'string') return;
      delete socket.data.sessions[sessionId];
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
    for (const { data } of sockets) present.set(data.user.id, { userId: data.user.id, name: data.user.name });
    const message: SessionPresence = { sessionId, present: [...present.values()] };
    io.to(sessionRoom(sessionId)).emit(RealtimeEvent.sessionPresence, message);
  };

  /** A session of the case, as its workflow holds it (states stored before sessions existed have none). */
  const sessionInCase = async (caseId: string, sessionId: string) =>
    ((await deps.workflow.load(caseId))?.state.sessions ?? []).some((session) => session.id === sessionId);

  const joinSession = async (socket: IoSocket, caseId: unknown, sessionId: unknown, ack: unknown) => {
    const reply = (result: JoinResult) => typeof ack === 'function' && (ack as (r: JoinResult) => void)(result);
    if (typeof sessionId !== 'string' || !SESSION_ID_PATTERN.test(sessionId)) return reply({ ok: false, error: 'not a session id' });
    if (typeof caseId !== 'string' || !CASE_ID_PATTERN.test(caseId)) return reply({ ok: false, error: 'not a case id' });
    const role = await deps.accessRole(caseId, socket.data.user.id).catch(() => null);
    if (role !== 'ba' && role !== 'va') return reply({ ok: false, error: 'only the physicians of the case take part in its sessions' });
    if (!(await sessionInCase(caseId, sessionId).catch(() => false))) return reply({ ok: false, error: 'no such session in this case' });
    socket.data.sessions[sessionId] = caseId;
    await socket.join(sessionRoom(sessionId));
    reply({ ok: true });
    await announcePresence(sessionId);
  };

  const join = async (socket: IoSocket, caseId: unknown, ack: unknown) => {
    const reply = (result: JoinResult) => typeof ack === 'function' && (ack as (r: JoinResult) => void)(result);
    if (typeof caseId !== 'string' || !CASE_ID_PATTERN.test(caseId)) return reply({ ok: false, error: 'not a case id' });
    const { user } = socket.data;
    const role = await deps.accessRole(caseId, user.id).catch(() => null);
    if (!role) {
      deps.audit.recordInBackground(actorOf(socket, user), { action: 'denied', outcome: 'denied', object: 'case-events', caseId, detail: 'not-a-member' });
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
        if (socket.data.user.id !== userId) continue;
        socket.emit(RealtimeEvent.revoked, { caseId });
        socket.leave(room);
      }
    },
    async recheckCase(caseId) {
      const sessions = ((await deps.workflow.load(caseId))?.state.sessions ?? []).map((session) => sessionRoom(session.id));
      return access.check(await io.in([caseRoom(caseId), ...sessions]).fetchSockets(), caseId);
    },
    publishComments(caseId, payload) {
      io.to(caseRoom(caseId)).emit(RealtimeEvent.comments, payload);
    },
    async localUsers() {
      const users = new Set<string>();
      for (const socket of io.of('/').sockets.values()) users.add(socket.data.user.id);
      return [...users];
    },
    remindLocal(userId: string, reminder: SessionReminder) {
      io.local.to(userRoom(userId)).emit(RealtimeEvent.sessionReminder, reminder);
    },
    async disconnectToken(tokenId) {
      // Through the adapter, so that the sockets of this login on every node end, not only here.
      const message: AuthEnded = { reason: 'revoked' };
      io.to(tokenRoom(tokenId)).emit(RealtimeEvent.authEnded, message);
      io.in(tokenRoom(tokenId)).disconnectSockets(true);
    },
  };

  return {
    io,
    publisher,
    checkAccessNow: () => access.sweepNow(),
    // Not io.close(): that would also close the HTTP server, which the app closes itself.
    close: async () => {
      access.stop();
      io.disconnectSockets(true);
      io.engine.close();
    },
  };
}

/** socket.io's allowRequest around the origin hook: a refusal answers 403 with a message saying why. */
function originCheck(checkOrigin: (request: IncomingMessage) => boolean, log: Logger): ServerOptions['allowRequest'] {
  return (request, callback) => {
    let allowed = false;
    try {
      allowed = checkOrigin(request);
    } catch (error) {
      log.warn({ cat: 'realtime', err: error }, 'origin check failed; refusing the handshake');
    }
    callback(allowed ? null : HandshakeError.originNotAllowed, allowed);
  };
}

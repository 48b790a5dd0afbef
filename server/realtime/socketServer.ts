import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import { SOCKET_PATH, type ClientToServerEvents, type ServerToClientEvents } from '../../shared/realtime.ts';
import { authenticateSockets, originCheck, type HandshakeDeps } from './handshake.ts';
import { presenceAnnouncer } from './presence.ts';
import type { RealtimePublisher } from './RealtimePublisher.ts';
import { handleRooms, type RoomDeps } from './rooms.ts';
import { SocketAccess } from './socketAccess.ts';
import { SocketPublisher } from './SocketPublisher.ts';
import type { InterServerEvents, IoServer, SocketData } from './socketTypes.ts';

// app.ts takes the path from here; its one definition is in shared/realtime.ts.
export { SOCKET_PATH };

/** The largest message a client may send: its events carry a few ids. */
const MAX_CLIENT_MESSAGE_BYTES = 64 * 1024;

export interface RealtimeDeps extends HandshakeDeps, Omit<RoomDeps, 'announcePresence'> {
  /** socket.io's Redis adapter in the distributed mode, so that pushes reach sockets on every node. */
  adapter?: ServerOptions['adapter'];
  /** Refuses handshakes from pages of another site (socket.io's allowRequest); absent: every origin. */
  checkOrigin?: (request: IncomingMessage) => boolean;
}

export interface RealtimeServer {
  io: IoServer;
  publisher: RealtimePublisher;
  /** Re-checks every socket on this node now (it also runs every 30 s); resolves with how many lost access. */
  checkAccessNow(): Promise<number>;
  close(): Promise<void>;
}

/**
 * socket.io for server -> client pushes (docs/architecture.md). A socket authenticates
 * with the session cookie or `auth.token`, and joins a case's room only as a
 * member or an invited reviewer; everyone else receives nothing. Its access is
 * checked again for as long as it is open (SocketAccess).
 */
export function createRealtimeServer(httpServer: HttpServer, deps: RealtimeDeps): RealtimeServer {
  const io: IoServer = new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>(httpServer, serverOptions(deps));
  const announcePresence = presenceAnnouncer(io, deps.log);
  const accessDeps = {
    accessRole: deps.accessRole,
    authenticator: deps.authenticator,
    log: deps.log,
    presenceChanged: (id: string) => void announcePresence(id),
  };
  const access = new SocketAccess(accessDeps, () => io.of('/').sockets.values());
  authenticateSockets(io, deps);
  io.on('connection', (socket) => socket.once('disconnect', access.endAtExpiry(socket)));
  handleRooms(io, { ...deps, announcePresence });
  access.watch();
  return {
    io,
    publisher: new SocketPublisher(io, deps.workflow, access),
    checkAccessNow: () => access.sweepNow(),
    // Not io.close(): that would also close the HTTP server, which the app closes itself.
    close: async () => {
      access.stop();
      io.disconnectSockets(true);
      io.engine.close();
    },
  };
}

function serverOptions(deps: RealtimeDeps): Partial<ServerOptions> {
  return {
    path: SOCKET_PATH,
    serveClient: false,
    // Upgrades on other paths (/collab) belong to the collaboration relay.
    destroyUpgrade: false,
    maxHttpBufferSize: MAX_CLIENT_MESSAGE_BYTES,
    ...(deps.adapter ? { adapter: deps.adapter } : {}),
    ...(deps.checkOrigin ? { allowRequest: originCheck(deps.checkOrigin, deps.log) } : {}),
  };
}

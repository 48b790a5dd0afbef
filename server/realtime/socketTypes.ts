import type { RemoteSocket, Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/realtime.ts';
import type { TokenClaims } from '../auth/tokens.ts';
import type { UserRecord } from '../store/ports.ts';

/** Who holds a socket: the user without the password hash, since socket data travels between nodes. */
export type SocketUser = Pick<UserRecord, 'id' | 'username' | 'name' | 'role' | 'organisationId'>;

export interface SocketData {
  user: SocketUser;
  claims: TokenClaims;
  /** The sessions this socket joined, each with its case: a session room does not name its case. */
  sessions: Record<string, string>;
}

/** The nodes send each other nothing of their own: rooms and pushes travel through the adapter. */
export type InterServerEvents = Record<never, never>;

/** The workspace's socket.io server, typed by the events of shared/realtime.ts. */
export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** A socket on this node. */
export type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** A socket on any node, as fetchSockets gives it. */
export type AnyNodeSocket = RemoteSocket<ServerToClientEvents, SocketData>;

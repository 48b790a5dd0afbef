import { io, type Socket } from 'socket.io-client';

/** Where the server's socket.io listens (server/realtime/socketServer.ts). */
const SOCKET_PATH = '/socket.io';

let shared: { socket: Socket; holders: number } | null = null;

/**
 * One socket.io connection for the sessions feature (reminders, presence in a
 * live session), shared by whoever holds it and closed when the last lets go.
 * The server puts every socket of a user in that user's room, so reminders
 * arrive on it wherever the user is in the app.
 */
export function acquireSessionSocket(): Socket {
  shared ??= { socket: io({ path: SOCKET_PATH, withCredentials: true }), holders: 0 };
  shared.holders++;
  return shared.socket;
}

export function releaseSessionSocket(socket: Socket): void {
  if (shared?.socket !== socket) return;
  if (--shared.holders > 0) return;
  socket.disconnect();
  shared = null;
}

import { io, type Socket } from 'socket.io-client';
import { RENEW_GUARD_MS, renewAfterRefusal } from '../features/auth/sessionRefresh.ts';
import { SOCKET_PATH, type ClientToServerEvents, type ServerToClientEvents } from '../../../shared/realtime.ts';

/** The page's connection to the server's pushes, typed by the events of shared/realtime.ts. */
export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let shared: { socket: RealtimeSocket; holders: number } | null = null;

/**
 * The one socket.io connection of the page, shared by every feature that
 * holds it (workflow, comments, sessions, reminders) and closed when the last
 * lets go. The server forgets a closed socket's rooms, so each holder joins
 * its rooms again on every 'connect'.
 */
export function acquireSocket(): RealtimeSocket {
  shared ??= { socket: renewingWhenRefused(io({ path: SOCKET_PATH, withCredentials: true })), holders: 0 };
  shared.holders++;
  return shared.socket;
}

/**
 * A handshake refused as unauthorized may only carry an access token that
 * expired while the page was away: the session is refreshed once and the
 * socket connects again (socket.io does not retry a refused handshake itself).
 */
function renewingWhenRefused(socket: RealtimeSocket): RealtimeSocket {
  let renewedAt = 0;
  socket.on('connect_error', (error) => {
    if (error.message !== 'unauthorized' || Date.now() - renewedAt <= RENEW_GUARD_MS) return;
    renewedAt = Date.now();
    void renewAfterRefusal().then((renewed) => renewed && socket.connect());
  });
  return socket;
}

export function releaseSocket(socket: RealtimeSocket): void {
  if (shared?.socket !== socket) return;
  if (--shared.holders > 0) return;
  socket.disconnect();
  shared = null;
}

import { RealtimeEvent, type JoinAck } from '../../../shared/realtime.ts';
import type { RealtimeSocket } from './socket.ts';

/** How many holders follow each case on a socket: the room is left when the last one stops. */
const followers = new WeakMap<RealtimeSocket, Map<string, number>>();

/**
 * Follows a case's pushes on the page's socket until the returned function is
 * called: joins its room now if connected and again on every reconnect, each
 * join acknowledged to `onJoined`. Several features follow one case on the one
 * socket, so the room is left only when the last of them stops.
 */
export function followCase(socket: RealtimeSocket, caseId: string, onJoined: JoinAck): () => void {
  const counts = followers.get(socket) ?? new Map<string, number>();
  followers.set(socket, counts);
  counts.set(caseId, (counts.get(caseId) ?? 0) + 1);
  const join = () => socket.emit(RealtimeEvent.join, caseId, onJoined);
  socket.on('connect', join);
  if (socket.connected) join();
  return () => {
    socket.off('connect', join);
    const left = (counts.get(caseId) ?? 1) - 1;
    if (left > 0) return void counts.set(caseId, left);
    counts.delete(caseId);
    socket.emit(RealtimeEvent.leave, caseId);
  };
}

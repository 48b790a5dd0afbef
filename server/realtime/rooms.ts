import { RealtimeEvent, userRoom } from '../../shared/realtime.ts';
import { joinCase, leaveCase, type CaseRoomDeps } from './caseRooms.ts';
import { announceWhenGone, joinSession, leaveSession, type SessionRoomDeps } from './sessionRooms.ts';
import type { IoServer } from './socketTypes.ts';

export type RoomDeps = CaseRoomDeps & SessionRoomDeps;

/** Every socket of one login (its token id, and its login session's id), on whichever node: logout ends them all through the adapter. */
export const tokenRoom = (tokenId: string) => `token:${tokenId}`;

/**
 * The rooms of a connected socket: its user's and its login's from the start
 * (reminders, logout), a case's and a session's when it asks and may. Every
 * argument arrives as unknown: the handlers parse it.
 */
export function handleRooms(io: IoServer, deps: RoomDeps): void {
  io.on('connection', (socket) => {
    const { user, claims } = socket.data;
    void socket.join([userRoom(user.id), tokenRoom(claims.jti), ...(claims.sid ? [tokenRoom(claims.sid)] : [])]);
    socket.on(RealtimeEvent.join, (caseId: unknown, ack: unknown) => void joinCase(socket, deps, { caseId }, ack));
    socket.on(RealtimeEvent.leave, (caseId: unknown) => leaveCase(socket, { caseId }));
    socket.on(RealtimeEvent.sessionJoin, (caseId: unknown, sessionId: unknown, ack: unknown) => void joinSession(socket, deps, { caseId, sessionId }, ack));
    socket.on(RealtimeEvent.sessionLeave, (sessionId: unknown) => leaveSession(socket, deps, { sessionId }));
    socket.on('disconnecting', () => announceWhenGone(socket, deps));
  });
}

import { JoinError, sessionRoom, SessionJoinPayload, SessionLeavePayload } from '../../shared/realtime.ts';
import type { WorkflowStore } from '../store/ports.ts';
import { ackOf, parsePayload } from './clientPayload.ts';
import type { AnnouncePresence } from './presence.ts';
import { roomRefusal, type AccessRoleOf } from './roomAccess.ts';
import type { IoSocket } from './socketTypes.ts';

const SESSION_ROOM_PREFIX = sessionRoom('');

export interface SessionRoomDeps {
  accessRole: AccessRoleOf;
  /** The case's workflow state, which holds its sessions. */
  workflow: Pick<WorkflowStore, 'load'>;
  announcePresence: AnnouncePresence;
}

/** `session:join`: present in a session of the case, as one of its physicians; the others are told. */
export async function joinSession(socket: IoSocket, deps: SessionRoomDeps, payload: { caseId: unknown; sessionId: unknown }, ack: unknown): Promise<void> {
  const reply = ackOf(ack);
  const parsed = parsePayload(SessionJoinPayload, payload);
  if (!parsed.ok) return reply(parsed);
  const { caseId, sessionId } = parsed.payload;
  if (await roomRefusal(deps.accessRole, caseId, socket.data.user.id, 'sessions')) return reply({ ok: false, error: JoinError.notAParticipant });
  if (!(await sessionInCase(deps, caseId, sessionId).catch(() => false))) return reply({ ok: false, error: JoinError.noSuchSession });
  socket.data.sessions[sessionId] = caseId;
  await socket.join(sessionRoom(sessionId));
  reply({ ok: true });
  await deps.announcePresence(sessionId);
}

/** `session:leave`: no longer present; the others are told. */
export function leaveSession(socket: IoSocket, deps: SessionRoomDeps, payload: { sessionId: unknown }): void {
  const parsed = parsePayload(SessionLeavePayload, payload);
  if (!parsed.ok) return;
  const { sessionId } = parsed.payload;
  delete socket.data.sessions[sessionId];
  void socket.leave(sessionRoom(sessionId));
  void deps.announcePresence(sessionId);
}

/** A disconnecting socket leaves its rooms only afterwards: then tell the sessions it was in who is left. */
export function announceWhenGone(socket: IoSocket, deps: SessionRoomDeps): void {
  const sessions = [...socket.rooms].filter((room) => room.startsWith(SESSION_ROOM_PREFIX)).map((room) => room.slice(SESSION_ROOM_PREFIX.length));
  setImmediate(() => sessions.forEach((sessionId) => void deps.announcePresence(sessionId)));
}

/** A session of the case, as its workflow holds it (states stored before sessions existed have none). */
async function sessionInCase(deps: SessionRoomDeps, caseId: string, sessionId: string): Promise<boolean> {
  return ((await deps.workflow.load(caseId))?.state.sessions ?? []).some((session) => session.id === sessionId);
}

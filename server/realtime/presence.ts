import type { Logger } from 'pino';
import { RealtimeEvent, sessionRoom, type SessionPresence } from '../../shared/realtime.ts';
import type { IoServer } from './socketTypes.ts';

/** Tells a live session who is present now; never rejects (a failure is logged). */
export type AnnouncePresence = (sessionId: string) => Promise<void>;

/** Presence in a live session: whoever has joined its room, on any node. */
export function presenceAnnouncer(io: IoServer, log: Logger): AnnouncePresence {
  return (sessionId) => announce(io, sessionId).catch((error: unknown) => log.warn({ cat: 'realtime', err: error }, 'session presence not announced'));
}

async function announce(io: IoServer, sessionId: string): Promise<void> {
  const sockets = await io.in(sessionRoom(sessionId)).fetchSockets();
  // One entry per user, however many sockets (tabs) they have in the session.
  const present = new Map<string, SessionPresence['present'][number]>();
  for (const { data } of sockets) present.set(data.user.id, { userId: data.user.id, name: data.user.name });
  const message: SessionPresence = { sessionId, present: [...present.values()] };
  io.to(sessionRoom(sessionId)).emit(RealtimeEvent.sessionPresence, message);
}

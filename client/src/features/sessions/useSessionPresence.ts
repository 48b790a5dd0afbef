import { useEffect, useState } from 'react';
import { RealtimeEvent, type SessionPresence } from '../../../../shared/realtime.ts';
import { acquireSocket, releaseSocket } from '../../realtime/socket.ts';

export type PresentUser = SessionPresence['present'][number];

/**
 * Takes part in a live session while mounted: joins its room (again after a
 * reconnect, since the server forgets a closed socket's rooms) and follows who
 * else is present. Null until the server has told; `sessionId` null joins nothing.
 */
export function useSessionPresence(caseId: string, sessionId: string | null): PresentUser[] | null {
  const [present, setPresent] = useState<PresentUser[] | null>(null);

  useEffect(() => {
    setPresent(null);
    if (!sessionId) return;
    let active = true;
    const socket = acquireSocket();
    // No acknowledgement needed: the presence the server then announces is the answer.
    const join = () => socket.emit(RealtimeEvent.sessionJoin, caseId, sessionId);
    const onPresence = (message: SessionPresence) => {
      if (active && message.sessionId === sessionId) setPresent(message.present);
    };
    socket.on('connect', join);
    socket.on(RealtimeEvent.sessionPresence, onPresence);
    if (socket.connected) join();
    return () => {
      active = false;
      socket.off('connect', join);
      socket.off(RealtimeEvent.sessionPresence, onPresence);
      socket.emit(RealtimeEvent.sessionLeave, sessionId);
      releaseSocket(socket);
    };
  }, [caseId, sessionId]);

  return present;
}

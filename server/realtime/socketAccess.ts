import type { Logger } from 'pino';
import { caseRoom, RealtimeEvent, sessionRoom, type AuthEnded } from '../../shared/realtime.ts';
import type { AccessRole } from '../../shared/roles.ts';
import type { TokenClaims } from '../auth/tokens.ts';
import { refusalFor } from '../policies/participation.ts';
import { sessionOf, type Authenticator } from '../auth/Authenticator.ts';
import type { AnyNodeSocket } from './socketTypes.ts';

/** How often every socket's access is checked again: the collaboration relay's interval (CollabServer). */
export const SOCKET_ACCESS_SWEEP_MS = 30_000;

/** setTimeout's longest delay; a token that lives longer is left to the sweep. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const CASE_ROOM_PREFIX = caseRoom('');

/**
 * What the checks need of a socket: one on this node, or one on any node as
 * fetchSockets gives it (whose disconnect returns another type than a local one's).
 */
export type HeldSocket = Pick<AnyNodeSocket, 'data' | 'rooms' | 'emit' | 'leave'> & { disconnect(close: boolean): unknown };

export interface SocketAccessDeps {
  accessRole(caseId: string, userId: string): Promise<AccessRole | null>;
  /** Whether the session is still valid (not logged out, account active, its sessions not ended). */
  authenticator: Pick<Authenticator, 'holderOf'>;
  log: Logger;
  /** A socket left a session room: tell the others who is still there. */
  presenceChanged(sessionId: string): void;
}

/**
 * Access can end while a socket is open, exactly as for the collaboration
 * connections (CollabServer.watchAccess): the token expires or is revoked
 * (logout, on any node), an administrator replaces a physician (possibly from
 * the command line, another process), a reviewer's dispute closes. A socket
 * whose login ended is told why and disconnected; one whose access to a case
 * ended is told (`case:revoked`) and leaves that case's rooms, and a socket no
 * longer a physician of the case leaves its session rooms.
 */
export class SocketAccess {
  private sweep: NodeJS.Timeout | null = null;

  constructor(
    private readonly deps: SocketAccessDeps,
    /** The sockets on this node. */
    private readonly local: () => Iterable<HeldSocket>,
  ) {}

  /** Starts re-checking every socket on this node periodically. */
  watch(intervalMs = SOCKET_ACCESS_SWEEP_MS): void {
    this.stop();
    this.sweep = setInterval(() => void this.sweepNow(), intervalMs);
    this.sweep.unref();
  }

  stop(): void {
    if (this.sweep) clearInterval(this.sweep);
    this.sweep = null;
  }

  /** Ends the socket when its token expires; returns what cancels that (on disconnect). */
  endAtExpiry(socket: HeldSocket): () => void {
    // A login session's socket outlives its access token: it ends with the session (the sweep, or closeSessionConnections).
    if (socket.data.claims.sid) return () => undefined;
    const delay = socket.data.claims.exp * 1000 - Date.now();
    if (delay > MAX_TIMER_MS) return () => undefined;
    const timer = setTimeout(() => endLogin(socket, 'expired'), Math.max(0, delay));
    timer.unref();
    return () => clearTimeout(timer);
  }

  /** Checks every socket on this node once. Resolves with how many were disconnected or lost a case. */
  sweepNow(): Promise<number> {
    return this.check([...this.local()]);
  }

  /** Checks these sockets (of any node); with `onlyCase`, only their access to that case and their login. */
  async check(sockets: HeldSocket[], onlyCase?: string): Promise<number> {
    const roles = new Map<string, Promise<AccessRole | null>>();
    const roleOf = (caseId: string, userId: string) => {
      const key = `${caseId}\n${userId}`;
      const known = roles.get(key) ?? this.deps.accessRole(caseId, userId);
      roles.set(key, known);
      return known;
    };
    let changed = 0;
    for (const socket of sockets) {
      try {
        if (await this.checkOne(socket, roleOf, onlyCase)) changed++;
      } catch (error) {
        this.deps.log.warn({ cat: 'realtime', err: error }, 'socket access check failed; keeping the socket');
      }
    }
    return changed;
  }

  private async checkOne(socket: HeldSocket, roleOf: (caseId: string, userId: string) => Promise<AccessRole | null>, onlyCase?: string): Promise<boolean> {
    const ended = await this.loginEnded(socket.data.claims);
    if (ended) {
      endLogin(socket, ended);
      return true;
    }
    let changed = false;
    for (const caseId of casesOf(socket)) {
      if (onlyCase !== undefined && caseId !== onlyCase) continue;
      if (this.narrow(socket, caseId, await roleOf(caseId, socket.data.user.id))) changed = true;
    }
    return changed;
  }

  private async loginEnded(claims: TokenClaims): Promise<AuthEnded['reason'] | null> {
    if (!claims.sid && claims.exp * 1000 <= Date.now()) return 'expired';
    return (await this.deps.authenticator.holderOf(sessionOf(claims))) ? null : 'revoked';
  }

  /** Takes the socket out of the case's rooms it may no longer be in; true when it left any. */
  private narrow(socket: HeldSocket, caseId: string, role: AccessRole | null): boolean {
    const mayFollow = refusalFor(role, 'read') === null;
    const following = !mayFollow && socket.rooms.has(caseRoom(caseId));
    const sessions = refusalFor(role, 'sessions') === null ? [] : sessionsOf(socket, caseId);
    if (!following && sessions.length === 0) return false;
    if (!mayFollow) socket.emit(RealtimeEvent.revoked, { caseId });
    if (following) socket.leave(caseRoom(caseId));
    for (const sessionId of sessions) {
      socket.leave(sessionRoom(sessionId));
      delete socket.data.sessions[sessionId];
      this.deps.presenceChanged(sessionId);
    }
    this.deps.log.info({ cat: 'realtime', caseId, userId: socket.data.user.id }, 'socket left a case it no longer has access to');
    return true;
  }
}

/** Tells the socket its login ended, then disconnects it (the client does not reconnect after that). */
export function endLogin(socket: HeldSocket, reason: AuthEnded['reason']): void {
  const message: AuthEnded = { reason };
  socket.emit(RealtimeEvent.authEnded, message);
  socket.disconnect(true);
}

/** The cases a socket follows or takes part in a session of. */
function casesOf(socket: HeldSocket): Set<string> {
  const cases = new Set<string>();
  for (const room of socket.rooms) if (room.startsWith(CASE_ROOM_PREFIX)) cases.add(room.slice(CASE_ROOM_PREFIX.length));
  for (const [sessionId, caseId] of Object.entries(socket.data.sessions)) if (socket.rooms.has(sessionRoom(sessionId))) cases.add(caseId);
  return cases;
}

function sessionsOf(socket: HeldSocket, caseId: string): string[] {
  return Object.entries(socket.data.sessions)
    .filter(([sessionId, of]) => of === caseId && socket.rooms.has(sessionRoom(sessionId)))
    .map(([sessionId]) => sessionId);
}

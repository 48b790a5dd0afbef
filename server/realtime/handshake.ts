import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import type { ServerOptions } from 'socket.io';
import { HandshakeAuth } from '../../shared/realtime.ts';
import type { Audit } from '../audit/Audit.ts';
import { tokenFromHeaders, type Authenticator } from '../auth/Authenticator.ts';
import { SocketsPerUser } from './socketCap.ts';
import { socketActor } from './socketActor.ts';
import type { IoServer, IoSocket } from './socketTypes.ts';

/** What a refused handshake tells the client (socket.io's connect_error message). */
export const HandshakeError = {
  unauthorized: 'unauthorized',
  tooManyConnections: 'too many connections',
  unavailable: 'unavailable',
  /** The HTTP body of a handshake the origin hook refused. */
  originNotAllowed: 'origin not allowed',
} as const;

type HandshakeRefusal = (typeof HandshakeError)[keyof typeof HandshakeError];

export interface HandshakeDeps {
  authenticator: Authenticator;
  audit: Audit;
  log: Logger;
  /** Proxy hops whose X-Forwarded-For is trusted (TRUST_PROXY), for the client address in the audit. */
  trustProxy: number;
}

/**
 * Lets a socket in only with a valid login, by the session cookie or
 * `auth.token`, and only while its user holds fewer than the cap of sockets
 * on this node; the socket then carries its user (SocketData).
 */
export function authenticateSockets(io: IoServer, deps: HandshakeDeps): void {
  const perUser = new SocketsPerUser();
  io.use(async (socket, next) => {
    try {
      const refusal = await admit(socket, deps, perUser);
      next(refusal === null ? undefined : new Error(refusal));
    } catch (error) {
      deps.log.error({ cat: 'realtime', err: error }, 'socket authentication failed');
      next(new Error(HandshakeError.unavailable));
    }
  });
}

/** Authenticates the handshake and takes the user's place on this node; null when admitted. */
async function admit(socket: IoSocket, deps: HandshakeDeps, perUser: SocketsPerUser): Promise<HandshakeRefusal | null> {
  const principal = await deps.authenticator.authenticate(handshakeToken(socket));
  if (!principal) return HandshakeError.unauthorized;
  const { id, username, name, role, organisationId } = principal.user;
  const user = { id, username, name, role, organisationId };
  // The client may have gone while the token was checked; then nothing would give the place back.
  if (socket.conn.readyState !== 'open') return HandshakeError.unavailable;
  if (!perUser.take(user.id, socket.id)) {
    await deps.audit.record(socketActor(socket, user, deps.trustProxy), {
      action: 'denied',
      outcome: 'denied',
      object: 'socket',
      detail: 'too-many-connections',
    });
    return HandshakeError.tooManyConnections;
  }
  const release = () => perUser.release(user.id, socket.id);
  socket.conn.once('close', release);
  socket.once('disconnect', release);
  socket.data = { user, claims: principal.claims, sessions: {} };
  return null;
}

/** The token of `auth.token` (a non-browser client), else the one of the session cookie or Authorization header. */
function handshakeToken(socket: IoSocket): string | null {
  const auth = HandshakeAuth.safeParse(socket.handshake.auth);
  return auth.success ? auth.data.token : tokenFromHeaders(socket.request.headers);
}

/** socket.io's allowRequest around the origin hook: a refusal answers 403 with a message saying why. */
export function originCheck(checkOrigin: (request: IncomingMessage) => boolean, log: Logger): ServerOptions['allowRequest'] {
  return (request, callback) => {
    let allowed = false;
    try {
      allowed = checkOrigin(request);
    } catch (error) {
      log.warn({ cat: 'realtime', err: error }, 'origin check failed; refusing the handshake');
    }
    callback(allowed ? null : HandshakeError.originNotAllowed, allowed);
  };
}

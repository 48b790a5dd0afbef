import type { AuditActor } from '../audit/Audit.ts';
import { clientAddress } from '../net/clientAddress.ts';
import type { IoSocket, SocketUser } from './socketTypes.ts';

/** Who is behind a socket, for the audit: the user, and where the handshake came from. */
export function socketActor(socket: IoSocket, user: SocketUser, trustProxy: number): AuditActor {
  return {
    userId: user.id,
    username: user.username,
    role: user.role,
    organisationId: user.organisationId,
    ip: clientAddress(socket.request, trustProxy),
    userAgent: socket.handshake.headers['user-agent'] ?? null,
  };
}

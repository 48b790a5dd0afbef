/**
 * Simultaneous socket.io connections one user may hold on one node. A browser
 * page holds one (client/src/realtime/socket.ts), so this leaves room for many
 * tabs, and reconnects whose old socket the server has not yet seen close,
 * while one account cannot tie up a node with sockets.
 * Counted per node: counting over every node would cost a Redis round trip
 * per handshake, and a user's sockets spread over N nodes are at most N times this.
 */
export const MAX_SOCKETS_PER_USER = 16;

/** The sockets each user holds on this node, so that a handshake over the cap can be refused. */
export class SocketsPerUser {
  private readonly byUser = new Map<string, Set<string>>();

  constructor(private readonly max: number = MAX_SOCKETS_PER_USER) {}

  /** Takes a place for the socket; false (and nothing taken) when the user already holds the maximum. */
  take(userId: string, socketId: string): boolean {
    const held = this.byUser.get(userId) ?? new Set<string>();
    if (held.size >= this.max) return false;
    held.add(socketId);
    this.byUser.set(userId, held);
    return true;
  }

  /** Gives the place back; calling it twice for one socket is harmless. */
  release(userId: string, socketId: string): void {
    const held = this.byUser.get(userId);
    if (!held?.delete(socketId)) return;
    if (held.size === 0) this.byUser.delete(userId);
  }
}

import type { IncomingMessage } from 'node:http';

/**
 * The client's address as express computes `req.ip` with "trust proxy" set to
 * a number of hops: the peer, then the X-Forwarded-For entries from the
 * nearest, and the entry `trustedHops` away from us (or the furthest) is the
 * client. Used where express does not run: websocket upgrades and socket.io.
 */
export function clientAddress(request: IncomingMessage, trustedHops: number): string | null {
  const peer = request.socket.remoteAddress ?? null;
  if (trustedHops <= 0 || !peer) return peer;
  const header = request.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = [peer, ...forwarded.reverse()];
  return chain[Math.min(trustedHops, chain.length - 1)]!;
}

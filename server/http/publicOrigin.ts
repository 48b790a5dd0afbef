import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The origin absolute links point to (the .ics file's session link). It comes
 * from PUBLIC_URL, never from a request's Host header, which the client
 * chooses. Without PUBLIC_URL the links name this machine's own port, which
 * is right for a workspace run on one's own computer.
 */
export function publicOriginOf(configured: string | undefined, server: Server): () => string {
  if (configured) return () => configured;
  return () => {
    const address = server.address() as AddressInfo | null;
    return address ? `http://localhost:${address.port}` : 'http://localhost';
  };
}

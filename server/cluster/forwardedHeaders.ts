import type { IncomingMessage } from 'node:http';

/** Headers that describe one hop's connection, not the message (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);
const FORWARDED_FOR = new Set(['x-forwarded-for']);

/**
 * The request's headers for the backend, as the client sent them (names,
 * order and repeats kept), with the client's address appended to
 * X-Forwarded-For: a node trusts as many hops as there are proxies
 * (TRUST_PROXY), so it reads the address this proxy wrote, never one a client
 * made up. X-Forwarded-Proto is kept when a TLS proxy in front set it, else
 * `http`. An upgrade keeps its Connection and Upgrade headers: they are the
 * request.
 */
export function requestHeaders(request: IncomingMessage, { upgrade }: { upgrade: boolean }): string[] {
  const dropped = upgrade ? FORWARDED_FOR : new Set([...FORWARDED_FOR, ...HOP_BY_HOP, ...connectionTokens(request.rawHeaders)]);
  const headers = withoutHeaders(request.rawHeaders, dropped);
  const client = request.socket.remoteAddress ?? 'unknown';
  const previous = request.headers['x-forwarded-for'];
  headers.push('X-Forwarded-For', previous ? `${previous}, ${client}` : client);
  if (request.headers['x-forwarded-proto'] === undefined) headers.push('X-Forwarded-Proto', 'http');
  return headers;
}

/** The backend's response headers for the client, without its hop-by-hop headers. */
export function responseHeaders(rawHeaders: readonly string[]): string[] {
  return withoutHeaders(rawHeaders, new Set([...HOP_BY_HOP, ...connectionTokens(rawHeaders)]));
}

/** The request line and headers of an upgrade, to write on a raw socket. */
export function upgradeRequestHead(request: IncomingMessage): string {
  const headers = requestHeaders(request, { upgrade: true });
  const lines = [`${request.method} ${request.url} HTTP/1.1`];
  for (let i = 0; i < headers.length; i += 2) lines.push(`${headers[i]}: ${headers[i + 1]}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** A cookie's value from a request's Cookie header. */
export function cookieValue(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

function withoutHeaders(rawHeaders: readonly string[], names: ReadonlySet<string>): string[] {
  const kept: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    if (!names.has(name.toLowerCase())) kept.push(name, rawHeaders[i + 1]!);
  }
  return kept;
}

/** Header names a Connection header lists are hop-by-hop too. */
function connectionTokens(rawHeaders: readonly string[]): string[] {
  const tokens: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.toLowerCase() !== 'connection') continue;
    for (const token of rawHeaders[i + 1]!.split(',')) tokens.push(token.trim().toLowerCase());
  }
  return tokens.filter(Boolean);
}

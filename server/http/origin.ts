import type { IncomingHttpHeaders } from 'node:http';

/**
 * Which origin the workspace is served from, so that a browser request made
 * by another site's page can be told apart from our own client's.
 */
export interface OriginPolicy {
  /** PUBLIC_URL's origin (`https://werkplek.example.nl`); null: the request's own Host. */
  publicOrigin: string | null;
  /** Proxy hops that are trusted (TRUST_PROXY); only then does X-Forwarded-Proto name the scheme. */
  trustProxy: number;
}

/** The part of a request the decision reads: its headers, nothing else. */
export interface OriginRequest {
  headers: IncomingHttpHeaders;
}

/** Methods that change something; GET and HEAD never do here. */
const STATE_CHANGING_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isStateChanging(method: string | undefined): boolean {
  return method !== undefined && STATE_CHANGING_METHODS.has(method.toUpperCase());
}

/**
 * The origin a browser on our own pages names in `Origin`: PUBLIC_URL's when
 * configured, otherwise the scheme and Host of the request itself. Null when
 * the request names no usable Host.
 */
export function ownOrigin(request: OriginRequest, policy: OriginPolicy): string | null {
  if (policy.publicOrigin) return policy.publicOrigin;
  const host = single(request.headers.host);
  if (!host) return null;
  return normalizeOrigin(`${schemeOf(request, policy.trustProxy)}://${host}`);
}

/**
 * Whether a request may go on: one without `Origin` is not a browser's
 * cross-site request (curl, the y-websocket provider in Node, another server;
 * the cookie is SameSite=Strict and bearer tokens are never sent by a browser
 * on its own), so only a present Origin is compared, exactly.
 */
export function originAllowed(request: OriginRequest, policy: OriginPolicy): boolean {
  const origin = single(request.headers.origin);
  if (origin === undefined) return true;
  const own = ownOrigin(request, policy);
  return own !== null && normalizeOrigin(origin) === own;
}

/** `scheme://host[:port]` in URL's canonical form (lower case, default port left out); null when not an http(s) origin. */
export function normalizeOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** The server itself speaks plain HTTP; a trusted proxy in front says whether the browser used HTTPS. */
function schemeOf(request: OriginRequest, trustProxy: number): 'http' | 'https' {
  if (trustProxy <= 0) return 'http';
  // The first entry was set by the proxy the browser talked to.
  const forwarded = single(request.headers['x-forwarded-proto'])?.split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https' ? 'https' : 'http';
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

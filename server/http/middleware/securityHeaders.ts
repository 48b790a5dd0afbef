import type { RequestHandler } from 'express';

/** How long a browser keeps to HTTPS once it saw Strict-Transport-Security: one year. */
export const HSTS_MAX_AGE_SECONDS = 365 * 24 * 3600;

/**
 * Only our own origin, for everything. `connect-src 'self'` also covers the
 * websockets (/collab, /socket.io) on the same host and port: CSP Level 3
 * matches ws:/wss: to 'self', so a bare `ws:`, which would allow any host, is
 * not needed. Styles allow inline attributes, which the editor sets.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** The workspace needs none of these browser features; no embedded content may ask for them either. */
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'hid',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'serial',
  'usb',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

export interface SecurityHeaderOptions {
  /** COOKIE_SECURE: the workspace is served over HTTPS, so browsers may be told to keep to it. */
  https: boolean;
}

/** The headers of every response: what a browser may load, embed and share with other origins. */
export function securityHeaderList(options: SecurityHeaderOptions): [string, string][] {
  const headers: [string, string][] = [
    ['Content-Security-Policy', CONTENT_SECURITY_POLICY],
    ['Permissions-Policy', PERMISSIONS_POLICY],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Cross-Origin-Resource-Policy', 'same-origin'],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'no-referrer'],
    ['X-Frame-Options', 'DENY'],
  ];
  // Over plain HTTP the header is ignored at best, and a mistake at worst: only with HTTPS.
  if (options.https) headers.push(['Strict-Transport-Security', `max-age=${HSTS_MAX_AGE_SECONDS}`]);
  return headers;
}

/** Sets the security headers on every response express answers (socket.io's own answers: see app.ts). */
export function securityHeaders(options: SecurityHeaderOptions): RequestHandler {
  const headers = securityHeaderList(options);
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}

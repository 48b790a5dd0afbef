import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HSTS_MAX_AGE_SECONDS } from '../../server/http/middleware/securityHeaders.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';

/** A CSP header as directive -> sources. */
function directives(csp: string | null): Map<string, string[]> {
  return new Map(
    (csp ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

/** Answers of every kind: a page-less health check, an API refusal, an unknown route, socket.io's own long-polling answer. */
const PATHS = ['/healthz', '/api/me', '/no-such-page', '/socket.io/?EIO=4&transport=polling'];

describe('security headers', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it.each(PATHS)('%s carries the policy: only our own origin, websockets included, nothing framed, embedded or shared', async (path) => {
    const response = await fetch(`${server.url}${path}`);
    const csp = directives(response.headers.get('content-security-policy'));
    expect(csp.get('default-src')).toEqual(["'self'"]);
    // 'self' covers ws:/wss: to this host and port (CSP Level 3); a bare ws: would allow any host.
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(response.headers.get('content-security-policy')).not.toMatch(/\b(ws|wss):/);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    for (const feature of ['camera', 'microphone', 'geolocation']) expect(response.headers.get('permissions-policy')).toContain(`${feature}=()`);
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('no Strict-Transport-Security over plain HTTP (COOKIE_SECURE=false)', async () => {
    expect((await fetch(`${server.url}/healthz`)).headers.get('strict-transport-security')).toBeNull();
  });
});

describe('security headers behind HTTPS (COOKIE_SECURE=true)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ config: { COOKIE_SECURE: true } });
  });
  afterAll(() => server.close());

  it.each(PATHS)('%s tells the browser to keep to HTTPS for a year', async (path) => {
    const response = await fetch(`${server.url}${path}`);
    expect(response.headers.get('strict-transport-security')).toBe(`max-age=${HSTS_MAX_AGE_SECONDS}`);
  });
});

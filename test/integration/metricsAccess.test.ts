import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config.ts';
import { api } from '../helpers/http.ts';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.ts';
import { startTestServer, TEST_SECRET, type TestServer } from '../helpers/testServer.ts';
import { makeTempDir } from '../helpers/tmp.ts';

const TOKEN = 'metrics-token-that-is-long-enough-0123456789';
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('/metrics on the public port without METRICS_TOKEN', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('is refused (403) whatever the request sends, and says how to enable it', async () => {
    for (const headers of [{}, bearer(TOKEN)]) {
      const response = await api(server.url, 'GET', '/metrics', { headers });
      expect(response.status).toBe(403);
      expect(response.body.error.id).toBe('metrics.token_required');
      expect(JSON.stringify(response.body)).not.toContain('http_requests_total');
    }
  });

  it('is served without a token on the loopback listener (METRICS_PORT), which answers nothing else', async () => {
    const { url } = await server.workspace.listenMetrics(0);
    expect(new URL(url).hostname).toBe('127.0.0.1');
    const metrics = await fetch(url);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(await metrics.text()).toContain('collab_connections 0');
    expect((await fetch(new URL('/api/me', url))).status).toBe(404);
    expect((await fetch(new URL('/healthz', url))).status).toBe(404);
  });
});

describe('/metrics on the public port with METRICS_TOKEN', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ config: { METRICS_TOKEN: TOKEN } });
  });
  afterAll(() => server.close());

  it('without the token, or with a wrong one, answers 401 with a Bearer challenge', async () => {
    for (const headers of [{}, bearer(`${TOKEN}x`), bearer(TOKEN.slice(1)), { Authorization: TOKEN }]) {
      const response = await api(server.url, 'GET', '/metrics', { headers });
      expect(response.status).toBe(401);
      expect(response.body.error.id).toBe('metrics.unauthorized');
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });

  it('with the token, serves Prometheus text, never cached', async () => {
    const response = await fetch(`${server.url}/metrics`, { headers: bearer(TOKEN) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.text()).toContain('process_resident_memory_bytes');
  });
});

describe('the metrics settings', () => {
  it('a METRICS_TOKEN shorter than 32 characters, or a METRICS_PORT equal to PORT, stops the server', () => {
    expect(() => parseConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(() => parseConfig({ PORT: '3000', METRICS_PORT: '3000' })).toThrow(/METRICS_PORT/);
    expect(parseConfig({ METRICS_PORT: '9464' }).METRICS_PORT).toBe(9464);
  });
});

describe('METRICS_PORT in the built server (npm start)', () => {
  let node: ServerProcess | null = null;
  const tmp = makeTempDir('cw-metrics-');
  afterEach(async () => {
    await node?.kill('SIGTERM');
    node = null;
  });
  afterAll(() => tmp.remove());

  it('starts the loopback listener and logs its address; the public port still refuses', async () => {
    node = await startServerProcess({ DATA_DIR: tmp.dir, JWT_SECRET: TEST_SECRET, METRICS_PORT: '0' });
    const listening = node.output
      .map((line) => JSON.parse(line.startsWith('{') ? line : '{}') as { msg?: string; metricsUrl?: string })
      .find((entry) => entry.msg === 'listening');
    const metricsUrl = listening?.metricsUrl;
    expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect((await fetch(metricsUrl!)).status).toBe(200);
    expect((await fetch(`${node.url}/metrics`)).status).toBe(403);
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { formatDocName } from '../../shared/docNames.ts';
import type { ConsultationSession } from '../../shared/workflow/types.ts';
import { SESSION_COOKIE } from '../../server/auth/Authenticator.ts';
import { DEMO_CASE_ID, DEMO_PASSWORD } from '../../server/seed.ts';
import { api } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';
import { WorkflowClient } from '../helpers/workflowClient.ts';

const EVIL = 'https://evil.example';
const occupational = formatDocName({ caseId: DEMO_CASE_ID, part: 'occupational' });

/** Logs in and returns the session cookie, as a browser would keep it. */
async function sessionCookie(server: TestServer, username: string): Promise<string> {
  const response = await api(server.url, 'POST', '/api/auth/login', { body: { username, password: DEMO_PASSWORD } });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  expect(cookie.startsWith(`${SESSION_COOKIE}=`)).toBe(true);
  return cookie;
}

/** Opens a raw websocket to a collaboration document and reports how the handshake ended. */
function collabHandshake(server: TestServer, cookie: string, origin: string | undefined): Promise<{ opened: boolean; status: number | null }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${server.collabUrl}/${occupational}`, { headers: { Cookie: cookie }, ...(origin ? { origin } : {}) });
    ws.on('open', () => {
      ws.close();
      resolve({ opened: true, status: 101 });
    });
    ws.on('unexpected-response', (_request, response) => {
      ws.terminate();
      resolve({ opened: false, status: response.statusCode ?? null });
    });
    ws.on('error', () => resolve({ opened: false, status: null }));
  });
}

describe('writes from pages of another site (Origin)', () => {
  let server: TestServer;
  let ba: WorkflowClient;
  let cookie: string;
  const sockets: Socket[] = [];
  const cookieWrite = (path: string, origin: string | undefined, body: unknown = {}) =>
    api(server.url, 'POST', `/api/cases/${DEMO_CASE_ID}${path}`, { cookie, body, headers: origin ? { Origin: origin } : {} });

  beforeAll(async () => {
    server = await startTestServer();
    ba = new WorkflowClient(server, await server.login('ba.demo'), DEMO_CASE_ID);
    cookie = await sessionCookie(server, 'ba.demo');
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(() => server.close());

  it('a foreign Origin with a valid cookie cannot cancel a session or flag a section; nothing changes and the refusal is audited', async () => {
    const scheduled = await ba.post('/sessions', {
      scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
      durationMinutes: 30,
      mode: 'video',
      agenda: [],
    });
    expect(scheduled.status).toBe(201);
    const session = (scheduled.body.workflow.sessions as ConsultationSession[]).at(-1)!;
    const before = await ba.workflow();

    const cancel = await cookieWrite(`/sessions/${session.id}/cancel`, EVIL, { reason: 'weg ermee' });
    expect(cancel.status).toBe(403);
    expect(cancel.body.error.id).toBe('origin.forbidden');
    const flag = await cookieWrite('/sections/d240/flag', EVIL, { rationale: 'Uren', kind: 'hours' });
    expect(flag.status).toBe(403);
    expect(flag.body.error.id).toBe('origin.forbidden');
    const sandboxed = await cookieWrite('/sections/d240/flag', 'null', { rationale: 'Uren', kind: 'hours' });
    expect(sandboxed.status).toBe(403);

    const after = await ba.workflow();
    expect(after.seq).toBe(before.seq);
    expect(after.sessions.find((s) => s.id === session.id)?.status).toBe('scheduled');
    expect(after.sections.d240).toEqual(before.sections.d240);
    const refusals = await server.stores.audit.list({ action: 'denied' });
    expect(refusals.find((row) => row.object === `POST /api/cases/${DEMO_CASE_ID}/sessions/${session.id}/cancel`)).toMatchObject({
      outcome: 'denied',
      detail: `foreign-origin ${EVIL}`,
      ip: expect.any(String),
    });
  });

  it('a foreign Origin cannot log in or out either', async () => {
    const login = await api(server.url, 'POST', '/api/auth/login', { body: { username: 'va.demo', password: DEMO_PASSWORD }, headers: { Origin: EVIL } });
    expect(login.status).toBe(403);
    expect(login.headers.get('set-cookie')).toBeNull();
    const logout = await api(server.url, 'POST', '/api/auth/logout', { cookie, headers: { Origin: EVIL } });
    expect(logout.status).toBe(403);
    expect((await api(server.url, 'GET', '/api/me', { cookie })).status).toBe(200);
  });

  it('our own origin, and requests without Origin (curl, other servers), still write', async () => {
    const own = await cookieWrite('/sections/d430/flag', server.url, { rationale: 'Tilgewicht', kind: 'capacity' });
    expect(own.status).toBe(200);
    expect(own.body.workflow.sections.d430.status).toBe('disagreement');
    const withdrawn = await cookieWrite('/sections/d430/withdraw-flag', undefined);
    expect(withdrawn.status).toBe(200);
    // Reading is not a write: a foreign Origin on a GET changes nothing and is answered as usual.
    expect((await api(server.url, 'GET', '/api/me', { cookie, headers: { Origin: EVIL } })).status).toBe(200);
  });

  it('the collaboration websocket refuses a foreign Origin before the handshake (403), and audits it', async () => {
    expect(await collabHandshake(server, cookie, EVIL)).toEqual({ opened: false, status: 403 });
    expect(await collabHandshake(server, cookie, server.url)).toEqual({ opened: true, status: 101 });
    expect(await collabHandshake(server, cookie, undefined)).toEqual({ opened: true, status: 101 });
    const refusals = await server.stores.audit.list({ action: 'denied' });
    const row = refusals.find((r) => r.object === `WS /collab/${occupational}`);
    expect(row).toMatchObject({ detail: `foreign-origin ${EVIL}` });
  });

  it.each([['websocket'], ['polling']] as const)('socket.io refuses a %s handshake from a foreign Origin, and accepts our own', async (transport) => {
    const token = await server.login('ba.demo');
    const connect = (origin: string) => {
      const socket = io(server.url, { path: '/socket.io', transports: [transport], auth: { token }, extraHeaders: { Origin: origin }, reconnection: false });
      sockets.push(socket);
      return new Promise<'connected' | string>((resolve) => {
        socket.once('connect', () => resolve('connected'));
        socket.once('connect_error', (error) => resolve(error.message));
      });
    };
    expect(await connect(EVIL)).not.toBe('connected');
    expect(await connect(server.url)).toBe('connected');
    await waitFor(async () => (await server.stores.audit.list({ action: 'denied' })).some((r) => r.object === 'socket.io handshake'), {
      what: 'the audit row',
    });
  });
});

describe('PUBLIC_URL names the only origin that may write', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ config: { PUBLIC_URL: 'https://werkplek.example.nl' } });
  });
  afterAll(() => server.close());

  it('the public origin writes; the Host-derived one is refused then', async () => {
    const cookie = await sessionCookie(server, 'va.demo');
    const write = (origin: string) =>
      api(server.url, 'POST', `/api/cases/${DEMO_CASE_ID}/sections/d240/flag`, {
        cookie,
        body: { rationale: 'Uren', kind: 'hours' },
        headers: { Origin: origin },
      });
    expect((await write(server.url)).status).toBe(403);
    expect((await write('https://werkplek.example.nl')).status).toBe(200);
  });
});

describe('the API reads JSON bodies only', () => {
  let server: TestServer;
  let ba: WorkflowClient;
  beforeAll(async () => {
    server = await startTestServer();
    ba = new WorkflowClient(server, await server.login('ba.demo'), DEMO_CASE_ID);
  });
  afterAll(() => server.close());

  const rawPost = (path: string, contentType: string | null, body: string | undefined) =>
    fetch(`${server.url}/api/cases/${DEMO_CASE_ID}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ba.token}`, ...(contentType ? { 'Content-Type': contentType } : {}) },
      body,
    });

  it.each([
    ['text/plain', '{"rationale":"Uren","kind":"hours"}'],
    ['application/x-www-form-urlencoded', 'rationale=Uren&kind=hours'],
    ['multipart/form-data; boundary=x', '--x--'],
    ['application/jsonp', '{"rationale":"Uren","kind":"hours"}'],
  ])('a %s body is refused with 415 and changes nothing', async (contentType, body) => {
    const before = (await ba.workflow()).seq;
    const response = await rawPost('/sections/d240/flag', contentType, body);
    expect(response.status).toBe(415);
    expect(((await response.json()) as { error: { id: string } }).error.id).toBe('content_type.unsupported');
    expect((await ba.workflow()).seq).toBe(before);
  });

  it('a text/plain "simple request" to a route without a body schema is refused too', async () => {
    const before = (await ba.workflow()).seq;
    expect((await rawPost('/sections/d240/propose', 'text/plain', 'x')).status).toBe(415);
    expect((await ba.workflow()).seq).toBe(before);
  });

  it('application/json (with a charset) is read, and a write without a body needs no type', async () => {
    expect((await rawPost('/sections/d175/flag', 'application/json; charset=utf-8', '{"rationale":"Probleemoplossing","kind":"other"}')).status).toBe(200);
    expect((await rawPost('/sections/d175/withdraw-flag', null, undefined)).status).toBe(200);
  });
});

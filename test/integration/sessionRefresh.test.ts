import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { formatDocName } from '../../shared/docNames.ts';
import { CloseCode } from '../../shared/limits.ts';
import { RealtimeEvent, type AuthEnded } from '../../shared/realtime.ts';
import { REFRESH_COOKIE } from '../../server/auth/sessions.ts';
import type { TokenClaims } from '../../server/auth/tokens.ts';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { connectDoc, sectionText, typeInto, type CollabClient } from '../helpers/collabClient.ts';
import { api } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';
import { sleep, waitFor } from '../helpers/waitFor.ts';

const JOINT = formatDocName({ caseId: DEMO_CASE_ID, part: 'joint' });
const SECTION = 'd160';
/** Tiny limits, as config in minutes and hours, so that a test sees them pass in seconds. */
const seconds = { asMinutes: (s: number) => s / 60, asHours: (s: number) => s / 3600 };

/** One device's login: its access token and its refresh token, as the cookies carry them. */
interface Device {
  token: string;
  refresh: string;
  sessionExpiresAt: number;
}

const cookieValue = (headers: Headers, name: string): string | null => {
  for (const cookie of headers.getSetCookie()) {
    const [pair] = cookie.split(';');
    const index = pair!.indexOf('=');
    if (pair!.slice(0, index) === name) return decodeURIComponent(pair!.slice(index + 1));
  }
  return null;
};

async function logIn(server: TestServer, username: string): Promise<Device & { setCookies: string[] }> {
  const response = await api(server.url, 'POST', '/api/auth/login', { body: { username, password: 'demo' } });
  expect(response.status).toBe(200);
  const refresh = cookieValue(response.headers, REFRESH_COOKIE);
  expect(refresh).toBeTruthy();
  return { token: response.body.token, refresh: refresh!, sessionExpiresAt: response.body.sessionExpiresAt, setCookies: response.headers.getSetCookie() };
}

async function refresh(server: TestServer, refreshToken: string, active = true) {
  return api(server.url, 'POST', '/api/auth/refresh', { cookie: `${REFRESH_COOKIE}=${encodeURIComponent(refreshToken)}`, body: { active } });
}

/** Refreshes a device in place (as the browser does); throws when refused. */
async function refreshed(server: TestServer, device: Device, active = true): Promise<Device> {
  const response = await refresh(server, device.refresh, active);
  expect(response.status).toBe(200);
  device.token = response.body.token;
  device.refresh = cookieValue(response.headers, REFRESH_COOKIE)!;
  return device;
}

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as TokenClaims;

const sockets: Socket[] = [];
const docs: CollabClient[] = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  for (const doc of docs.splice(0)) doc.destroy();
});

/** A socket.io client as the browser's, collecting `auth:ended`. */
async function listen(server: TestServer, token: string) {
  const socket = io(server.url, { path: '/socket.io', transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
  sockets.push(socket);
  const ended: AuthEnded[] = [];
  socket.on(RealtimeEvent.authEnded, (message: AuthEnded) => ended.push(message));
  const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket, ended, disconnected };
}

function open(server: TestServer, token: string): CollabClient {
  const client = connectDoc(server.collabUrl, JOINT, token);
  docs.push(client);
  return client;
}

const closedWith = (client: CollabClient, code: number) =>
  waitFor(() => client.closes.some((c) => c.code === code), { what: `close ${code}`, timeoutMs: 10_000 });

describe('sessions that refresh', () => {
  it('login: a short-lived access token with the session id, the refresh token in its own httpOnly cookie on /api/auth', async () => {
    const server = await startTestServer({ store: 'memory', config: { ACCESS_TOKEN_TTL_SECONDS: 300 } });
    const device = await logIn(server, 'ba.demo');
    const claims = claimsOf(device.token);
    expect(claims.exp - claims.iat).toBe(300);
    expect(claims.sid).toMatch(/^[0-9a-f-]{36}$/);
    const cookie = device.setCookies.find((c) => c.startsWith(`${REFRESH_COOKIE}=`))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Path=\/api\/auth/);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(device.sessionExpiresAt - claims.iat).toBe(12 * 3600);
    // The session record keeps the refresh token's hash, never the token.
    const session = await server.stores.sessions.find(claims.sid!);
    expect(session?.refreshHash).not.toContain(device.refresh);
    expect(JSON.stringify(session)).not.toContain(device.refresh);
  });

  it('refresh rotates: a new access token and refresh token; the old refresh token used again ends the session', async () => {
    const server = await startTestServer({ store: 'memory' });
    const first = await logIn(server, 'ba.demo');
    const old = first.refresh;
    const response = await refresh(server, old);
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(['expiresAt', 'sessionExpiresAt', 'token', 'user']);
    const next = cookieValue(response.headers, REFRESH_COOKIE)!;
    expect(next).not.toBe(old);
    expect(claimsOf(response.body.token).sid).toBe(claimsOf(first.token).sid);
    expect((await api(server.url, 'GET', '/api/me', { token: response.body.token })).status).toBe(200);

    // Someone replays the old one: refused, and the whole session ends (the thief's and the owner's tokens).
    const replay = await refresh(server, old);
    expect(replay.status).toBe(401);
    expect(replay.body.error.id).toBe('session_ended');
    expect((await refresh(server, next)).status).toBe(401);
    expect((await api(server.url, 'GET', '/api/me', { token: response.body.token })).status).toBe(401);
    expect((await server.stores.sessions.find(claimsOf(first.token).sid!))?.endReason).toBe('refresh-reuse');

    const rows = await server.stores.audit.list({ action: 'login' });
    const reuse = rows.find((row) => row.object === 'session-refresh' && row.detail === 'refresh-reuse');
    expect(reuse).toMatchObject({ outcome: 'failure', username: 'ba.demo' });
    for (const row of rows) expect(JSON.stringify(row)).not.toContain(old.split('.')[1]!);
  });

  it('a made-up refresh token, a malformed body or none at all: 401/400, and the session goes on', async () => {
    const server = await startTestServer({ store: 'memory' });
    const device = await logIn(server, 'ba.demo');
    const [sessionId] = device.refresh.split('.');
    expect((await refresh(server, `${sessionId}.forged.forged`)).status).toBe(401);
    expect((await api(server.url, 'POST', '/api/auth/refresh', { body: { active: true } })).status).toBe(401);
    const bad = await api(server.url, 'POST', '/api/auth/refresh', { cookie: `${REFRESH_COOKIE}=${device.refresh}`, body: { active: 'yes' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('active');
    await refreshed(server, device);
    expect((await api(server.url, 'GET', '/api/me', { token: device.token })).status).toBe(200);
  });

  it('refresh keeps an open document connection and socket past the access token; the provider reconnects with the new token', async () => {
    const server = await startTestServer({ store: 'memory', config: { ACCESS_TOKEN_TTL_SECONDS: 3 } });
    const ba = await logIn(server, 'ba.demo');
    const va = await logIn(server, 'va.demo');
    const baSocket = await listen(server, ba.token);
    const baDoc = open(server, ba.token);
    const vaDoc = open(server, va.token);
    await Promise.all([baDoc.synced(), vaDoc.synced()]);

    // The first access tokens expire; the devices refresh; the server re-checks every open connection.
    await waitFor(() => claimsOf(ba.token).exp * 1000 < Date.now() && claimsOf(va.token).exp * 1000 < Date.now(), {
      what: 'the first tokens expire',
      timeoutMs: 6_000,
    });
    await refreshed(server, ba);
    await refreshed(server, va);
    expect(await server.workspace.checkAccessNow()).toBe(0);
    typeInto(baDoc.doc, SECTION, 'Na de verversing.');
    await waitFor(() => sectionText(vaDoc.doc, SECTION).includes('Na de verversing.'), { what: 'the VA sees the BA' });
    expect(baSocket.socket.connected).toBe(true);
    expect(baSocket.ended).toEqual([]);

    // The next reconnect uses the new token (the old one has expired: it would be refused).
    baDoc.provider.params = { token: ba.token };
    baDoc.provider.disconnect();
    baDoc.provider.connect();
    await baDoc.synced();
    typeInto(baDoc.doc, SECTION, ' Weer verbonden.');
    await waitFor(() => sectionText(vaDoc.doc, SECTION).includes('Weer verbonden.'), { what: 'the VA sees the reconnected BA' });
    expect(baDoc.closes.filter((c) => c.code >= 4000)).toEqual([]);
  });

  it('the idle timeout ends the session everywhere: HTTP, document connection, socket, refresh; audited', async () => {
    const server = await startTestServer({ store: 'memory', config: { SESSION_IDLE_MINUTES: seconds.asMinutes(3) } });
    const ba = await logIn(server, 'ba.demo');
    const active = await logIn(server, 'ba.demo');
    const doc = open(server, ba.token);
    const socket = await listen(server, ba.token);
    await doc.synced();

    // Refreshes without anything the user did do not hold the session open; one with activity does.
    await sleep(1_500);
    await refreshed(server, ba, false);
    await refreshed(server, active, true);
    await closedWith(doc, CloseCode.unauthenticated);
    expect(await socket.disconnected).toBe('io server disconnect');
    expect(socket.ended).toEqual([{ reason: 'revoked' }]);
    expect((await api(server.url, 'GET', '/api/me', { token: ba.token })).status).toBe(401);
    expect((await refresh(server, ba.refresh)).status).toBe(401);
    expect((await server.stores.sessions.find(claimsOf(ba.token).sid!))?.endReason).toBe('idle-timeout');
    // The active device's session lasts past the first one's end.
    await refreshed(server, active, true);

    const rows = await server.stores.audit.list({ action: 'logout' });
    expect(rows.filter((row) => row.detail === 'idle-timeout' && row.username === 'ba.demo')).toHaveLength(1);
  });

  it('the absolute maximum ends an active session everywhere, however often it refreshes', async () => {
    const server = await startTestServer({ store: 'memory', config: { SESSION_MAX_HOURS: seconds.asHours(4), ACCESS_TOKEN_TTL_SECONDS: 300 } });
    const va = await logIn(server, 'va.demo');
    // The access token never outlives the session.
    expect(claimsOf(va.token).exp).toBeLessThanOrEqual(va.sessionExpiresAt);
    const doc = open(server, va.token);
    const socket = await listen(server, va.token);
    await doc.synced();
    const refreshing = setInterval(
      () => void refresh(server, va.refresh).then((r) => r.status === 200 && (va.refresh = cookieValue(r.headers, REFRESH_COOKIE)!)),
      700,
    );
    try {
      await closedWith(doc, CloseCode.unauthenticated);
    } finally {
      clearInterval(refreshing);
    }
    await socket.disconnected;
    expect(socket.ended).toEqual([{ reason: 'revoked' }]);
    expect((await refresh(server, va.refresh)).status).toBe(401);
    expect((await server.stores.sessions.find(claimsOf(va.token).sid!))?.endReason).toBe('absolute-maximum');
    const rows = await server.stores.audit.list({ action: 'logout' });
    expect(rows.some((row) => row.detail === 'absolute-maximum' && row.username === 'va.demo')).toBe(true);
  });

  it("logout everywhere ends both devices' sessions: their documents and sockets close, their tokens stop working", async () => {
    const server = await startTestServer({ store: 'memory' });
    const laptop = await logIn(server, 'ba.demo');
    const desktop = await logIn(server, 'ba.demo');
    const other = await logIn(server, 'va.demo');
    const laptopDoc = open(server, laptop.token);
    const desktopDoc = open(server, desktop.token);
    const [laptopSocket, desktopSocket] = await Promise.all([listen(server, laptop.token), listen(server, desktop.token)]);
    const otherSocket = await listen(server, other.token);
    await Promise.all([laptopDoc.synced(), desktopDoc.synced()]);

    const response = await api(server.url, 'POST', '/api/auth/logout-everywhere', { token: laptop.token });
    expect(response.status).toBe(204);
    expect(response.headers.getSetCookie().some((c) => c.startsWith(`${REFRESH_COOKIE}=;`))).toBe(true);
    await Promise.all([closedWith(laptopDoc, CloseCode.unauthenticated), closedWith(desktopDoc, CloseCode.unauthenticated)]);
    await Promise.all([laptopSocket.disconnected, desktopSocket.disconnected]);
    for (const device of [laptop, desktop]) {
      expect((await api(server.url, 'GET', '/api/me', { token: device.token })).status).toBe(401);
      expect((await refresh(server, device.refresh)).status).toBe(401);
    }
    expect(otherSocket.socket.connected).toBe(true);
    expect((await api(server.url, 'GET', '/api/me', { token: other.token })).status).toBe(200);
    const rows = await server.stores.audit.list({ action: 'logout' });
    expect(rows.some((row) => row.detail === 'everywhere:2' && row.username === 'ba.demo')).toBe(true);
    // A new login works.
    await logIn(server, 'ba.demo');
  });

  it("an administrator's end-sessions ends every session of the account, on every device", async () => {
    const server = await startTestServer({ store: 'memory' });
    const admin = await logIn(server, 'admin.demo');
    const va = await logIn(server, 'va.demo');
    const doc = open(server, va.token);
    const socket = await listen(server, va.token);
    await doc.synced();
    const users = await api(server.url, 'GET', '/api/admin/users', { token: admin.token });
    const vaId = (users.body as { id: string; username: string }[]).find((u) => u.username === 'va.demo')!.id;

    expect((await api(server.url, 'POST', `/api/admin/users/${vaId}/end-sessions`, { token: va.token })).status).toBe(403);
    expect((await api(server.url, 'POST', `/api/admin/users/${vaId}/end-sessions`, { token: admin.token })).status).toBe(200);
    await closedWith(doc, CloseCode.unauthenticated);
    await socket.disconnected;
    expect((await refresh(server, va.refresh)).status).toBe(401);
    expect((await server.stores.sessions.find(claimsOf(va.token).sid!))?.endReason).toBe('ended-by-admin');
    expect((await api(server.url, 'POST', '/api/admin/users/nobody/end-sessions', { token: admin.token })).status).toBe(404);
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RealtimeEvent, type AuthEnded, type JoinResult, type SessionPresence, type WorkflowPush } from '../../shared/realtime.ts';
import { Audit, type AuditActor } from '../../server/audit/Audit.ts';
import { Authenticator } from '../../server/auth/Authenticator.ts';
import { TokenService, type TokenClaims } from '../../server/auth/tokens.ts';
import { assignMember } from '../../server/commands/createCase.ts';
import { MAX_SOCKETS_PER_USER } from '../../server/realtime/socketCap.ts';
import { HandshakeError } from '../../server/realtime/handshake.ts';
import { createRealtimeServer, type RealtimeServer } from '../../server/realtime/socketServer.ts';
import { accessRoleOf } from '../../server/policies/participation.ts';
import { DEMO_CASE_ID, seedDemo } from '../../server/seed.ts';
import { createMemoryStores } from '../../server/store/memory/index.ts';
import { api } from '../helpers/http.ts';
import { RedisServer } from '../helpers/redisServer.ts';
import { startTestServer, TEST_SECRET, type TestServer } from '../helpers/testServer.ts';
import { sleep, waitFor } from '../helpers/waitFor.ts';
import { WorkflowClient } from '../helpers/workflowClient.ts';

/** A socket.io client as the browser uses it, collecting what it is pushed. */
interface Listener {
  socket: Socket;
  pushes: WorkflowPush[];
  revoked: string[];
  ended: AuthEnded[];
  presence: SessionPresence[];
  disconnected: Promise<string>;
  join(caseId: string): Promise<JoinResult>;
  joinSession(caseId: string, sessionId: string): Promise<JoinResult>;
}

const sockets: Socket[] = [];

async function listen(url: string, token: string): Promise<Listener> {
  const socket = io(url, { path: '/socket.io', transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
  sockets.push(socket);
  const listener: Listener = {
    socket,
    pushes: [],
    revoked: [],
    ended: [],
    presence: [],
    disconnected: new Promise<string>((resolve) => socket.once('disconnect', resolve)),
    join: (caseId) => socket.emitWithAck(RealtimeEvent.join, caseId) as Promise<JoinResult>,
    joinSession: (caseId, sessionId) => socket.emitWithAck(RealtimeEvent.sessionJoin, caseId, sessionId) as Promise<JoinResult>,
  };
  socket.on(RealtimeEvent.workflow, (push: WorkflowPush) => listener.pushes.push(push));
  socket.on(RealtimeEvent.revoked, ({ caseId }: { caseId: string }) => listener.revoked.push(caseId));
  socket.on(RealtimeEvent.authEnded, (message: AuthEnded) => listener.ended.push(message));
  socket.on(RealtimeEvent.sessionPresence, (message: SessionPresence) => listener.presence.push(message));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return listener;
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`not within ${ms} ms: ${what}`)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as TokenClaims;
const TEST_ACTOR: AuditActor = { userId: null, username: 'admin-cli', role: 'admin', ip: 'cli', userAgent: 'test' };

afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
});

describe('socket.io access ends when the login or the access to the case ends', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};

  beforeEach(async () => {
    server = await startTestServer();
    for (const who of ['ba', 'va', 'admin']) tokens[who] = await server.login(`${who}.demo`);
  });
  afterEach(() => server.close());

  /** A change by the BA, and proof that the push went out: the BA's own socket received it. */
  async function changeAndWait(ba: Listener, section: string) {
    const before = ba.pushes.length;
    expect((await new WorkflowClient(server, tokens.ba!, DEMO_CASE_ID).flag(section, 'Verschil')).status).toBe(200);
    await waitFor(() => ba.pushes.length > before, { what: "the push to the BA's socket" });
    // A push to another socket would have come by now as well.
    await sleep(100);
  }

  it('a socket is told and disconnected when its token expires, and receives no push after', async () => {
    const user = (await server.stores.records.findUserByUsername('va.demo'))!;
    // A token that expires in three to four seconds (time to connect on a busy machine), signed like the server's own.
    const shortLived = new TokenService(TEST_SECRET, 60, () => Math.floor(Date.now() / 1000) - 56).issue(user.id, user.role).token;
    const expiring = await listen(server.url, shortLived);
    const ba = await listen(server.url, tokens.ba!);
    expect(await expiring.join(DEMO_CASE_ID)).toEqual({ ok: true });
    expect(await ba.join(DEMO_CASE_ID)).toEqual({ ok: true });

    // At its expiry, not at the next periodic check (30 s).
    expect(await within(expiring.disconnected, 8000, 'the expired socket to be disconnected')).toBe('io server disconnect');
    expect(expiring.ended).toEqual([{ reason: 'expired' }]);
    await changeAndWait(ba, 'd240');
    expect(expiring.pushes).toEqual([]);
  });

  it('logging out tells and disconnects every socket of that login, and only those', async () => {
    const token = await server.login('va.demo');
    const first = await listen(server.url, token);
    const second = await listen(server.url, token);
    const otherLogin = await listen(server.url, tokens.va!);
    const ba = await listen(server.url, tokens.ba!);
    for (const listener of [first, second, otherLogin, ba]) expect(await listener.join(DEMO_CASE_ID)).toEqual({ ok: true });

    expect((await api(server.url, 'POST', '/api/auth/logout', { token })).status).toBe(204);
    expect(await first.disconnected).toBe('io server disconnect');
    expect(await second.disconnected).toBe('io server disconnect');
    expect(first.ended).toEqual([{ reason: 'revoked' }]);
    await changeAndWait(ba, 'd240');
    expect([first.pushes, second.pushes]).toEqual([[], []]);
    expect(otherLogin.pushes).toHaveLength(1);
  });

  it('the sweep disconnects a socket whose token was revoked where no push reached this node', async () => {
    const token = await server.login('va.demo');
    const va = await listen(server.url, token);
    expect(await va.join(DEMO_CASE_ID)).toEqual({ ok: true });
    expect(await server.workspace.checkAccessNow()).toBe(0);

    const { jti, exp } = claimsOf(token);
    await server.stores.records.revokeToken(jti, exp);
    expect(await server.workspace.checkAccessNow()).toBe(1);
    expect(await va.disconnected).toBe('io server disconnect');
    expect(va.ended).toEqual([{ reason: 'revoked' }]);
  });

  it('a physician replaced by another process (the admin command line) stops receiving pushes at the next check, and leaves the session', async () => {
    const ba = await listen(server.url, tokens.ba!);
    const va = await listen(server.url, tokens.va!);
    const baClient = new WorkflowClient(server, tokens.ba!, DEMO_CASE_ID);
    const session = (
      await baClient.post('/sessions', { scheduledAt: new Date(Date.now() + 3600_000).toISOString(), durationMinutes: 30, mode: 'video', agenda: [] })
    ).body.workflow.sessions.at(-1)!;
    for (const listener of [ba, va]) {
      expect(await listener.join(DEMO_CASE_ID)).toEqual({ ok: true });
      expect(await listener.joinSession(DEMO_CASE_ID, session.id)).toEqual({ ok: true });
    }
    await waitFor(() => ba.presence.at(-1)?.present.length === 2, { what: 'both present' });

    // The command line runs assign-member in its own process: only the stores see the change.
    await assignMember(
      { records: server.stores.records, audit: new Audit(server.stores.audit, pino({ level: 'silent' })) },
      TEST_ACTOR,
      DEMO_CASE_ID,
      'va',
      'reviewer.demo',
    );
    expect(await server.workspace.checkAccessNow()).toBe(1);
    await waitFor(() => va.revoked.length === 1, { what: 'the revocation notice' });
    expect(va.revoked).toEqual([DEMO_CASE_ID]);
    await waitFor(() => ba.presence.at(-1)?.present.length === 1, { what: 'the replaced VA to leave the session' });
    expect(ba.presence.at(-1)!.present.map((p) => p.name)).toEqual(['Anna Bakker']);

    await changeAndWait(ba, 'd240');
    expect(va.pushes).toEqual([]);
    expect(va.socket.connected).toBe(true);
    expect(await va.join(DEMO_CASE_ID)).toEqual({ ok: false, error: 'no access to this case' });
    // The new VA follows the case.
    const newVa = await listen(server.url, await server.login('reviewer.demo'));
    expect(await newVa.join(DEMO_CASE_ID)).toEqual({ ok: true });
    expect(await server.workspace.checkAccessNow()).toBe(0);
  });

  it("a reviewer's socket stops receiving pushes when their dispute closes, also for a check that comes later", async () => {
    const ba = await listen(server.url, tokens.ba!);
    const reviewer = await listen(server.url, await server.login('reviewer.demo'));
    const baClient = new WorkflowClient(server, tokens.ba!, DEMO_CASE_ID);
    expect(await ba.join(DEMO_CASE_ID)).toEqual({ ok: true });
    await baClient.flag('d440', 'Fijne motoriek');
    const dispute = (await baClient.openDispute(['d440'])).body.workflow.disputes.at(-1)!;
    await baClient.inviteReviewer(dispute.id, 'reviewer.demo');
    expect(await reviewer.join(DEMO_CASE_ID)).toEqual({ ok: true });
    expect(await server.workspace.checkAccessNow()).toBe(0);

    await baClient.closeDispute(dispute.id, { d440: 'withdrawn' });
    await waitFor(() => reviewer.revoked.length === 1, { what: 'the revocation notice' });
    expect(await server.workspace.checkAccessNow()).toBe(0);
    const seen = reviewer.pushes.length;
    await changeAndWait(ba, 'd445');
    expect(reviewer.pushes).toHaveLength(seen);
  });

  it(`refuses a user's socket beyond ${MAX_SOCKETS_PER_USER} on a node, audited; other users are unaffected`, async () => {
    const held = await Promise.all(Array.from({ length: MAX_SOCKETS_PER_USER }, () => listen(server.url, tokens.ba!)));
    await expect(listen(server.url, tokens.ba!)).rejects.toThrow(HandshakeError.tooManyConnections);
    const denied = await server.stores.audit.list({ action: 'denied' });
    expect(denied.some((row) => row.username === 'ba.demo' && row.object === 'socket' && row.detail === 'too-many-connections')).toBe(true);
    await listen(server.url, tokens.va!);

    // A place comes free when a socket closes.
    held[0]!.socket.disconnect();
    await waitFor(
      () =>
        listen(server.url, tokens.ba!).then(
          () => true,
          () => false,
        ),
      { what: 'a free place', timeoutMs: 5000, intervalMs: 50 },
    );
  });

  it('session:join refuses a session of another case', async () => {
    const created = await api(server.url, 'POST', '/api/cases', {
      token: tokens.admin,
      body: { title: 'Tweede casus', employeePseudonym: 'WN-2026-0300', employer: 'Transport Noord', firstSickDay: '2026-06-01', ba: 'ba.demo', va: 'va.demo' },
    });
    expect(created.status).toBe(201);
    const other: string = created.body.id;
    const session = (
      await new WorkflowClient(server, tokens.ba!, DEMO_CASE_ID).post('/sessions', {
        scheduledAt: new Date(Date.now() + 3600_000).toISOString(),
        durationMinutes: 30,
        mode: 'video',
        agenda: [],
      })
    ).body.workflow.sessions.at(-1)!;

    const ba = await listen(server.url, tokens.ba!);
    expect(await ba.joinSession(other, session.id)).toEqual({ ok: false, error: 'no such session in this case' });
    expect(await ba.joinSession(DEMO_CASE_ID, 'sessie-1')).toEqual({ ok: false, error: 'no such session in this case' });
    expect(await ba.joinSession(DEMO_CASE_ID, session.id)).toEqual({ ok: true });
  });
});

describe('logout across nodes (STORE=redis)', () => {
  let redis: RedisServer;
  let nodes: TestServer[] = [];

  beforeAll(async () => {
    redis = await RedisServer.start();
    const prefix = `t${randomUUID().slice(0, 8)}:`;
    nodes = [
      await startTestServer({ store: 'redis', redis: { url: redis.url, prefix } }),
      await startTestServer({ store: 'redis', redis: { url: redis.url, prefix } }),
    ];
  });
  afterAll(async () => {
    for (const node of nodes) await node.close();
    await redis.remove();
  });

  it('logging out on one node ends the sockets of that login on the other', async () => {
    const [a, b] = nodes as [TestServer, TestServer];
    const token = await a.login('va.demo');
    const onB = await listen(b.url, token);
    expect(await onB.join(DEMO_CASE_ID)).toEqual({ ok: true });
    expect((await api(a.url, 'POST', '/api/auth/logout', { token })).status).toBe(204);
    expect(await onB.disconnected).toBe('io server disconnect');
    expect(onB.ended).toEqual([{ reason: 'revoked' }]);
  });
});

describe('the socket.io server on its own (memory stores)', () => {
  let http: Server;
  let realtime: RealtimeServer;
  let url: string;
  const stores = createMemoryStores();
  const tokens = new TokenService(TEST_SECRET, 3600);
  const GOOD = 'http://workspace.example';

  beforeAll(async () => {
    await seedDemo(stores);
    const log = pino({ level: 'silent' });
    http = createServer();
    realtime = createRealtimeServer(http, {
      authenticator: new Authenticator(tokens, stores.records),
      audit: new Audit(stores.audit, log),
      log,
      accessRole: (caseId, userId) => accessRoleOf(stores, caseId, userId),
      workflow: stores.workflow,
      trustProxy: 0,
      checkOrigin: (request) => request.headers.origin === undefined || request.headers.origin === GOOD,
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await realtime.close();
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
    await stores.close();
  });

  const tokenOf = async (username: string) => {
    const user = (await stores.records.findUserByUsername(username))!;
    return tokens.issue(user.id, user.role).token;
  };
  const handshake = (origin: string) => fetch(`${url}/socket.io/?EIO=4&transport=polling`, { headers: { Origin: origin } });

  it('refuses a handshake the origin hook refuses, saying why, and lets the others through', async () => {
    const refused = await handshake('http://evil.example');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ message: HandshakeError.originNotAllowed });
    const allowed = await handshake(GOOD);
    expect(allowed.status).toBe(200);
    await allowed.text();
  });

  it("re-checks a case's sockets at once when the server itself changed its members", async () => {
    const ba = await listen(url, await tokenOf('ba.demo'));
    const va = await listen(url, await tokenOf('va.demo'));
    for (const listener of [ba, va]) expect(await listener.join(DEMO_CASE_ID)).toEqual({ ok: true });
    expect(await realtime.publisher.recheckCase(DEMO_CASE_ID)).toBe(0);

    const other = (await stores.records.findUserByUsername('reviewer.demo'))!;
    await stores.records.setMember({ caseId: DEMO_CASE_ID, userId: other.id, caseRole: 'va' });
    expect(await realtime.publisher.recheckCase(DEMO_CASE_ID)).toBe(1);
    await waitFor(() => va.revoked.length === 1, { what: 'the revocation notice' });
    expect(ba.revoked).toEqual([]);
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { JoinError, RealtimeEvent, type JoinResult, type WorkflowPush } from '../../shared/realtime.ts';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { api } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';
import { sleep, waitFor } from '../helpers/waitFor.ts';
import { WorkflowClient } from '../helpers/workflowClient.ts';

/** A socket.io client as the browser uses it, collecting what it is pushed. */
interface Listener {
  socket: Socket;
  pushes: WorkflowPush[];
  revoked: string[];
  join(caseId: string): Promise<JoinResult>;
}

describe('socket.io pushes of workflow changes', () => {
  let server: TestServer;
  let sockets: Socket[] = [];
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer();
    for (const who of ['ba', 'va', 'reviewer', 'outsider']) tokens[who] = await server.login(`${who}.demo`);
  });
  afterEach(() => {
    for (const socket of sockets) socket.disconnect();
    sockets = [];
  });
  afterAll(() => server.close());

  async function listen(auth: { token?: string } | null, extraHeaders: Record<string, string> = {}): Promise<Listener> {
    const socket = io(server.url, { path: '/socket.io', transports: ['websocket'], auth: auth ?? {}, extraHeaders, reconnection: false });
    sockets.push(socket);
    const pushes: WorkflowPush[] = [];
    const revoked: string[] = [];
    socket.on(RealtimeEvent.workflow, (push: WorkflowPush) => pushes.push(push));
    socket.on(RealtimeEvent.revoked, ({ caseId }: { caseId: string }) => revoked.push(caseId));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error) => reject(error));
    });
    return { socket, pushes, revoked, join: (caseId) => socket.emitWithAck(RealtimeEvent.join, caseId) as Promise<JoinResult> };
  }

  it('members following the case receive every change; a non-member is refused and receives nothing', async () => {
    const ba = await listen({ token: tokens.ba });
    const va = await listen({ token: tokens.va });
    const outsider = await listen({ token: tokens.outsider });
    expect(await ba.join(DEMO_CASE_ID)).toEqual({ ok: true });
    expect(await va.join(DEMO_CASE_ID)).toEqual({ ok: true });
    expect(await outsider.join(DEMO_CASE_ID)).toEqual({ ok: false, error: 'no access to this case' });
    expect(await outsider.join('../etc')).toEqual({ ok: false, error: 'not a case id' });

    const client = new WorkflowClient(server, tokens.ba!, DEMO_CASE_ID);
    await client.flag('d240', 'Verschil in uren');
    await client.withdrawFlag('d240');
    await waitFor(() => va.pushes.length === 2 && ba.pushes.length === 2, { what: 'two pushes to each member' });
    expect(va.pushes.map((p) => p.envelope.event.type)).toEqual(['disagreement.flagged', 'disagreement.withdrawn']);
    expect(va.pushes[0]!.workflow.sections.d240!.status).toBe('disagreement');
    expect(va.pushes[1]!).toMatchObject({ caseId: DEMO_CASE_ID, workflow: { seq: va.pushes[0]!.workflow.seq + 1 } });
    await sleep(200);
    expect(outsider.pushes).toEqual([]);
    const denied = await server.stores.audit.list({ caseId: DEMO_CASE_ID, action: 'denied' });
    expect(denied.some((row) => row.username === 'outsider.demo' && row.object === 'case-events')).toBe(true);
  });

  it('a malformed payload is refused through its acknowledgement, or ignored without one; the socket stays in use', async () => {
    const ba = await listen({ token: tokens.ba });
    const ask = (event: string, ...args: unknown[]) => ba.socket.emitWithAck(event, ...args) as Promise<JoinResult>;
    expect(await ask(RealtimeEvent.join, 42)).toEqual({ ok: false, error: JoinError.notACaseId });
    expect(await ask(RealtimeEvent.join, 'a'.repeat(65))).toEqual({ ok: false, error: JoinError.notACaseId });
    // Of two bad ids, the session's is the one reported.
    expect(await ask(RealtimeEvent.sessionJoin, '../etc', { id: 1 })).toEqual({ ok: false, error: JoinError.notASessionId });
    expect(await ask(RealtimeEvent.sessionJoin, '../etc', 'session-1')).toEqual({ ok: false, error: JoinError.notACaseId });
    // Without an acknowledgement, or with something else in its place, nobody is told and nothing breaks.
    ba.socket.emit(RealtimeEvent.join, null);
    ba.socket.emit(RealtimeEvent.join, DEMO_CASE_ID, 'not a callback');
    ba.socket.emit(RealtimeEvent.leave, { caseId: DEMO_CASE_ID });
    ba.socket.emit(RealtimeEvent.sessionLeave, '__proto__');
    ba.socket.emit(RealtimeEvent.sessionLeave);

    // The join with a string in place of its acknowledgement did join: the socket receives the case's pushes.
    await new WorkflowClient(server, tokens.ba!, DEMO_CASE_ID).flag('d160', 'Na een slecht bericht');
    await waitFor(() => ba.pushes.length === 1, { what: 'the push to the socket that joined without an acknowledgement' });
    expect(ba.socket.connected).toBe(true);
    ba.socket.emit(RealtimeEvent.leave, DEMO_CASE_ID);
    expect(await ba.join('no-such-case')).toEqual({ ok: false, error: JoinError.noAccess });
  });

  it('authenticates by the session cookie as the browser does, and refuses a socket without a session', async () => {
    const login = await api(server.url, 'POST', '/api/auth/login', { body: { username: 'va.demo', password: 'demo' } });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const byCookie = await listen(null, { Cookie: cookie });
    expect(await byCookie.join(DEMO_CASE_ID)).toEqual({ ok: true });
    await expect(listen(null)).rejects.toThrow('unauthorized');
    await expect(listen({ token: 'not-a-token' })).rejects.toThrow('unauthorized');
  });

  it('a reviewer follows the case while invited; closing the dispute tells them and stops the pushes', async () => {
    const ba = new WorkflowClient(server, tokens.ba!, DEMO_CASE_ID);
    const reviewer = await listen({ token: tokens.reviewer });
    expect(await reviewer.join(DEMO_CASE_ID)).toMatchObject({ ok: false });

    await ba.flag('d440', 'Fijne motoriek');
    const dispute = (await ba.openDispute(['d440'])).body.workflow.disputes.at(-1)!;
    await ba.inviteReviewer(dispute.id, 'reviewer.demo');
    expect(await reviewer.join(DEMO_CASE_ID)).toEqual({ ok: true });
    await ba.closeDispute(dispute.id, { d440: 'withdrawn' });
    await waitFor(() => reviewer.revoked.length === 1, { what: 'the revocation notice' });
    expect(reviewer.revoked).toEqual([DEMO_CASE_ID]);
    expect(reviewer.pushes.map((p) => p.envelope.event.type)).toEqual(['dispute.closed']);

    await ba.flag('d445', 'Na het geschil');
    await sleep(200);
    expect(reviewer.pushes).toHaveLength(1);
    expect(await reviewer.join(DEMO_CASE_ID)).toMatchObject({ ok: false });
  });

  it('logging out disconnects the sockets of that session', async () => {
    const token = await server.login('va.demo');
    const va = await listen({ token });
    const disconnected = new Promise<string>((resolve) => va.socket.once('disconnect', resolve));
    await api(server.url, 'POST', '/api/auth/logout', { token });
    expect(await disconnected).toBe('io server disconnect');
  });
});

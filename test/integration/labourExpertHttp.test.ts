import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOC_PARTS, formatDocName } from '../../shared/docNames.ts';
import type { LabourExpertView } from '../../shared/labourExpertApi.ts';
import { CloseCode } from '../../shared/limits.ts';
import { RealtimeEvent, type JoinResult } from '../../shared/realtime.ts';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { connectDoc, typeInto, type CollabClient } from '../helpers/collabClient.ts';
import { writeDoc } from '../helpers/docWriter.ts';
import { api } from '../helpers/http.ts';
import { pdfText } from '../helpers/pdf.ts';
import { RedisServer } from '../helpers/redisServer.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';
import { WorkflowClient } from '../helpers/workflowClient.ts';

/**
 * The arbeidsdeskundige's matrix (issue 17): not invited, invited, objected
 * to, revoked, the case closed; what they read (the handover, audited) and
 * that they reach no live document and write nothing.
 */

const CASE = `/api/cases/${DEMO_CASE_ID}`;
const AGREED_TEXT = 'Kan 4 uur per dag werken met regelmatige pauzes.';
const BA_POSITION = 'Tillen tot 15 kg, niet boven schouderhoogte.';
const DRAFT_ONLY = 'Concept dat nog niemand deelde';

describe('the arbeidsdeskundige', () => {
  let server: TestServer;
  let ba: WorkflowClient;
  let va: WorkflowClient;
  let ad: string;
  const clients: CollabClient[] = [];
  const sockets: Socket[] = [];

  const get = (path: string, token = ad) => api(server.url, 'GET', `${CASE}${path}`, { token });
  const caseList = async (token = ad) => (await api(server.url, 'GET', '/api/cases', { token })).body.map((c: { id: string }) => c.id);
  const invite = (by: WorkflowClient, username = 'ad.demo') => by.post('/labour-expert', { username });
  const revoke = (by: WorkflowClient) => api(server.url, 'DELETE', `${CASE}/labour-expert`, { token: by.token });
  const notified = async (token: string) =>
    (await api(server.url, 'GET', '/api/notifications', { token })).body.notifications.map((n: { kind: string }) => n.kind);
  const pdf = async (path: string) => {
    const response = await fetch(`${server.url}${CASE}${path}`, { headers: { Authorization: `Bearer ${ad}` } });
    return { status: response.status, type: response.headers.get('content-type'), body: new Uint8Array(await response.arrayBuffer()) };
  };

  /** Opens each live document as the labour expert with the stock provider: every one must close, forbidden. */
  async function liveDocumentsRefused() {
    const opened = DOC_PARTS.map((part) => connectDoc(server.collabUrl, formatDocName({ caseId: DEMO_CASE_ID, part }), ad));
    clients.push(...opened);
    await waitFor(() => opened.every((client) => client.closes.length > 0), { what: 'the relay to refuse every document' });
    for (const client of opened) {
      expect(client.closes[0]!.code).toBe(CloseCode.forbidden);
      expect(client.doc.share.size).toBe(0);
      client.destroy();
    }
  }

  async function joinRoom(token: string): Promise<JoinResult> {
    const socket = io(server.url, { path: '/socket.io', transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return (await socket.emitWithAck(RealtimeEvent.join, DEMO_CASE_ID)) as JoinResult;
  }

  beforeAll(async () => {
    server = await startTestServer();
    ba = new WorkflowClient(server, await server.login('ba.demo'), DEMO_CASE_ID);
    va = new WorkflowClient(server, await server.login('va.demo'), DEMO_CASE_ID);
    ad = await server.login('ad.demo');

    // An agreed section, a residual disagreement, a draft nobody shared, and a released employer summary.
    await ba.writeJoint('d240', AGREED_TEXT);
    const proposal = (await ba.propose('d240')).body.workflow.sections.d240!.proposal!;
    expect((await va.sign('d240', proposal.hash)).status).toBe(200);
    await writeDoc(server, ba.token, DEMO_CASE_ID, 'occupational', (doc) => {
      typeInto(doc, 'd430', BA_POSITION);
      typeInto(doc, 'd455', DRAFT_ONLY);
    });
    expect((await ba.flag('d430', 'BA 15 kg, VA 5 kg')).status).toBe(200);
    const dispute = (await ba.openDispute(['d430'])).body.workflow.disputes[0]!;
    expect((await va.closeDispute(dispute.id, { d430: 'residual' })).status).toBe(200);
    const summary = { sections: { d240: 'Kan halve dagen werken.' } };
    expect((await api(server.url, 'PUT', `${CASE}/employer-summary`, { token: ba.token, body: summary })).status).toBe(200);
    expect((await api(server.url, 'POST', `${CASE}/employer-summary/release`, { token: ba.token, body: {} })).status).toBe(200);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    for (const client of clients) client.destroy();
    await server.close();
  });

  it('invited to nothing, reads nothing: the case list is empty and every read is refused', async () => {
    expect(await caseList()).toEqual([]);
    for (const path of ['/labour-expert-view', '/export/dossier.pdf', '/export/employer.pdf', '', '/workflow']) {
      expect((await get(path)).status, path).toBe(403);
    }
    await liveDocumentsRefused();
    expect(await joinRoom(ad)).toMatchObject({ ok: false });
  });

  it('only an active arbeidsdeskundige account can be invited, and only by a physician of the case', async () => {
    const seq = (await ba.workflow()).seq;
    for (const username of ['reviewer.demo', 'admin.demo', 'outsider.demo', 'niemand']) {
      const refused = await invite(ba, username);
      expect(refused.status, username).toBe(409);
      expect(refused.body.error?.id).toBe('inviteLabourExpert.not-a-labour-expert');
    }
    expect((await invite(new WorkflowClient(server, ad, DEMO_CASE_ID))).status).toBe(403);
    expect((await invite(new WorkflowClient(server, await server.login('outsider.demo'), DEMO_CASE_ID))).status).toBe(403);
    expect((await ba.post('/labour-expert', { username: '' })).status).toBe(400);
    expect((await ba.workflow()).seq).toBe(seq);
    expect((await ba.workflow()).labourExpert).toBeNull();
  });

  it('invited: reads the handover, each read audited without its text; no live document, no other read, no write', async () => {
    const invited = await invite(ba);
    expect(invited.status).toBe(200);
    expect(invited.body.workflow.labourExpert).toMatchObject({ name: 'Aart de Deskundige', invitedBy: { name: 'Anna Bakker', role: 'ba' } });
    // The other physician sees the invitation, and one expert at a time.
    expect((await va.workflow()).labourExpert).toMatchObject({ name: 'Aart de Deskundige', invitedBy: { role: 'ba' } });
    expect((await invite(va)).body.error?.id).toBe('inviteLabourExpert.already-invited');
    expect(await caseList()).toEqual([DEMO_CASE_ID]);
    // The other physician and the labour expert are told of the invitation; the inviter is not.
    expect(await notified(va.token)).toContain('labour_expert.invited');
    expect(await notified(ad)).toEqual(['labour_expert.invited']);
    expect(await notified(ba.token)).not.toContain('labour_expert.invited');
    // The account cannot become another role while invited.
    const admin = await server.login('admin.demo');
    const expert = (await server.stores.records.findUserByUsername('ad.demo'))!;
    const changed = await api(server.url, 'PUT', `/api/admin/users/${expert.id}/role`, { token: admin, body: { role: 'bedrijfsarts' } });
    expect([changed.status, changed.body.error?.id]).toEqual([409, 'user.role-in-use']);

    const view = await get('/labour-expert-view');
    expect(view.status).toBe(200);
    const body = view.body as LabourExpertView;
    expect(body.case).toMatchObject({ id: DEMO_CASE_ID, closed: null });
    expect(body.agreed).toEqual([expect.objectContaining({ section: 'd240', text: AGREED_TEXT })]);
    expect(body.residual).toEqual([expect.objectContaining({ section: 'd430', positions: expect.objectContaining({ ba: BA_POSITION }) })]);
    expect(body.employerSummary).toMatchObject({ version: 1 });
    expect(JSON.stringify(body)).not.toContain(DRAFT_ONLY);

    const dossier = await pdf('/export/dossier.pdf?lang=nl');
    expect(dossier).toMatchObject({ status: 200, type: 'application/pdf' });
    expect((await pdfText(dossier.body)).replace(/\s+/g, ' ')).toContain('Aart de Deskundige');
    expect(await pdf('/export/employer.pdf')).toMatchObject({ status: 200, type: 'application/pdf' });

    const reads = (await server.stores.audit.list({ caseId: DEMO_CASE_ID })).filter((row) => row.username === 'ad.demo' && row.outcome === 'success');
    expect(reads.map((row) => row.object)).toEqual(expect.arrayContaining(['labour-expert-view', 'dossier.pdf', 'employer.pdf']));
    for (const row of reads) expect(`${row.detail}`).not.toMatch(/Kan 4 uur|Tillen|halve dagen/);

    await liveDocumentsRefused();
    expect(await joinRoom(ad)).toMatchObject({ ok: false });
    const refusedReads = ['', '/workflow', '/events', '/threads', '/versions', '/employer-summary', '/export/fhir', '/labour-expert/candidates'];
    for (const path of refusedReads) expect((await get(path)).status, path).toBe(403);

    const seq = (await ba.workflow()).seq;
    const writes: [string, string, unknown][] = [
      ['POST', '/sections/d455/flag', { rationale: 'x', kind: 'capacity' }],
      ['POST', '/sections/d240/reopen', { reason: 'x' }],
      ['POST', '/disputes', { sections: ['d455'], question: 'x', reason: 'explicit', explanation: '', targets: {} }],
      ['POST', '/riv/doubt', { reason: 'x' }],
      ['POST', '/threads', { part: 'joint', sectionId: 'd240', anchor: { start: 'AAAA'.repeat(8), end: 'AAAA'.repeat(8) }, text: 'x' }],
      ['POST', '/versions', { label: 'x' }],
      ['POST', '/sessions', { scheduledAt: '2027-01-05T09:00:00Z', durationMinutes: 30, mode: 'video', agenda: ['d240'] }],
      ['PUT', '/employer-summary', { sections: { d240: 'x' } }],
      ['POST', '/employer-summary/release', {}],
      ['POST', '/labour-expert/objection', {}],
      ['DELETE', '/labour-expert', {}],
      ['POST', '/close', { reason: 'anders' }],
    ];
    for (const [method, path, payload] of writes) {
      expect((await api(server.url, method, `${CASE}${path}`, { token: ad, body: payload })).status, `${method} ${path}`).toBe(403);
    }
    expect((await ba.workflow()).seq).toBe(seq);
  });

  it('the inviter cannot object; the other physician objects, which ends the access at once', async () => {
    const byInviter = await ba.post('/labour-expert/objection', { reason: 'x' });
    expect(byInviter.status).toBe(403);
    expect(byInviter.body.error?.id).toBe('objectToLabourExpert.inviter');
    const tooLong = await va.post('/labour-expert/objection', { reason: 'x'.repeat(501) });
    expect(tooLong.status).toBe(400);

    const objected = await va.post('/labour-expert/objection', { reason: 'Eerst de probleemanalyse afronden' });
    expect(objected.status).toBe(200);
    expect(objected.body.workflow.labourExpert).toBeNull();
    expect(objected.body.envelope.event).toEqual({ type: 'labour_expert.objected', reason: 'Eerst de probleemanalyse afronden' });
    expect(await caseList()).toEqual([]);
    expect((await get('/labour-expert-view')).status).toBe(403);
    expect((await pdf('/export/dossier.pdf')).status).toBe(403);
    expect(await notified(ba.token)).toContain('labour_expert.objected');
    // What they were told of the case is gone with the access.
    expect(await notified(ad)).toEqual([]);
    const audit = await server.stores.audit.list({ caseId: DEMO_CASE_ID });
    expect(JSON.stringify(audit)).not.toContain('probleemanalyse');
  });

  it('a revoked invitation ends the access; closing the case ends it too and takes no new one', async () => {
    expect((await invite(va)).status).toBe(200);
    expect((await get('/labour-expert-view')).status).toBe(200);
    expect((await revoke(ba)).status).toBe(200);
    expect((await get('/labour-expert-view')).status).toBe(403);
    expect((await revoke(ba)).body.error.id).toBe('revokeLabourExpert.none');

    expect((await invite(ba)).status).toBe(200);
    expect((await ba.post('/close', { reason: 'vakantie' })).status).toBe(400);
    const closed = await va.post('/close', { reason: 'wia-besluit' });
    expect(closed.status).toBe(200);
    expect(closed.body.workflow).toMatchObject({ closed: { reason: 'wia-besluit', by: { role: 'va' } }, labourExpert: null });
    expect(await caseList()).toEqual([]);
    expect((await get('/labour-expert-view')).status).toBe(403);
    expect((await invite(ba)).body.error?.id).toBe('inviteLabourExpert.closed');
    // The physicians still read the closed case and what was handed over.
    expect((await get('/labour-expert-view', ba.token)).body.case.closed).toMatchObject({ reason: 'wia-besluit' });

    // The log with all of it verifies in full: chain, state row against a replay, seal.
    expect(await server.workspace.integrity.scanAll()).toMatchObject({ failed: [], scan: 'done' });
    expect((await get('/events', va.token)).body.map((e: { event: { type: string } }) => e.event.type)).toEqual(
      expect.arrayContaining(['labour_expert.invited', 'labour_expert.objected', 'labour_expert.revoked', 'case.closed']),
    );
  });
});

describe('the arbeidsdeskundige on two nodes sharing Redis', () => {
  let redis: RedisServer;
  let nodes: TestServer[];

  beforeAll(async () => {
    redis = await RedisServer.start();
    const prefix = `t${randomUUID()}:`;
    nodes = [];
    for (let i = 0; i < 2; i++) nodes.push(await startTestServer({ store: 'redis', redis: { url: redis.url, prefix } }));
  });
  afterAll(async () => {
    for (const node of nodes) await node.close();
    await redis.stop();
  });

  it('an invitation on one node opens the handover on the other, and a revoke there ends it on both', async () => {
    const [a, b] = nodes as [TestServer, TestServer];
    const ba = new WorkflowClient(a, await a.login('ba.demo'), DEMO_CASE_ID);
    const adOnB = await b.login('ad.demo');
    const list = async (node: TestServer, token: string) => (await api(node.url, 'GET', '/api/cases', { token })).body.map((c: { id: string }) => c.id);
    expect(await list(b, adOnB)).toEqual([]);
    expect((await ba.post('/labour-expert', { username: 'ad.demo' })).status).toBe(200);
    expect(await list(b, adOnB)).toEqual([DEMO_CASE_ID]);
    expect((await api(b.url, 'GET', `${CASE}/labour-expert-view`, { token: adOnB })).status).toBe(200);

    const vaOnB = await b.login('va.demo');
    expect((await api(b.url, 'DELETE', `${CASE}/labour-expert`, { token: vaOnB })).status).toBe(200);
    for (const node of nodes) {
      const token = await node.login('ad.demo');
      expect(await list(node, token)).toEqual([]);
      expect((await api(node.url, 'GET', `${CASE}/labour-expert-view`, { token })).status).toBe(403);
    }
  });
});

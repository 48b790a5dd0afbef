import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { formatDocName } from '../../shared/docNames.ts';
import type { CommentsPush } from '../../shared/comments.ts';
import { RealtimeEvent, type JoinResult, type WorkflowPush } from '../../shared/realtime.ts';
import { THROTTLE } from '../../server/auth/loginThrottle.ts';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { anchorOf, connectDoc, sectionText, typeInto, watchRefusals, type CollabClient } from '../helpers/collabClient.ts';
import { api } from '../helpers/http.ts';
import { RedisServer } from '../helpers/redisServer.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';
import { WorkflowClient } from '../helpers/workflowClient.ts';

const occupational = formatDocName({ caseId: DEMO_CASE_ID, part: 'occupational' });
const joint = formatDocName({ caseId: DEMO_CASE_ID, part: 'joint' });

/**
 * The distributed mode with its real parts: one redis-server, and two (or
 * three) workspace nodes in this process sharing it, each with its own Redis
 * connections, document registry and socket.io server — as separate
 * processes would, minus the process boundary (distributedFailover.test.ts
 * kills real processes).
 */
describe('two nodes on one Redis (STORE=redis)', () => {
  let redis: RedisServer;
  const nodes: TestServer[] = [];
  const clients: CollabClient[] = [];
  const sockets: Socket[] = [];
  let prefix: string;

  beforeAll(async () => {
    redis = await RedisServer.start();
  });
  afterAll(async () => {
    await redis.remove();
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    for (const socket of sockets.splice(0)) socket.disconnect();
    for (const node of nodes.splice(0)) await node.close();
    if (!redis.running) await redis.start();
  });

  /** A node of the workspace whose keys start with this test's prefix. */
  async function node(config: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
    const started = await startTestServer({ store: 'redis', redis: { url: redis.url, prefix }, ...config });
    nodes.push(started);
    return started;
  }

  async function twoNodes(config: Parameters<typeof startTestServer>[0] = {}) {
    prefix = `t${randomUUID().slice(0, 8)}:`;
    const a = await node(config);
    const b = await node(config);
    return { a, b };
  }

  function connect(server: TestServer, docName: string, token: string): CollabClient {
    const client = connectDoc(server.collabUrl, docName, token);
    clients.push(client);
    return client;
  }

  /** What a node that loads the document from Redis now finds in a section. */
  async function storedText(server: TestServer, docName: string, section: string): Promise<string> {
    return server.workspace.collab.registry.read(docName, (doc) => sectionText(doc, section));
  }

  it('a signature made through node A locks the section for a writer on node B; reopening there unlocks it', async () => {
    const { a, b } = await twoNodes();
    const [baToken, vaToken] = [await a.login('ba.demo'), await b.login('va.demo')];
    const vaJoint = connect(b, joint, vaToken);
    const refusals = watchRefusals(vaJoint);
    await vaJoint.synced();
    typeInto(vaJoint.doc, 'd240', 'Samen.');
    await waitFor(async () => (await storedText(a, joint, 'd240')) === 'Samen.', { what: 'the draft, through node B' });
    const ba = new WorkflowClient(a, baToken, DEMO_CASE_ID);
    const va = new WorkflowClient(b, vaToken, DEMO_CASE_ID);
    // Node B misses the announcement of the new rules (pub/sub drops messages while a node reconnects).
    const onB = await b.workspace.collab.registry.get(joint);
    onB.onRemoteRulesChanged = () => undefined;
    const proposed = await va.propose('d240');
    expect((await ba.sign('d240', proposed.body.workflow.sections.d240!.proposal!.hash)).status).toBe(200);

    // The very first write after the signature is refused: node B's rules epoch moved on with the hold.
    typeInto(vaJoint.doc, 'd240', ' Na de handtekening.');
    await waitFor(() => refusals.length > 0, { what: 'node B to refuse the write to the signed section' });
    expect(refusals).toEqual([[{ reason: 'locked', sections: ['d240'] }]]);
    expect(await storedText(b, joint, 'd240')).toBe('Samen.');
    expect(await storedText(a, joint, 'd240')).toBe('Samen.');

    expect((await va.reopen('d240')).status).toBe(200);
    const vaAgain = connect(b, joint, vaToken);
    await vaAgain.synced();
    await waitFor(
      async () => {
        typeInto(vaAgain.doc, 'd240', ' Heropend.');
        await new Promise((resolve) => setTimeout(resolve, 100));
        return (await storedText(a, joint, 'd240')).includes('Heropend.');
      },
      { what: 'the reopened section to take writes on node B' },
    );
  });

  it('the BA on node A and the VA on node B edit concurrently — one document from both nodes at once — and converge; a third node loads all of it', async () => {
    // A low threshold makes both nodes compact while the other is still writing.
    const { a, b } = await twoNodes({ config: { DOC_COMPACT_THRESHOLD: 7 } });
    const [baToken, vaToken] = [await a.login('ba.demo'), await b.login('va.demo')];
    const baJoint = connect(a, joint, baToken);
    const vaJoint = connect(b, joint, vaToken);
    const baOwn = connect(a, occupational, baToken);
    const vaReadsBa = connect(b, occupational, vaToken);
    await Promise.all([baJoint, vaJoint, baOwn, vaReadsBa].map((client) => client.synced()));

    const rounds = 40;
    for (let i = 0; i < rounds; i++) {
      typeInto(baJoint.doc, 'd240', `b${i} `);
      typeInto(vaJoint.doc, 'd240', `v${i} `);
      typeInto(baOwn.doc, 'd430', `own${i} `);
      if (i % 8 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }

    await waitFor(
      () => sectionText(baJoint.doc, 'd240') === sectionText(vaJoint.doc, 'd240') && sectionText(baOwn.doc, 'd430') === sectionText(vaReadsBa.doc, 'd430'),
      { what: 'both nodes to converge', timeoutMs: 10_000 },
    );
    const merged = sectionText(vaJoint.doc, 'd240');
    for (let i = 0; i < rounds; i++) {
      expect(merged).toContain(`b${i} `);
      expect(merged).toContain(`v${i} `);
    }
    expect(sectionText(vaReadsBa.doc, 'd430')).toBe(Array.from({ length: rounds }, (_, i) => `own${i} `).join(''));

    // Nothing lost between the nodes' writes and compactions: a fresh node loads exactly what the clients hold.
    await waitFor(async () => (await storedText(a, joint, 'd240')) === merged, { what: 'node A to hold everything' });
    const c = await node();
    expect(await storedText(c, joint, 'd240')).toBe(merged);
    expect(await storedText(c, occupational, 'd430')).toBe(sectionText(baOwn.doc, 'd430'));
    const stored = await c.stores.docs.load(joint);
    expect(stored.snapshot).not.toBeNull();
  });

  it("a caret (awareness) made through node A reaches the other physician's client on node B, and goes when the BA leaves", async () => {
    const { a, b } = await twoNodes();
    const baJoint = connect(a, joint, await a.login('ba.demo'));
    const vaJoint = connect(b, joint, await b.login('va.demo'));
    await Promise.all([baJoint.synced(), vaJoint.synced()]);

    baJoint.provider.awareness.setLocalStateField('user', { name: 'Anna Bakker', section: 'd240' });
    const baClient = baJoint.doc.clientID;
    await waitFor(() => (vaJoint.provider.awareness.getStates().get(baClient) as { user?: { name: string } } | undefined)?.user?.name === 'Anna Bakker', {
      what: "the BA's caret on node B",
    });

    baJoint.destroy();
    await waitFor(() => !vaJoint.provider.awareness.getStates().has(baClient), { what: "the BA's caret to leave node B" });
  });

  it('workflow and comment pushes made through one node reach the socket of the other physician on the other node', async () => {
    const { a, b } = await twoNodes();
    const [baToken, vaToken] = [await a.login('ba.demo'), await b.login('va.demo')];
    const listen = async (node: TestServer, token: string) => {
      const socket = io(node.url, { path: '/socket.io', transports: ['websocket'], auth: { token }, reconnection: false });
      sockets.push(socket);
      const pushes = { workflow: [] as WorkflowPush[], comments: [] as CommentsPush[] };
      socket.on(RealtimeEvent.workflow, (push: WorkflowPush) => pushes.workflow.push(push));
      socket.on(RealtimeEvent.comments, (push: CommentsPush) => pushes.comments.push(push));
      await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('connect_error', reject));
      expect((await socket.emitWithAck(RealtimeEvent.join, DEMO_CASE_ID)) as JoinResult).toEqual({ ok: true });
      return pushes;
    };
    const [toBa, toVa] = [await listen(a, baToken), await listen(b, vaToken)];

    // A workflow command through node A reaches the VA on node B; node B serves the same state.
    expect((await new WorkflowClient(a, baToken, DEMO_CASE_ID).flag('d240')).status).toBe(200);
    await waitFor(() => toVa.workflow.length > 0, { what: 'the workflow push on node B' });
    expect(toVa.workflow[0]).toMatchObject({ caseId: DEMO_CASE_ID });
    const view = await new WorkflowClient(b, vaToken, DEMO_CASE_ID).workflow();
    expect(view.sections.d240?.status).toBe('disagreement');

    // A comment the VA makes through node B, on words the BA typed through node A, reaches the BA on node A.
    const baOwn = connect(a, occupational, baToken);
    const vaReadsBa = connect(b, occupational, vaToken);
    await Promise.all([baOwn.synced(), vaReadsBa.synced()]);
    typeInto(baOwn.doc, 'd240', 'Kan vier uur per dag werken.');
    await waitFor(() => sectionText(vaReadsBa.doc, 'd240') === 'Kan vier uur per dag werken.', { what: 'the text on node B' });
    const created = await api(b.url, 'POST', `/api/cases/${DEMO_CASE_ID}/threads`, {
      token: vaToken,
      body: { part: 'occupational', sectionId: 'd240', anchor: anchorOf(vaReadsBa.doc, 'd240', 'vier uur'), quote: 'vier uur', text: 'Waarop gebaseerd?' },
    });
    expect(created.status).toBe(201);
    await waitFor(() => toBa.comments.some((push) => push.thread.id === created.body.id), { what: 'the comment push on node A' });
  });

  it('failed logins on node A slow the same account down on node B', async () => {
    const { a, b } = await twoNodes();
    const attempt = (node: TestServer) => api(node.url, 'POST', '/api/auth/login', { body: { username: 'ba.demo', password: 'wrong' } });
    for (let i = 0; i < THROTTLE.freePairFailures; i++) expect((await attempt(a)).status).toBe(401);
    const slowed = await attempt(b);
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('while Redis is down /readyz fails and commands answer 503; the nodes recover by themselves, and nothing acknowledged is missing', async () => {
    const { a, b } = await twoNodes();
    const [baToken, vaToken] = [await a.login('ba.demo'), await b.login('va.demo')];
    const baOwn = connect(a, occupational, baToken);
    const vaReadsBa = connect(b, occupational, vaToken);
    await Promise.all([baOwn.synced(), vaReadsBa.synced()]);
    typeInto(baOwn.doc, 'd240', 'Voor de storing. ');
    // Relayed to node B means stored in Redis (write-ahead): acknowledged.
    await waitFor(() => sectionText(vaReadsBa.doc, 'd240') === 'Voor de storing. ', { what: 'the relay before the outage' });

    await redis.stop();
    await waitFor(async () => (await fetch(`${a.url}/readyz`)).status === 503, { what: '/readyz to fail', timeoutMs: 10_000 });
    const refused = await api(b.url, 'POST', `/api/cases/${DEMO_CASE_ID}/sections/d240/flag`, {
      token: vaToken,
      body: { rationale: 'Verschil in belastbaarheid', kind: 'capacity' },
    });
    expect(refused.status).toBe(503);
    expect(refused.body.error.id).toBe('store_unavailable');
    expect((await api(a.url, 'GET', '/api/cases', { token: baToken })).status).toBe(503);
    // The BA keeps typing: the browser holds it until a node can store it.
    typeInto(baOwn.doc, 'd240', 'Tijdens de storing.');

    await redis.start();
    await waitFor(async () => (await fetch(`${a.url}/readyz`)).status === 200 && (await fetch(`${b.url}/readyz`)).status === 200, {
      what: 'both nodes ready again',
      timeoutMs: 15_000,
    });
    const expected = 'Voor de storing. Tijdens de storing.';
    await waitFor(() => sectionText(vaReadsBa.doc, 'd240') === expected, { what: 'the text typed during the outage to arrive', timeoutMs: 15_000 });
    expect((await new WorkflowClient(b, vaToken, DEMO_CASE_ID).flag('d240')).status).toBe(200);

    // Redis restarted from its append-only file: a fresh node finds everything.
    const c = await node();
    expect(await storedText(c, occupational, 'd240')).toBe(expected);
    expect(Y.encodeStateVector(vaReadsBa.doc)).toEqual(Y.encodeStateVector(baOwn.doc));
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { formatDocName } from '../../shared/docNames.ts';
import { CloseCode, MAX_COLLAB_MESSAGE_BYTES } from '../../shared/limits.ts';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { connectDoc, encodeVarUint, openRaw, sectionText, typeInto, type CollabClient } from '../helpers/collabClient.ts';
import { TokenService } from '../../server/auth/tokens.ts';
import { startTestServer, TEST_SECRET, type TestServer } from '../helpers/testServer.ts';
import { sleep, waitFor } from '../helpers/waitFor.ts';

const occupational = formatDocName({ caseId: DEMO_CASE_ID, part: 'occupational' });
const insurance = formatDocName({ caseId: DEMO_CASE_ID, part: 'insurance' });
const joint = formatDocName({ caseId: DEMO_CASE_ID, part: 'joint' });

describe('collaboration relay with the stock WebsocketProvider', () => {
  let server: TestServer;
  let clients: CollabClient[];
  let tokens: Record<'ba' | 'va' | 'outsider' | 'reviewer', string>;

  const connect = (docName: string, token: string | null) => {
    const client = connectDoc(server.collabUrl, docName, token);
    clients.push(client);
    return client;
  };

  beforeEach(async () => {
    server = await startTestServer({ config: { MAX_CONNECTIONS_PER_USER: 6 } });
    clients = [];
    // One after another: logins from one address queue for the password check, and on a busy host
    // four at once can find the queue full (503 login_busy) — which the login tests cover.
    tokens = {
      ba: await server.login('ba.demo'),
      va: await server.login('va.demo'),
      outsider: await server.login('outsider.demo'),
      reviewer: await server.login('reviewer.demo'),
    };
  });

  afterEach(async () => {
    for (const client of clients) client.destroy();
    await server.close();
  });

  it('BA and VA typing concurrently in the joint draft and their own documents converge', async () => {
    // Write acknowledgements are an extension the stock provider must ignore without a word.
    const complaints = [vi.spyOn(console, 'error'), vi.spyOn(console, 'warn')];
    const baJoint = connect(joint, tokens.ba);
    const vaJoint = connect(joint, tokens.va);
    const baOwn = connect(occupational, tokens.ba);
    const vaReadsBa = connect(occupational, tokens.va);
    await Promise.all([baJoint.synced(), vaJoint.synced(), baOwn.synced(), vaReadsBa.synced()]);

    for (let i = 0; i < 20; i++) {
      typeInto(baJoint.doc, 'd240', `b${i} `);
      typeInto(vaJoint.doc, 'd240', `v${i} `);
      typeInto(baOwn.doc, 'd430', `own${i} `);
    }

    await waitFor(() => sectionText(baJoint.doc, 'd240') === sectionText(vaJoint.doc, 'd240') && sectionText(vaJoint.doc, 'd240').length > 0, {
      what: 'joint draft to converge',
    });
    const merged = sectionText(vaJoint.doc, 'd240');
    for (let i = 0; i < 20; i++) {
      expect(merged).toContain(`b${i} `);
      expect(merged).toContain(`v${i} `);
    }
    await waitFor(() => sectionText(vaReadsBa.doc, 'd430') === sectionText(baOwn.doc, 'd430'), { what: 'VA to read the BA position' });
    expect(sectionText(vaReadsBa.doc, 'd430')).toContain('own19 ');

    // A client arriving later gets everything from the store-backed server state.
    const late = connect(joint, tokens.va);
    await late.synced();
    expect(sectionText(late.doc, 'd240')).toBe(merged);
    for (const complaint of complaints) {
      expect(complaint).not.toHaveBeenCalled();
      complaint.mockRestore();
    }
  });

  it("never applies, stores or relays the VA's writes to the occupational document", async () => {
    const baOwn = connect(occupational, tokens.ba);
    const vaReader = connect(occupational, tokens.va);
    await Promise.all([baOwn.synced(), vaReader.synced()]);
    typeInto(baOwn.doc, 'd240', 'BA schrijft');
    await waitFor(() => sectionText(vaReader.doc, 'd240') === 'BA schrijft', { what: 'VA to see the BA text' });

    typeInto(vaReader.doc, 'd240', ' — VA probeert te schrijven');
    typeInto(vaReader.doc, 'd999', 'VA sectie');
    // Give the relay ample time to (wrongly) pass the write on.
    await sleep(500);
    expect(sectionText(baOwn.doc, 'd240')).toBe('BA schrijft');
    expect(baOwn.doc.share.has('d999')).toBe(false);

    const stored = await server.stores.docs.load(occupational);
    const fromStore = new Y.Doc();
    for (const update of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) Y.applyUpdate(fromStore, update);
    expect(sectionText(fromStore, 'd240')).toBe('BA schrijft');
    expect(sectionText(fromStore, 'd999')).toBe('');

    // The VA's connection stays open (reading is allowed), and the refusal is audited.
    expect(vaReader.provider.wsconnected).toBe(true);
    const denied = await server.stores.audit.list({ caseId: DEMO_CASE_ID, action: 'denied' });
    expect(denied.some((row) => row.username === 'va.demo' && row.detail === 'write-on-read-only')).toBe(true);
  });

  it('the BA reads the insurance document but cannot write it; both write the joint one', async () => {
    const vaOwn = connect(insurance, tokens.va);
    const baReader = connect(insurance, tokens.ba);
    await Promise.all([vaOwn.synced(), baReader.synced()]);
    typeInto(baReader.doc, 'd240', 'BA in VA-document');
    typeInto(vaOwn.doc, 'd240', 'VA standpunt');
    await waitFor(() => sectionText(baReader.doc, 'd240').includes('VA standpunt'));
    await sleep(300);
    expect(sectionText(vaOwn.doc, 'd240')).toBe('VA standpunt');
  });

  it('refuses unauthenticated clients, non-members, and bad tokens with terminal close codes', async () => {
    const seed = connect(occupational, tokens.ba);
    await seed.synced();
    typeInto(seed.doc, 'd240', 'vertrouwelijk');
    await waitFor(async () => (await server.stores.docs.load(occupational)).updates.length > 0);

    const anonymous = connect(occupational, null);
    const forged = connect(occupational, `${tokens.ba.slice(0, -4)}AAAA`);
    const outsider = connect(occupational, tokens.outsider);
    const reviewer = connect(joint, tokens.reviewer);
    await waitFor(() => [anonymous, forged, outsider, reviewer].every((c) => c.closes.length > 0), { what: 'refusals' });

    expect(anonymous.closes[0]!.code).toBe(CloseCode.unauthenticated);
    expect(forged.closes[0]!.code).toBe(CloseCode.unauthenticated);
    expect(outsider.closes[0]!.code).toBe(CloseCode.forbidden);
    expect(reviewer.closes[0]!.code).toBe(CloseCode.forbidden);
    for (const client of [anonymous, forged, outsider, reviewer]) {
      expect(client.provider.synced).toBe(false);
      expect(sectionText(client.doc, 'd240')).toBe('');
      // 44xx tells the stock provider not to try again.
      expect(client.provider.shouldConnect).toBe(false);
    }
    // The two anonymous refusals (same address, document and reason): the first at once, the repeat summed.
    await server.workspace.flushAuditNow();
    const denied = await server.stores.audit.list({ caseId: DEMO_CASE_ID, action: 'denied' });
    expect(denied.filter((row) => row.detail?.startsWith('authentication required')).map((row) => row.detail)).toEqual([
      expect.stringMatching(/^authentication required; repeats=1; until=/),
      'authentication required',
    ]);
    expect(denied.some((row) => row.username === 'outsider.demo' && row.object === 'doc:occupational')).toBe(true);
    expect(denied.some((row) => row.username === 'reviewer.demo' && row.object === 'doc:joint')).toBe(true);
  });

  it('refuses unknown document names, and upgrades outside /collab/', async () => {
    const names = ['cases/demo/secret', 'cases/demo/joint/extra', 'cases/%2E%2E/joint', 'documents/demo'];
    const bad = names.map((name) => connect(name, tokens.ba));
    await waitFor(() => bad.every((client) => client.closes.length > 0), { what: 'refusals' });
    for (const client of bad) expect(client.closes[0]!.code).toBe(CloseCode.notFound);

    const elsewhere = new WebSocket(`${server.url.replace('http', 'ws')}/etc/passwd?token=${tokens.ba}`);
    const status = await new Promise<number>((resolve) => {
      elsewhere.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      elsewhere.on('error', () => undefined);
    });
    expect(status).toBe(404);
  });

  it('audits every document connection with its access mode', async () => {
    const writer = connect(occupational, tokens.ba);
    const reader = connect(occupational, tokens.va);
    await Promise.all([writer.synced(), reader.synced()]);
    const connects = await server.stores.audit.list({ caseId: DEMO_CASE_ID, action: 'connect' });
    expect(connects).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          username: 'ba.demo',
          role: 'bedrijfsarts',
          object: 'doc:occupational',
          detail: 'rw',
          outcome: 'success',
          ip: expect.any(String),
        }),
        expect.objectContaining({ username: 'va.demo', role: 'verzekeringsarts', object: 'doc:occupational', detail: 'r', outcome: 'success' }),
      ]),
    );
  });

  it('relays awareness (presence and carets) between the physicians', async () => {
    const ba = connect(joint, tokens.ba);
    const va = connect(joint, tokens.va);
    await Promise.all([ba.synced(), va.synced()]);
    ba.provider.awareness.setLocalStateField('user', { name: 'Anna Bakker' });
    await waitFor(() => [...va.provider.awareness.getStates().values()].some((s) => s.user?.name === 'Anna Bakker'), {
      what: 'VA to see the BA presence',
    });
    ba.destroy();
    await waitFor(() => ![...va.provider.awareness.getStates().values()].some((s) => s.user?.name === 'Anna Bakker'), {
      what: 'BA presence to disappear',
    });
  });

  it('answers a query-awareness message with every current presence', async () => {
    const ba = connect(joint, tokens.ba);
    await ba.synced();
    ba.provider.awareness.setLocalStateField('user', { name: 'Anna Bakker' });
    const raw = await openRaw(server, joint, tokens.va);
    const answer = new Promise<Buffer>((resolve) =>
      raw.ws.on('message', (data: Buffer) => {
        if (data[0] === 1 && data.includes(Buffer.from('Anna Bakker'))) resolve(data);
      }),
    );
    raw.ws.send(new Uint8Array([3]));
    expect((await answer)[0]).toBe(1);
    raw.ws.close();
  });

  it('a malformed message closes only that connection; others keep working', async () => {
    const ba = connect(joint, tokens.ba);
    const va = connect(joint, tokens.va);
    await Promise.all([ba.synced(), va.synced()]);

    for (const garbage of [
      new Uint8Array([0, 2, 200, 1, 2, 3]), // update whose length runs past the end
      new Uint8Array([0, 2, 3, 255, 255, 255]), // an update that does not decode
      new Uint8Array([9, 9, 9]), // unknown message type
      new Uint8Array([1, 5, 1, 2, 3, 4, 5]), // awareness that does not decode
    ]) {
      const raw = await openRaw(server, joint, tokens.ba);
      raw.ws.send(garbage);
      expect(await raw.closed).toBe(CloseCode.unsupportedData);
    }
    const textSender = await openRaw(server, joint, tokens.ba);
    textSender.ws.send('hallo');
    expect(await textSender.closed).toBe(CloseCode.unsupportedData);

    typeInto(ba.doc, 'd240', 'nog steeds');
    await waitFor(() => sectionText(va.doc, 'd240') === 'nog steeds', { what: 'relay after bad clients' });
    expect(ba.provider.wsconnected && va.provider.wsconnected).toBe(true);
  });

  it('an oversized message closes only that connection (1009) and is not stored', async () => {
    const ba = connect(joint, tokens.ba);
    const va = connect(joint, tokens.va);
    await Promise.all([ba.synced(), va.synced()]);
    const before = (await server.stores.docs.load(joint)).updates.length;

    const big = new Y.Doc();
    big.getXmlFragment('d240').insert(0, [new Y.XmlText('x'.repeat(MAX_COLLAB_MESSAGE_BYTES + 10))]);
    const update = Y.encodeStateAsUpdate(big);
    const raw = await openRaw(server, joint, tokens.ba);
    raw.ws.send(Buffer.concat([Buffer.from([0, 2]), encodeVarUint(update.length), Buffer.from(update)]));
    expect(await raw.closed).toBe(CloseCode.messageTooBig);

    typeInto(va.doc, 'd240', 'klein');
    await waitFor(() => sectionText(ba.doc, 'd240') === 'klein');
    const after = await server.stores.docs.load(joint);
    expect(after.updates.length).toBe(before + 1);
  });

  it('caps the number of connections per user', async () => {
    const open = Array.from({ length: 6 }, () => connect(joint, tokens.ba));
    await Promise.all(open.map((client) => client.synced()));
    const extra = connect(joint, tokens.ba);
    await waitFor(() => extra.closes.length > 0);
    expect(extra.closes[0]!.code).toBe(CloseCode.tooManyConnections);
    // Another user is unaffected.
    const va = connect(joint, tokens.va);
    await va.synced();
  });

  it('open connections end when their token expires or their access is taken away elsewhere', async () => {
    const user = (await server.stores.records.findUserByUsername('va.demo'))!;
    // A token that expires a second from now, signed like the server's own.
    const shortLived = new TokenService(TEST_SECRET, 60, () => Math.floor(Date.now() / 1000) - 59).issue(user.id, user.role).token;
    const expiring = connect(joint, shortLived);
    const ba = connect(occupational, tokens.ba);
    const va = connect(joint, tokens.va);
    await Promise.all([expiring.synced(), ba.synced(), va.synced()]);
    expect(await server.workspace.checkAccessNow()).toBe(0);

    await sleep(1100);
    // Meanwhile an administrator hands the case to another BA, outside this process's commands.
    const other = (await server.stores.records.findUserByUsername('outsider.demo'))!;
    await server.stores.records.setMember({ caseId: DEMO_CASE_ID, userId: other.id, caseRole: 'ba' });
    expect(await server.workspace.checkAccessNow()).toBe(2);
    await waitFor(() => expiring.closes.length > 0 && ba.closes.length > 0);
    expect(expiring.closes[0]!.code).toBe(CloseCode.unauthenticated);
    expect(ba.closes[0]!.code).toBe(CloseCode.forbidden);
    expect(va.provider.wsconnected).toBe(true);
  });

  it('logging out closes the open connections of that session', async () => {
    const ba = connect(joint, tokens.ba);
    await ba.synced();
    const response = await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { Authorization: `Bearer ${tokens.ba}` } });
    expect(response.status).toBe(204);
    await waitFor(() => ba.closes.length > 0, { what: 'connection to close at logout' });
    expect(ba.closes[0]!.code).toBe(CloseCode.unauthenticated);
    const again = connect(joint, tokens.ba);
    await waitFor(() => again.closes.length > 0);
    expect(again.closes[0]!.code).toBe(CloseCode.unauthenticated);
  });
});

/** A bare websocket on a document, to send bytes no real client would. */

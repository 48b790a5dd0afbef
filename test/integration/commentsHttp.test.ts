import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import * as Y from 'yjs';
import type { CaseThreads, CommentsPush, ThreadView } from '../../shared/comments.ts';
import { formatDocName } from '../../shared/docNames.ts';
import { RealtimeEvent } from '../../shared/realtime.ts';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { anchorOf, connectDoc, typeInto, type CollabClient } from '../helpers/collabClient.ts';
import { api } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';
import { WorkflowClient } from '../helpers/workflowClient.ts';

const OCCUPATIONAL = formatDocName({ caseId: DEMO_CASE_ID, part: 'occupational' });
const TEXT = 'Kan vier uur per dag werken met vaste pauzes.';

describe('margin comments over HTTP', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  let baWriter: CollabClient;
  let vaReader: CollabClient;
  let socket: Socket;
  const pushes: CommentsPush[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    for (const who of ['ba', 'va', 'outsider', 'reviewer']) tokens[who] = await server.login(`${who}.demo`);
    baWriter = connectDoc(server.collabUrl, OCCUPATIONAL, tokens.ba!);
    vaReader = connectDoc(server.collabUrl, OCCUPATIONAL, tokens.va!);
    await Promise.all([baWriter.synced(), vaReader.synced()]);
    typeInto(baWriter.doc, 'd240', TEXT);
    typeInto(baWriter.doc, 'd430', 'Tillen tot 10 kg.');
    await waitFor(() => vaReader.doc.getXmlFragment('d430').length > 0 && vaReader.doc.getXmlFragment('d240').toString().includes('pauzes'));
    socket = io(server.url, { path: '/socket.io', transports: ['websocket'], auth: { token: tokens.ba }, reconnection: false });
    socket.on(RealtimeEvent.comments, (push: CommentsPush) => pushes.push(push));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    await socket.emitWithAck(RealtimeEvent.join, DEMO_CASE_ID);
  });
  afterAll(async () => {
    socket.disconnect();
    baWriter.destroy();
    vaReader.destroy();
    await server.close();
  });

  const call = <T = ThreadView>(who: string, method: string, path: string, body?: unknown) =>
    api<T & { error?: { id: string; field?: string } }>(server.url, method, `/api/cases/${DEMO_CASE_ID}/threads${path}`, { token: tokens[who], body });
  const storedBytes = async () => {
    const stored = await server.stores.docs.load(OCCUPATIONAL);
    const held = await server.workspace.collab.registry.read(OCCUPATIONAL, (doc) => Y.encodeStateAsUpdate(doc));
    return Buffer.concat([...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates, held]).toString('base64');
  };

  let thread: ThreadView;

  it("the VA comments on words in the BA's column without write access, and the document stays byte-identical", async () => {
    const before = await storedBytes();
    const created = await call('va', 'POST', '', {
      part: 'occupational',
      sectionId: 'd240',
      anchor: anchorOf(vaReader.doc, 'd240', 'vier uur'),
      quote: 'vier uur',
      text: 'Waarop baseer je de vier uur?',
    });
    expect(created.status).toBe(201);
    thread = created.body;
    expect(thread).toMatchObject({
      part: 'occupational',
      sectionId: 'd240',
      quote: 'vier uur',
      createdBy: { name: 'Victor Visser' },
      unread: 0,
      resolved: null,
    });
    expect(thread.comments).toEqual([
      expect.objectContaining({ text: 'Waarop baseer je de vier uur?', author: { userId: expect.any(String), name: 'Victor Visser' } }),
    ]);
    expect(await storedBytes()).toBe(before);
    await waitFor(() => pushes.some((push) => push.thread.id === thread.id), { what: 'the push to the BA' });
  });

  it('refuses anchors that are not positions, or not in that section, and everyone outside the case', async () => {
    const base = { part: 'occupational', sectionId: 'd240', quote: 'vier uur', text: 'x' };
    expect((await call('va', 'POST', '', { ...base, anchor: { start: 'AAAA', end: 'AAAA' } })).body.error?.field).toBe('anchor');
    expect((await call('va', 'POST', '', { ...base, anchor: anchorOf(vaReader.doc, 'd430', '10 kg') })).body.error?.field).toBe('anchor');
    expect((await call('va', 'POST', '', { ...base, part: 'joint', anchor: anchorOf(vaReader.doc, 'd240', 'vier uur') })).body.error?.field).toBe('anchor');
    expect((await call('va', 'POST', '', { ...base, quote: '', anchor: anchorOf(vaReader.doc, 'd240', 'vier uur') })).body.error?.field).toBe('quote');
    expect((await call('outsider', 'GET', '')).status).toBe(403);
    expect((await call('reviewer', 'POST', '', { ...base, anchor: anchorOf(vaReader.doc, 'd240', 'vier uur') })).status).toBe(403);
    expect((await call<CaseThreads>('ba', 'GET', '')).body.threads).toHaveLength(1);
  });

  it('unread counts move per user: a new comment counts for the other, reading it clears it', async () => {
    expect((await call<CaseThreads>('ba', 'GET', '')).body.unread).toBe(1);
    expect((await call<CaseThreads>('va', 'GET', '')).body.unread).toBe(0);
    const inbox = await api(server.url, 'GET', '/api/inbox', { token: tokens.ba });
    expect(inbox.body).toEqual([{ caseId: DEMO_CASE_ID, title: expect.any(String), unread: 1 }]);

    const read = await call('ba', 'POST', `/${thread.id}/read`);
    expect(read.body.unread).toBe(0);
    expect((await call<CaseThreads>('ba', 'GET', '')).body.unread).toBe(0);

    const replied = await call('ba', 'POST', `/${thread.id}/comments`, { text: 'Op de FML van week 30.' });
    expect(replied.status).toBe(201);
    expect(replied.body.comments).toHaveLength(2);
    expect((await call<CaseThreads>('va', 'GET', '')).body.unread).toBe(1);
    expect((await call<CaseThreads>('ba', 'GET', '')).body.unread).toBe(0);
  });

  it('only its author edits or deletes a comment; a deleted comment keeps its place without its text', async () => {
    const [first, second] = (await call<CaseThreads>('va', 'GET', '')).body.threads[0]!.comments;
    const foreign = await call('va', 'PATCH', `/${thread.id}/comments/${second!.id}`, { text: 'Overschreven' });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error?.id).toBe('comment.only-author');
    expect((await call('ba', 'DELETE', `/${thread.id}/comments/${first!.id}`)).status).toBe(403);

    const edited = await call('va', 'PATCH', `/${thread.id}/comments/${first!.id}`, { text: 'Waarop baseer je precies de vier uur?' });
    expect(edited.body.comments[0]).toMatchObject({ text: 'Waarop baseer je precies de vier uur?', editedAt: expect.any(String) });
    const deleted = await call('va', 'DELETE', `/${thread.id}/comments/${first!.id}`);
    expect(deleted.body.comments[0]).toMatchObject({ text: '', deletedAt: expect.any(String) });
    expect(deleted.body.comments).toHaveLength(2);
    expect((await call('va', 'PATCH', `/${thread.id}/comments/${first!.id}`, { text: 'terug' })).body.error?.id).toBe('comment.deleted');
    const denied = await server.stores.audit.list({ caseId: DEMO_CASE_ID, action: 'denied' });
    expect(denied.some((row) => row.username === 'va.demo' && row.detail === 'not-the-author')).toBe(true);
  });

  it('threads resolve and reopen, once each, pushed live', async () => {
    const resolved = await call('ba', 'POST', `/${thread.id}/resolve`);
    expect(resolved.body.resolved).toMatchObject({ by: { name: 'Anna Bakker' } });
    expect((await call('va', 'POST', `/${thread.id}/resolve`)).status).toBe(409);
    expect((await call('va', 'POST', `/${thread.id}/reopen`)).body.resolved).toBeNull();
    await waitFor(() => pushes.filter((push) => push.thread.id === thread.id).length >= 6, { what: 'every change pushed' });
    expect(pushes.at(-1)!.thread.resolved).toBeNull();
  });

  it("stores the server's reading of the anchor as the quote, whatever the request says", async () => {
    const anchor = anchorOf(vaReader.doc, 'd240', 'vaste pauzes');
    const forged = await call('va', 'POST', '', { part: 'occupational', sectionId: 'd240', anchor, quote: 'zonder beperkingen', text: 'Welke pauzes?' });
    expect(forged.status).toBe(201);
    expect(forged.body.quote).toBe('vaste pauzes');
    expect((await server.stores.comments.getThread(forged.body.id))!.quote).toBe('vaste pauzes');
    // The quote may be left out; an anchor on no text at all is refused.
    const unquoted = await call('va', 'POST', '', { part: 'occupational', sectionId: 'd240', anchor: anchorOf(vaReader.doc, 'd240', 'Kan'), text: 'Kan?' });
    expect(unquoted.body.quote).toBe('Kan');
    const empty = { start: anchor.start, end: anchor.start };
    const nothing = await call('va', 'POST', '', { part: 'occupational', sectionId: 'd240', anchor: empty, quote: 'iets', text: 'x' });
    expect(nothing.status).toBe(400);
    expect(nothing.body.error?.field).toBe('anchor');
  });

  it('an invited reviewer reads the threads but writes none of them: each write is a 403, audited, and changes nothing', async () => {
    const ba = new WorkflowClient(server, tokens.ba!, DEMO_CASE_ID);
    await ba.flag('d430', 'Tilgewicht');
    const dispute = (await ba.openDispute(['d430'])).body.workflow.disputes.at(-1)!;
    expect((await ba.inviteReviewer(dispute.id, 'reviewer.demo')).status).toBe(200);

    const listed = await call<CaseThreads>('reviewer', 'GET', '');
    expect(listed.status).toBe(200);
    const before = listed.body.threads;
    expect(before.length).toBeGreaterThan(0);
    const [first] = before;
    const unreadBefore = listed.body.unread;
    const read = await call('reviewer', 'POST', `/${first!.id}/read`);
    expect([read.status, read.body.unread]).toEqual([200, 0]);
    const inbox = await api(server.url, 'GET', '/api/inbox', { token: tokens.reviewer });
    expect(inbox.status).toBe(200);
    expect(inbox.body).toEqual([{ caseId: DEMO_CASE_ID, title: expect.any(String), unread: unreadBefore - first!.unread }]);

    const comment = first!.comments.at(-1)!;
    const writes: [string, string, unknown?][] = [
      ['POST', '', { part: 'occupational', sectionId: 'd240', anchor: anchorOf(vaReader.doc, 'd240', 'vier uur'), text: 'Als reviewer' }],
      ['POST', `/${first!.id}/comments`, { text: 'Als reviewer' }],
      ['PATCH', `/${first!.id}/comments/${comment.id}`, { text: 'Overschreven' }],
      ['DELETE', `/${first!.id}/comments/${comment.id}`],
      ['POST', `/${first!.id}/resolve`],
      ['POST', `/${first!.id}/reopen`],
    ];
    for (const [method, path, body] of writes) {
      const refused = await call('reviewer', method, path, body);
      expect([method, path, refused.status, refused.body.error?.id]).toEqual([method, path, 403, 'comment.reviewer-read-only']);
    }
    const after = await call<CaseThreads>('ba', 'GET', '');
    expect(after.body.threads.map(({ unread: _u, lastReadAt: _l, ...thread }) => thread)).toEqual(
      before.map(({ unread: _u, lastReadAt: _l, ...thread }) => thread),
    );
    const denied = await server.stores.audit.list({ caseId: DEMO_CASE_ID, action: 'denied' });
    expect(denied.filter((row) => row.username === 'reviewer.demo' && row.detail === 'reviewer-read-only')).toHaveLength(writes.length);

    // The physicians keep every right: the BA still replies.
    expect((await call('ba', 'POST', `/${first!.id}/comments`, { text: 'Tijdens het geschil.' })).status).toBe(201);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThreadView } from '../../shared/comments.ts';
import { formatDocName } from '../../shared/docNames.ts';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { anchorOf, connectDoc, typeInto, type CollabClient } from '../helpers/collabClient.ts';
import { api } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';
import { WorkflowClient } from '../helpers/workflowClient.ts';

const OCCUPATIONAL = formatDocName({ caseId: DEMO_CASE_ID, part: 'occupational' });

/**
 * Comments follow the command contract: each write is an event in the case's
 * log (with its audit row), chained and verified like every other, and
 * changes no section, dispute or session.
 */
describe('comment commands in the case log', () => {
  let server: TestServer;
  let ba: CollabClient;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer();
    for (const who of ['ba', 'va']) tokens[who] = await server.login(`${who}.demo`);
    ba = connectDoc(server.collabUrl, OCCUPATIONAL, tokens.ba!);
    await ba.synced();
    typeInto(ba.doc, 'd240', 'Kan vier uur per dag werken.');
    await waitFor(async () => (await server.workspace.collab.registry.read(OCCUPATIONAL, (doc) => doc.getXmlFragment('d240').toString())).includes('uur'));
  });
  afterAll(async () => {
    ba.destroy();
    await server.close();
  });

  const call = (who: string, method: string, path: string, body?: unknown) =>
    api<ThreadView>(server.url, method, `/api/cases/${DEMO_CASE_ID}/threads${path}`, { token: tokens[who], body });

  it('logs each write without its text, keeps the workflow as it was, and the log still verifies', async () => {
    const before = (await api(server.url, 'GET', `/api/cases/${DEMO_CASE_ID}/workflow`, { token: tokens.ba })).body;
    const anchor = anchorOf(ba.doc, 'd240', 'vier uur');
    const thread = (await call('va', 'POST', '', { part: 'occupational', sectionId: 'd240', anchor, quote: 'x', text: 'Waarom vier?' })).body;
    const answer = (await call('ba', 'POST', `/${thread.id}/comments`, { text: 'Belastbaarheid.' })).body.comments[1]!;
    expect((await call('ba', 'PATCH', `/${thread.id}/comments/${answer.id}`, { text: 'Belastbaarheid, zie FML.' })).status).toBe(200);
    expect((await call('ba', 'DELETE', `/${thread.id}/comments/${answer.id}`)).status).toBe(200);
    expect((await call('va', 'POST', `/${thread.id}/resolve`)).status).toBe(200);
    expect((await call('va', 'POST', `/${thread.id}/reopen`)).status).toBe(200);

    const events = await server.stores.workflow.listEvents(DEMO_CASE_ID);
    expect(events.map((e) => e.event.type)).toEqual([
      'comment.created',
      'comment.replied',
      'comment.edited',
      'comment.deleted',
      'comment.resolved',
      'comment.reopened',
    ]);
    expect(events[0]!.event).toEqual({
      type: 'comment.created',
      threadId: thread.id,
      commentId: thread.comments[0]!.id,
      part: 'occupational',
      section: 'd240',
    });
    expect(JSON.stringify(events)).not.toContain('Belastbaarheid');

    const after = (await api(server.url, 'GET', `/api/cases/${DEMO_CASE_ID}/workflow`, { token: tokens.ba })).body;
    expect({ ...after, seq: before.seq }).toEqual(before);
    expect(after.seq).toBe(before.seq + 6);

    // The chain goes on: a workflow command after the comments commits, and the whole log verifies.
    expect((await new WorkflowClient(server, tokens.ba!, DEMO_CASE_ID).flag('d240')).status).toBe(200);
    await server.workspace.integrity.scanAll();
    expect(server.workspace.integrity.report()).toMatchObject({ failed: [], scan: 'done' });
  });
});

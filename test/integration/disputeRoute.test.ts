import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDocName } from '../../shared/docNames.ts';
import { CloseCode } from '../../shared/limits.ts';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { SQLITE_FILE_NAME } from '../../server/store/sqlite/index.ts';
import { connectDoc, sectionText, typeInto, type CollabClient } from '../helpers/collabClient.ts';
import { api } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';
import { sleep, waitFor } from '../helpers/waitFor.ts';
import { WorkflowClient } from '../helpers/workflowClient.ts';

const JOINT = formatDocName({ caseId: DEMO_CASE_ID, part: 'joint' });
const OCCUPATIONAL = formatDocName({ caseId: DEMO_CASE_ID, part: 'occupational' });

describe('the dispute route and the reviewer', () => {
  let server: TestServer;
  let ba: WorkflowClient;
  let va: WorkflowClient;
  let reviewer: WorkflowClient;
  const clients: CollabClient[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    ba = new WorkflowClient(server, await server.login('ba.demo'), DEMO_CASE_ID);
    va = new WorkflowClient(server, await server.login('va.demo'), DEMO_CASE_ID);
    reviewer = new WorkflowClient(server, await server.login('reviewer.demo'), DEMO_CASE_ID);
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server.close();
  });

  const caseVisible = async (token: string) => (await api(server.url, 'GET', '/api/cases', { token })).body.map((c: { id: string }) => c.id);
  const connect = (docName: string, token: string) => {
    const client = connectDoc(server.collabUrl, docName, token);
    clients.push(client);
    return client;
  };

  it('walks a dispute through its stages: reviewer access while it is open, revoked (live connections too) when it closes', async () => {
    // The BA writes a position the dispute snapshots.
    const baOwn = connect(OCCUPATIONAL, ba.token);
    await baOwn.synced();
    typeInto(baOwn.doc, 'd430', 'Tillen tot 15 kg');
    await waitFor(async () => (await server.stores.docs.load(OCCUPATIONAL)).updates.length > 0);

    // Before any invitation the reviewer has no access at all.
    expect(await caseVisible(reviewer.token)).toEqual([]);
    expect((await api(server.url, 'GET', `/api/cases/${DEMO_CASE_ID}`, { token: reviewer.token })).status).toBe(403);
    const early = connect(JOINT, reviewer.token);
    await waitFor(() => early.closes.length > 0);
    expect(early.closes[0]!.code).toBe(CloseCode.forbidden);

    expect((await ba.flag('d430', 'BA: 15 kg, VA: 5 kg')).status).toBe(200);
    const opened = await ba.openDispute(['d430']);
    expect(opened.status).toBe(201);
    const dispute = opened.body.workflow.disputes[0]!;
    expect(dispute).toMatchObject({ stage: 'opened', sections: ['d430'], positions: { d430: { ba: 'Tillen tot 15 kg', va: '' } } });
    expect(opened.body.workflow.sections.d430).toMatchObject({ status: 'escalated', disputeId: dispute.id });

    // Inviting: not a member of the case, and a real physician.
    expect((await ba.inviteReviewer(dispute.id, 'va.demo')).body.error?.id).toBe('inviteReviewer.not-independent');
    expect((await ba.inviteReviewer(dispute.id, 'niemand')).body.error?.id).toBe('inviteReviewer.unknown');
    expect((await ba.inviteReviewer(dispute.id, 'admin.demo')).body.error?.id).toBe('inviteReviewer.unknown');
    const invited = await va.inviteReviewer(dispute.id, 'reviewer.demo');
    expect(invited.status).toBe(200);
    expect(invited.body.workflow.disputes[0]).toMatchObject({ stage: 'peer_review', reviewer: { name: 'Renée de Roos' } });

    // The reviewer now sees the case, read-only, and can read every document of it.
    expect(await caseVisible(reviewer.token)).toEqual([DEMO_CASE_ID]);
    const detail = await api(server.url, 'GET', `/api/cases/${DEMO_CASE_ID}`, { token: reviewer.token });
    expect(detail.body.myRole).toBe('reviewer');
    const reading = connect(OCCUPATIONAL, reviewer.token);
    const readingJoint = connect(JOINT, reviewer.token);
    await Promise.all([reading.synced(), readingJoint.synced()]);
    expect(sectionText(reading.doc, 'd430')).toBe('Tillen tot 15 kg');
    typeInto(reading.doc, 'd430', ' (reviewer)');
    await sleep(200);
    expect(sectionText(baOwn.doc, 'd430')).toBe('Tillen tot 15 kg');
    const connects = await server.stores.audit.list({ caseId: DEMO_CASE_ID, action: 'connect' });
    expect(connects.some((row) => row.username === 'reviewer.demo' && row.detail === 'r')).toBe(true);

    // The reviewer may record the opinion and nothing else; the physicians may not record it.
    expect((await reviewer.flag('d240')).status).toBe(403);
    expect((await reviewer.closeDispute(dispute.id, { d430: 'residual' })).body.error?.id).toBe('closeDispute.only-physicians');
    expect((await ba.recordOpinion(dispute.id)).body.error?.id).toBe('recordOpinion.only-reviewer');
    const opinion = await reviewer.recordOpinion(dispute.id, 'Beide standpunten zijn verdedigbaar; 10 kg ligt voor de hand.');
    expect(opinion.status).toBe(200);
    expect(opinion.body.workflow.disputes[0]!.reviewer!.opinion!.text).toContain('10 kg');
    expect((await reviewer.recordOpinion(dispute.id)).body.error?.id).toBe('recordOpinion.once');

    // A formal route: a second opinion only at the employee's request.
    const secondByEmployer = await ba.post(`/disputes/${dispute.id}/formal-route`, {
      kind: 'second_opinion',
      requestedBy: 'employer',
      requestedOn: '2026-11-20',
      question: 'Belastbaarheid tillen',
    });
    expect(secondByEmployer.body.error?.id).toBe('recordFormalRoute.requester');
    const formal = await ba.post(`/disputes/${dispute.id}/formal-route`, {
      kind: 'deskundigenoordeel',
      requestedBy: 'employer',
      requestedOn: '2026-11-20',
      question: 'Belastbaarheid tillen',
    });
    expect(formal.body.workflow.disputes[0]).toMatchObject({
      stage: 'formal_route',
      formalRoute: { kind: 'deskundigenoordeel', requestedBy: 'employer', outcome: null },
    });
    // Never backwards: no reviewer can be invited any more.
    expect((await ba.inviteReviewer(dispute.id, 'outsider.demo')).body.error?.id).toBe('inviteReviewer.stage');

    // Closing: 'agreed' needs a signed agreement; residual freezes both positions.
    expect((await va.closeDispute(dispute.id, { d430: 'agreed' })).body.error?.id).toBe('closeDispute.agreed-needs-signatures');
    expect((await va.closeDispute(dispute.id, { d240: 'residual' })).body.error?.id).toBe('closeDispute.outcomes');
    const closed = await va.closeDispute(dispute.id, { d430: 'residual' });
    expect(closed.status).toBe(200);
    const final = closed.body.workflow.disputes[0]!;
    expect(final.timeline.map((entry) => entry.stage)).toEqual(['opened', 'peer_review', 'formal_route', 'closed']);
    expect(final.closing).toMatchObject({ outcomes: { d430: 'residual' }, positions: { d430: { ba: 'Tillen tot 15 kg', va: '' } } });
    expect(closed.body.workflow.sections.d430).toMatchObject({ status: 'resolved', outcome: 'residual' });

    // The reviewer's access ends at once, live connections included.
    await waitFor(() => reading.closes.length > 0 && readingJoint.closes.length > 0, { what: "the reviewer's connections to close" });
    expect(reading.closes[0]!.code).toBe(CloseCode.forbidden);
    expect(reading.provider.shouldConnect).toBe(false);
    expect(await caseVisible(reviewer.token)).toEqual([]);
    expect((await api(server.url, 'GET', `/api/cases/${DEMO_CASE_ID}`, { token: reviewer.token })).status).toBe(403);
    expect((await reviewer.recordOpinion(dispute.id)).status).toBe(403);
    const late = connect(JOINT, reviewer.token);
    await waitFor(() => late.closes.length > 0);
    expect(late.closes[0]!.code).toBe(CloseCode.forbidden);
  });
});

describe('tamper detection of the event log', () => {
  const ADMIN = fileURLToPath(new URL('../../dist/server/admin.js', import.meta.url));
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
    const ba = new WorkflowClient(server, await server.login('ba.demo'), DEMO_CASE_ID);
    const va = new WorkflowClient(server, await server.login('va.demo'), DEMO_CASE_ID);
    await ba.flag('d240', 'BA ziet 4 uur');
    await va.flag('d430', 'VA ziet 5 kg');
    await ba.withdrawFlag('d240');
    await va.writeJoint('d160', 'Samen');
    await va.propose('d160');
  });
  afterAll(() => server.close());

  const verify = async () => {
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [ADMIN, 'verify-log', DEMO_CASE_ID], {
        env: { PATH: process.env.PATH, DATA_DIR: server.dataDir! },
      });
      return { code: 0, output: stdout };
    } catch (error) {
      const failed = error as { code: number; stderr: string };
      return { code: failed.code, output: failed.stderr };
    }
  };

  it('verify-log reports an intact log, then the first event changed behind its back', async () => {
    const intact = await verify();
    expect(intact).toEqual({ code: 0, output: expect.stringContaining('intact (4 events)') });

    // Someone with the database file changes a flag's rationale; the table's own guard must be dropped first.
    const db = new Database(join(server.dataDir!, SQLITE_FILE_NAME));
    try {
      expect(() => db.prepare("UPDATE case_events SET event = replace(event, '4 uur', '8 uur') WHERE seq = 1").run()).toThrow(/append-only/);
      db.exec('DROP TRIGGER case_events_no_update');
      db.prepare("UPDATE case_events SET event = replace(event, '5 kg', '25 kg') WHERE case_id = ? AND seq = 2").run(DEMO_CASE_ID);
    } finally {
      db.close();
    }
    const tampered = await verify();
    expect(tampered.code).toBe(1);
    expect(tampered.output).toMatch(/case demo: event.changed at event 2: its content does not match its hash/);
  });
});

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseListEntry } from '../../shared/api.ts';
import { formatDocName } from '../../shared/docNames.ts';
import { nextMilestone } from '../../shared/poortwachter.ts';
import { localDate, weekOfSickness } from '../../shared/sickness.ts';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { SQLITE_FILE_NAME } from '../../server/store/sqlite/index.ts';
import { anchorOf, connectDoc } from '../helpers/collabClient.ts';
import { api } from '../helpers/http.ts';
import { sqliteRawWorkflow } from '../helpers/rawWorkflow.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';
import { WorkflowClient } from '../helpers/workflowClient.ts';

/** GET /api/cases as a work queue: one request gives every row its counts, from the stores. */
describe('the case list as a work queue over HTTP', () => {
  let server: TestServer;
  let admin: string;
  let ba: WorkflowClient;
  let va: WorkflowClient;
  const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '.000Z');

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.login('admin.demo');
    const created = await api(server.url, 'POST', '/api/cases', {
      token: admin,
      body: { title: 'Queue', employeePseudonym: 'WN-Q', employer: 'Werkgever', firstSickDay: '2026-01-05', ba: 'ba.demo', va: 'va.demo' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    ba = new WorkflowClient(server, await server.login('ba.demo'), id);
    va = new WorkflowClient(server, await server.login('va.demo'), id);
  });
  afterAll(() => server.close());

  async function listOf(token: string): Promise<CaseListEntry[]> {
    const response = await api<CaseListEntry[]>(server.url, 'GET', '/api/cases', { token });
    expect(response.status).toBe(200);
    return response.body;
  }
  const rowOf = async (token: string, caseId = ba.caseId) => (await listOf(token)).find((row) => row.id === caseId)!;

  it('a fresh case: nothing open, last activity is its creation', async () => {
    const row = await rowOf(ba.token);
    expect(row.queue).toMatchObject({ openDisagreements: 0, awaitingMySignature: 0, openDisputes: 0, nextSession: null, unreadComments: 0, integrity: 'ok' });
    expect(Date.parse(row.queue.lastActivityAt)).not.toBeNaN();
  });

  it("after the VA proposes, the proposal awaits the BA's signature and not the VA's; flags count as open disagreements", async () => {
    await ba.writeJoint('d240', 'Gezamenlijk: vier uur per dag.');
    expect((await va.propose('d240')).status).toBe(200);
    expect((await ba.flag('d430')).status).toBe(200);
    const [forBa, forVa] = [(await rowOf(ba.token)).queue, (await rowOf(va.token)).queue];
    expect(forBa).toMatchObject({ awaitingMySignature: 1, openDisagreements: 2 });
    expect(forVa).toMatchObject({ awaitingMySignature: 0, openDisagreements: 2 });
    const head = (await server.stores.workflow.listEvents(ba.caseId)).at(-1)!;
    expect(forBa.lastActivityAt).toBe(head.at);
  });

  it('a scheduled session shows as the next one', async () => {
    const scheduled = await ba.post('/sessions', { scheduledAt: inHours(48), durationMinutes: 45, mode: 'telefoon' });
    expect(scheduled.status).toBe(201);
    const session = scheduled.body.workflow.sessions.at(-1)!;
    expect((await rowOf(va.token)).queue.nextSession).toEqual({ id: session.id, scheduledAt: session.scheduledAt, mode: 'telefoon' });
  });

  it('a comment is unread for the other physician only, and administrators see the rows with no signature or unread counts', async () => {
    const reader = connectDoc(server.collabUrl, formatDocName({ caseId: ba.caseId, part: 'joint' }), va.token);
    try {
      await reader.synced();
      const body = { part: 'joint', sectionId: 'd240', anchor: anchorOf(reader.doc, 'd240', 'vier uur'), quote: 'vier uur', text: 'Klopt dit?' };
      expect((await va.post('/threads', body)).status).toBe(201);
    } finally {
      reader.destroy();
    }
    expect((await rowOf(ba.token)).queue.unreadComments).toBe(1);
    expect((await rowOf(va.token)).queue.unreadComments).toBe(0);
    const forAdmin = (await rowOf(admin)).queue;
    expect(forAdmin).toMatchObject({ awaitingMySignature: 0, unreadComments: 0, openDisagreements: 2, integrity: 'ok' });
  });

  it('the demo case carries its week of sickness and next milestone, in the same one request', async () => {
    const rows = await listOf(ba.token);
    const demo = rows.find((row) => row.id === DEMO_CASE_ID)!;
    const today = localDate(new Date());
    const milestone = nextMilestone(demo.firstSickDay, today)!;
    expect(demo.queue.weekOfSickness).toBe(weekOfSickness(demo.firstSickDay, today));
    expect(demo.queue.weekOfSickness).toBeGreaterThanOrEqual(36);
    expect(demo.queue.nextMilestone).toEqual({
      id: milestone.key,
      labelNl: milestone.labelNl,
      labelEn: milestone.labelEn,
      dueWeek: milestone.dueWeek,
      dueDate: milestone.dueDate,
    });
    // Every row came with its queue fields: the list needs no request per case.
    expect(rows.every((row) => row.queue !== undefined)).toBe(true);
  });

  it('a case that does not match its log is marked in the list instead of failing it', async () => {
    await sqliteRawWorkflow(join(server.dataDir!, SQLITE_FILE_NAME)).deleteEventsAfter(ba.caseId, 1);
    const rows = await listOf(ba.token);
    expect(rows.find((row) => row.id === ba.caseId)!.queue).toMatchObject({ integrity: 'failed', openDisagreements: null, awaitingMySignature: null });
    expect(rows.find((row) => row.id === DEMO_CASE_ID)!.queue.integrity).toBe('ok');
  });
});

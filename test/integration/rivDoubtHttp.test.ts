import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/poortwachter.ts';
import { localDate } from '../../shared/sickness.ts';
import type { ConsultationSession } from '../../shared/workflow/types.ts';
import { api } from '../helpers/http.ts';
import { pdfText } from '../helpers/pdf.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';
import { WorkflowClient } from '../helpers/workflowClient.ts';

/** The server's clock: moved on between steps, so the session concludes after the doubt. */
let clock = new Date('2027-11-02T09:00:00.000Z');
const later = (minutes: number) => {
  clock = new Date(clock.getTime() + minutes * 60_000);
  return clock.toISOString();
};
const REASON = 'TWIJFEL-8R: belastbaarheid wisselt sterk per week';

const flatText = async (bytes: Uint8Array) => (await pdfText(bytes)).replace(/\s+/g, ' ');

describe('doubt at the actueel oordeel over HTTP', () => {
  let server: TestServer;
  let ba: WorkflowClient;
  let va: WorkflowClient;
  let outsider: WorkflowClient;
  let caseId: string;

  beforeAll(async () => {
    server = await startTestServer({ now: () => clock });
    const admin = await server.login('admin.demo');
    // Week 88 of sickness on the server's day.
    const firstSickDay = addDays(localDate(clock), -7 * 87);
    const created = await api(server.url, 'POST', '/api/cases', {
      token: admin,
      body: { title: 'RIV', employeePseudonym: 'WN-R', employer: 'Werkgever', firstSickDay, ba: 'ba.demo', va: 'va.demo' },
    });
    expect(created.status).toBe(201);
    caseId = created.body.id as string;
    ba = new WorkflowClient(server, await server.login('ba.demo'), caseId);
    va = new WorkflowClient(server, await server.login('va.demo'), caseId);
    outsider = new WorkflowClient(server, await server.login('outsider.demo'), caseId);
  });
  afterAll(() => server.close());

  const dossier = async () => {
    const response = await fetch(`${server.url}/api/cases/${caseId}/export/dossier.pdf`, { headers: { Authorization: `Bearer ${ba.token}` } });
    expect(response.status).toBe(200);
    return flatText(new Uint8Array(await response.arrayBuffer()));
  };

  it('is ready for the RIV while no doubt is recorded', async () => {
    expect((await ba.workflow()).riv).toMatchObject({ doubt: null, consultationRequired: false, ready: true });
    expect(await dossier()).toContain('Gereed voor het re-integratieverslag: ja.');
  });

  it('refuses the VA, outsiders and a reason over the limit, changing nothing', async () => {
    const before = await ba.workflow();
    expect((await va.post('/riv/doubt', { reason: 'VA twijfelt' })).body.error?.id).toBe('recordRivDoubt.only-ba');
    expect((await va.post('/riv/doubt', {})).status).toBe(403);
    expect((await outsider.post('/riv/doubt', {})).status).toBe(403);
    expect((await ba.post('/riv/doubt', { reason: 'x'.repeat(1001) })).body.error?.field).toBe('reason');
    expect((await ba.post('/riv/withdraw-doubt')).body.error?.id).toBe('withdrawRivDoubt.none');
    const after = await ba.workflow();
    expect(after.seq).toBe(before.seq);
    expect(after.riv.doubt).toBeNull();
  });

  it('the BA records doubt: a consultation is required and the dossier says it is not ready', async () => {
    later(1);
    const recorded = await ba.post('/riv/doubt', { reason: REASON });
    expect(recorded.status).toBe(200);
    expect(recorded.body.workflow.riv).toMatchObject({ consultationRequired: true, ready: false, doubt: { reason: REASON, by: { role: 'ba' } } });
    expect((await va.workflow()).riv.consultationRequired).toBe(true);
    expect((await ba.post('/riv/doubt', {})).body.error?.id).toBe('recordRivDoubt.already-recorded');
    const text = await dossier();
    expect(text).toContain('Gereed voor het re-integratieverslag: nee.');
    expect(text).toContain('Consultatie met de verzekeringsarts vereist vóór het re-integratieverslag');
    // Medical text: never in the audit trail.
    const audit = await server.stores.audit.list({ caseId });
    expect(JSON.stringify(audit)).not.toContain('TWIJFEL-8R');
    expect(audit.some((row) => row.detail === 'riv.doubt_recorded')).toBe(true);
  });

  it('a cancelled session does not make it ready; one scheduled, started and concluded does', async () => {
    const schedule = () => ba.post('/sessions', { scheduledAt: later(60), durationMinutes: 30, mode: 'video' });
    const cancelled = (await schedule()).body.workflow.sessions.at(-1) as ConsultationSession;
    expect((await va.post(`/sessions/${cancelled.id}/cancel`, { reason: '' })).status).toBe(200);
    expect((await ba.workflow()).riv.ready).toBe(false);

    const session = (await schedule()).body.workflow.sessions.at(-1) as ConsultationSession;
    expect((await va.post(`/sessions/${session.id}/start`)).status).toBe(200);
    later(30);
    const concluded = await ba.post(`/sessions/${session.id}/conclude`);
    expect(concluded.status).toBe(200);
    expect(concluded.body.workflow.riv).toMatchObject({ ready: true, consultationRequired: false, consultation: { sessionId: session.id } });
    const text = await dossier();
    expect(text).toContain('Gereed voor het re-integratieverslag: ja.');
    expect(text).toContain('Consultatie met de verzekeringsarts gehouden op');
  });

  it('the BA withdraws the doubt; the log still verifies on a full check', async () => {
    expect((await va.post('/riv/withdraw-doubt')).body.error?.id).toBe('withdrawRivDoubt.only-ba');
    const withdrawn = await ba.post('/riv/withdraw-doubt');
    expect(withdrawn.body.workflow.riv).toMatchObject({ doubt: null, ready: true });
    const events = (await api(server.url, 'GET', `/api/cases/${caseId}/events`, { token: ba.token })).body as { event: { type: string } }[];
    expect(events.map((e) => e.event.type).filter((type) => type.startsWith('riv.'))).toEqual(['riv.doubt_recorded', 'riv.doubt_withdrawn']);
    // The full check replays the log, riv events included, against the stored state.
    expect((await server.workspace.integrity.scanAll()).failed).toEqual([]);
  });
});

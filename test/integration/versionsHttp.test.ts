import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VersionDetail, VersionSummary } from '../../shared/record/api.ts';
import { templateSections } from '../../shared/template/index.ts';
import { TEMPLATE_V1 } from '../../shared/template/shipped.ts';
import { api } from '../helpers/http.ts';
import { createCase, editDoc, writeSection } from '../helpers/caseEditing.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';
import { WorkflowClient } from '../helpers/workflowClient.ts';

type Who = 'ba' | 'va' | 'reviewer' | 'outsider' | 'admin';
const WHO: Who[] = ['ba', 'va', 'reviewer', 'outsider', 'admin'];
const SECTION_IDS = templateSections(TEMPLATE_V1).map((section) => section.id);
const labelOf = (id: string) => templateSections(TEMPLATE_V1).find((section) => section.id === id)!.label.nl;
const DAY = 24 * 3600_000;

/** Versions over HTTP against a real server, with the documents typed through the stock provider. */
function versionSuite(store: 'sqlite' | 'memory') {
  let server: TestServer;
  const tokens = {} as Record<Who, string>;
  const users = {} as Record<Who, { userId: string; name: string }>;

  beforeAll(async () => {
    server = await startTestServer({ store });
    for (const who of WHO) {
      tokens[who] = await server.login(`${who}.demo`);
      const { user } = (await api(server.url, 'GET', '/api/me', { token: tokens[who] })).body as { user: { id: string; name: string } };
      users[who] = { userId: user.id, name: user.name };
    }
  });
  afterAll(() => server.close());

  const call = <T>(who: Who, method: string, caseId: string, path = '', body?: unknown) =>
    api<T>(server.url, method, `/api/cases/${caseId}/versions${path}`, { token: tokens[who], ...(body === undefined ? {} : { body }) });
  const take = (who: Who, caseId: string, label: unknown) =>
    call<VersionSummary & { error?: { id: string; field?: string } }>(who, 'POST', caseId, '', { label });
  const list = async (caseId: string) => (await call<VersionSummary[]>('ba', 'GET', caseId)).body;
  const detail = (who: Who, caseId: string, id: string) => call<VersionDetail & { error?: { id: string } }>(who, 'GET', caseId, `/${id}`);
  const client = (who: Who, caseId: string) => new WorkflowClient(server, tokens[who], caseId);

  it('takes a version by hand: create, list and get answer the contract, with the text and qualifiers as typed', async () => {
    const caseId = await createCase(server, tokens.admin, 10);
    await editDoc(server, tokens.ba, caseId, 'occupational', (doc) => writeSection(doc, 'd240', ['Geen deadlines.', 'Hooguit 4 uur per dag.'], '3'));
    await editDoc(server, tokens.va, caseId, 'insurance', (doc) => writeSection(doc, 'd240', ['Normale werkdruk is belastbaar.'], '1'));
    await editDoc(server, tokens.ba, caseId, 'joint', (doc) => writeSection(doc, 'e250', ['Stille werkplek.'], '+2'));

    const created = await take('ba', caseId, '  Voor het gesprek met UWV  ');
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      at: expect.any(String),
      week: 2,
      label: 'Voor het gesprek met UWV',
      reason: 'manual',
      by: users.ba,
    });
    expect(Object.keys(created.body).sort()).toEqual(['at', 'by', 'id', 'label', 'reason', 'week']);
    const second = (await take('va', caseId, 'Na het spreekuur')).body;
    expect(await list(caseId)).toEqual([second, created.body]);

    const read = await detail('ba', caseId, created.body.id);
    expect(read.status).toBe(200);
    expect(Object.keys(read.body).sort()).toEqual(['at', 'id', 'label', 'reason', 'sections', 'week']);
    expect(read.body).toMatchObject({ id: created.body.id, at: created.body.at, week: 2, label: 'Voor het gesprek met UWV', reason: 'manual' });
    expect(Object.keys(read.body.sections).sort()).toEqual([...SECTION_IDS].sort());
    const d240 = read.body.sections.d240!;
    expect(d240.occupational).toMatchObject({ text: 'Geen deadlines.\nHooguit 4 uur per dag.', qualifier: 3 });
    expect(d240.insurance).toMatchObject({ text: 'Normale werkdruk is belastbaar.', qualifier: 1 });
    expect(d240.joint).toMatchObject({ text: '', qualifier: null });
    expect(read.body.sections.e250!.joint).toMatchObject({ text: 'Stille werkplek.', qualifier: 2, qualifierCode: '+2' });

    // Later typing never changes a version; a new one holds it.
    await editDoc(server, tokens.ba, caseId, 'occupational', (doc) => writeSection(doc, 'd240', ['Alles anders.'], '4'));
    expect((await detail('va', caseId, created.body.id)).body).toEqual(read.body);
    const later = (await take('ba', caseId, 'Later')).body;
    expect((await detail('ba', caseId, later.id)).body.sections.d240!.occupational).toMatchObject({ text: 'Alles anders.', qualifier: 4 });

    const audit = await server.stores.audit.list({ caseId });
    expect(audit).toContainEqual(expect.objectContaining({ action: 'create', object: 'version', outcome: 'success', detail: created.body.id }));
    expect(audit).toContainEqual(expect.objectContaining({ action: 'read', object: 'versions', outcome: 'success' }));
    expect(audit).toContainEqual(expect.objectContaining({ action: 'read', object: `version:${created.body.id}`, outcome: 'success' }));
  });

  it('lets only the physicians take versions; outsiders and the administrator read none, an invited reviewer reads them', async () => {
    const caseId = await createCase(server, tokens.admin, 10);
    const { id } = (await take('ba', caseId, 'Eerste')).body;
    for (const who of ['outsider', 'admin', 'reviewer'] as const) {
      expect((await take(who, caseId, 'Niet van mij')).status, who).toBe(403);
      expect((await call(who, 'GET', caseId)).status, who).toBe(403);
      expect((await detail(who, caseId, id)).status, who).toBe(403);
    }
    const ba = client('ba', caseId);
    await ba.writeJoint('d430', 'Tillen');
    await ba.flag('d430');
    const disputeId = (await ba.openDispute(['d430'])).body.workflow.disputes.at(-1)!.id;
    expect((await ba.inviteReviewer(disputeId, 'reviewer.demo')).status).toBe(200);

    const refused = await take('reviewer', caseId, 'Van de reviewer');
    expect(refused.status).toBe(403);
    expect(refused.body.error?.id).toBe('version.physicians-only');
    expect((await call<VersionSummary[]>('reviewer', 'GET', caseId)).body.map((v) => v.id)).toEqual([id]);
    expect((await detail('reviewer', caseId, id)).status).toBe(200);
    expect((await list(caseId)).map((v) => v.id)).toEqual([id]);
    const denied = await server.stores.audit.list({ caseId, action: 'denied' });
    expect(denied).toContainEqual(expect.objectContaining({ object: 'version', detail: 'versions-physicians-only' }));
  });

  it('refuses a bad label (400) and an unknown version (404 version.not-found), storing nothing', async () => {
    const caseId = await createCase(server, tokens.admin, 10);
    for (const label of ['', '   ', 'x'.repeat(201), 42, undefined]) {
      const response = await take('ba', caseId, label);
      expect(response.status, JSON.stringify(label)).toBe(400);
      expect(response.body.error?.field).toBe('label');
    }
    expect((await take('ba', caseId, 'x'.repeat(200))).status).toBe(201);
    const unknown = await detail('ba', caseId, '00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error?.id).toBe('version.not-found');
    expect((await detail('ba', caseId, 'not a version')).status).toBe(400);
    expect(await list(caseId)).toHaveLength(1);
  });

  it('takes versions by itself after a signature, a closed dispute and a concluded session', async () => {
    const caseId = await createCase(server, tokens.admin, 10);
    const [ba, va] = [client('ba', caseId), client('va', caseId)];
    await ba.writeJoint('d160', 'Concentratie 30 minuten per blok.');
    await va.propose('d160');
    const hash = (await ba.workflow()).sections.d160!.proposal!.hash;
    expect((await ba.sign('d160', hash)).status).toBe(200);
    const [agreement] = await list(caseId);
    expect(agreement).toMatchObject({ reason: 'agreement', label: `Overeenstemming: ${labelOf('d160')}`, by: users.ba, week: 2 });
    expect((await detail('va', caseId, agreement!.id)).body.sections.d160!.joint.text).toBe('Concentratie 30 minuten per blok.');

    await ba.flag('d240');
    const disputeId = (await ba.openDispute(['d240'])).body.workflow.disputes.at(-1)!.id;
    expect((await va.closeDispute(disputeId, { d240: 'residual' })).status).toBe(200);
    expect((await list(caseId))[0]).toMatchObject({ reason: 'dispute_closed', label: 'Geschil gesloten', by: users.va });

    const scheduledAt = new Date(Date.now() + DAY).toISOString();
    const scheduled = await ba.post('/sessions', { scheduledAt, durationMinutes: 45, mode: 'video', agenda: ['d430'] });
    const sessionId = scheduled.body.workflow.sessions.at(-1)!.id;
    expect((await va.post(`/sessions/${sessionId}/start`)).status).toBe(200);
    expect((await va.post(`/sessions/${sessionId}/conclude`)).status).toBe(200);
    const all = await list(caseId);
    expect(all[0]).toMatchObject({ reason: 'session_concluded', label: 'Consultatie afgerond', by: users.va });
    expect(all.map((v) => v.reason)).toEqual(['session_concluded', 'dispute_closed', 'agreement']);
  });

  it('takes each Poortwachter week passed once, on the first touch by a physician', async () => {
    const caseId = await createCase(server, tokens.admin, 43 * 7);
    // The administrator and a refused outsider touch nothing.
    expect((await api(server.url, 'GET', `/api/cases/${caseId}`, { token: tokens.admin })).status).toBe(200);
    expect((await api(server.url, 'GET', `/api/cases/${caseId}`, { token: tokens.outsider })).status).toBe(403);
    expect(await server.stores.versions.list(caseId)).toEqual([]);

    expect((await api(server.url, 'GET', `/api/cases/${caseId}`, { token: tokens.ba })).status).toBe(200);
    const first = await list(caseId);
    expect(first.map(({ label, reason, week, by }) => ({ label, reason, week, by }))).toEqual([
      { label: 'Week 42: ziekmelding UWV', reason: 'milestone', week: 44, by: users.ba },
      { label: 'Week 8: plan van aanpak', reason: 'milestone', week: 44, by: users.ba },
      { label: 'Week 6: probleemanalyse', reason: 'milestone', week: 44, by: users.ba },
    ]);
    await client('va', caseId).workflow();
    expect((await take('va', caseId, 'Handmatig')).status).toBe(201);
    expect((await list(caseId)).filter((v) => v.reason === 'milestone')).toEqual(first);

    // Touches racing take each week once.
    const raced = await createCase(server, tokens.admin, 43 * 7);
    await Promise.all([client('ba', raced).workflow(), client('va', raced).workflow(), api(server.url, 'GET', `/api/cases/${raced}`, { token: tokens.ba })]);
    expect((await list(raced)).map((v) => v.label)).toEqual(first.map((v) => v.label));
  });
}

describe('versions over HTTP (SQLite store)', () => versionSuite('sqlite'));
describe('versions over HTTP (memory store)', () => versionSuite('memory'));

describe('when the version store fails', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ store: 'memory' });
  });
  afterAll(() => server.close());

  it('an automatic version does not fail the command (it is counted); a manual one fails with 500', async () => {
    const admin = await server.login('admin.demo');
    const caseId = await createCase(server, admin, 10);
    const ba = new WorkflowClient(server, await server.login('ba.demo'), caseId);
    const va = new WorkflowClient(server, await server.login('va.demo'), caseId);
    server.stores.versions.add = () => Promise.reject(new Error('disk full'));
    await ba.writeJoint('d160', 'Concentratie 30 minuten.');
    await va.propose('d160');
    expect((await ba.sign('d160', (await ba.workflow()).sections.d160!.proposal!.hash)).status).toBe(200);
    expect((await ba.workflow()).sections.d160!.status).toBe('agreed');
    const counted = await server.workspace.metrics.versionsFailed.get();
    expect(counted.values).toContainEqual(expect.objectContaining({ value: 1, labels: { reason: 'agreement' } }));

    const manual = await api(server.url, 'POST', `/api/cases/${caseId}/versions`, { token: ba.token, body: { label: 'Handmatig' } });
    expect(manual.status).toBe(500);
    expect(await server.stores.versions.list(caseId)).toEqual([]);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { formatDocName } from '../../shared/docNames.ts';
import { AdminClient } from '../helpers/adminClient.ts';
import { anchorOf, connectDoc, typeInto } from '../helpers/collabClient.ts';
import { writeDoc } from '../helpers/docWriter.ts';
import { api } from '../helpers/http.ts';
import { loginToken, startTestServer, type TestServer } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';
import { WorkflowClient } from '../helpers/workflowClient.ts';

const PASSWORD = 'Zonnebloem-veld-42';
const READS = 7;
/** What the physicians write in the test: none of it may reach an admin route's answer. */
const SECRETS = { section: 'Rugklachten-ZQX-sectietekst', rationale: 'Belastbaarheid-ZQX-rationale', comment: 'Overleg-ZQX-commentaar' };

let server: TestServer;
let admin: AdminClient;
let ba: { id: string; token: string };
let caseId: string;
let startedAt: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = new AdminClient(server, await server.login('admin.demo'));
  startedAt = new Date().toISOString();
  const user = await admin.createUser('ba.audit', 'bedrijfsarts');
  caseId = await admin.createCase('ba.audit', 'va.demo');
  // A user agent that quotes and starts like a spreadsheet formula, for the CSV.
  const login = await api(server.url, 'POST', '/api/auth/login', {
    body: { username: 'ba.audit', password: PASSWORD },
    headers: { 'User-Agent': '=HYPERLINK("http://x","y")' },
  });
  ba = { id: user.id, token: login.body.token as string };
  for (let i = 0; i < READS; i++) expect((await api(server.url, 'GET', `/api/cases/${caseId}`, { token: ba.token })).status).toBe(200);
});

describe('the audit API', () => {
  it('filters by user, case, action and period', async () => {
    const own = await admin.audit({ user: ba.id, limit: '200' });
    expect(own.status).toBe(200);
    expect(own.body.rows.length).toBeGreaterThanOrEqual(READS + 1);
    expect(own.body.rows.every((row) => row.userId === ba.id)).toBe(true);
    expect(own.body.rows[0]).toMatchObject({ username: 'ba.audit', role: 'bedrijfsarts', ip: expect.any(String), userAgent: 'workspace-tests' });

    const reads = await admin.audit({ user: ba.id, caseId, action: 'read', limit: '200' });
    expect(reads.body.rows).toHaveLength(READS);
    expect(reads.body.rows.every((row) => row.caseId === caseId && row.action === 'read' && row.outcome === 'success' && row.object === 'case')).toBe(true);
    const logins = await admin.audit({ user: ba.id, action: 'login' });
    expect(logins.body.rows).toEqual([expect.objectContaining({ action: 'login', outcome: 'success', userAgent: '=HYPERLINK("http://x","y")' })]);

    const ofCase = await admin.audit({ caseId, limit: '200' });
    expect(ofCase.body.rows.some((row) => row.object === 'case' && row.action === 'create' && row.userId !== ba.id)).toBe(true);
    expect(ofCase.body.rows.every((row) => row.caseId === caseId)).toBe(true);

    const today = new Date().toISOString().slice(0, 10);
    expect((await admin.audit({ user: ba.id, from: today, to: today, limit: '200' })).body.rows).toHaveLength(own.body.rows.length);
    expect((await admin.audit({ user: ba.id, to: '2020-01-01' })).body.rows).toEqual([]);
    expect((await admin.audit({ user: ba.id, from: new Date(Date.now() + 60_000).toISOString() })).body.rows).toEqual([]);
    expect((await admin.audit({ user: ba.id, from: startedAt, limit: '200' })).body.rows).toHaveLength(own.body.rows.length);
  });

  it('pages with a cursor: no row twice, none missing', async () => {
    const all = await admin.audit({ user: ba.id, limit: '200' });
    expect(all.body.next).toBeNull();
    const walked = await admin.auditPages({ user: ba.id }, 3);
    expect(walked.pages).toBe(Math.ceil(all.body.rows.length / 3));
    expect(walked.rows).toEqual(all.body.rows);
    const first = await admin.audit({ user: ba.id, limit: '3' });
    expect(first.body.rows).toEqual(all.body.rows.slice(0, 3));
    expect(first.body.next).toEqual(expect.any(String));
  });

  it('refuses bad filters with the field named', async () => {
    for (const [query, field] of [
      [{ limit: '0' }, 'limit'],
      [{ limit: '500' }, 'limit'],
      [{ cursor: 'abc' }, 'cursor'],
      [{ action: 'peek' }, 'action'],
      [{ from: '2026-13-01' }, 'from'],
      [{ caseId: 'a b' }, 'caseId'],
    ] as const) {
      const refused = await admin.audit(query);
      expect(refused.status, JSON.stringify(query)).toBe(400);
      expect(refused.body.error?.field).toBe(field);
    }
  });

  it('is for administrators only, and reading it is itself audited', async () => {
    expect((await api(server.url, 'GET', `/api/audit?user=${ba.id}`, { token: ba.token })).status).toBe(403);
    expect((await api(server.url, 'GET', `/api/audit?user=${ba.id}`, { token: await server.login('va.demo') })).status).toBe(403);
    await admin.audit({ user: ba.id, action: 'read' });
    const adminId = (await admin.users()).find((user) => user.username === 'admin.demo')!.id;
    const [latest] = (await admin.audit({ user: adminId, action: 'read', limit: '5' })).body.rows.filter((row) => row.object === 'audit');
    expect(latest).toMatchObject({ object: 'audit', outcome: 'success', detail: expect.stringContaining(`user=${ba.id}; action=read`) });
  });
});

describe('the CSV export of the audit trail', () => {
  it('has a header, quotes every cell, defuses formulas, and is audited as an export', async () => {
    const response = await fetch(`${server.url}/api/audit.csv?user=${ba.id}&action=login`, { headers: { Authorization: `Bearer ${admin.token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (await response.text()).split('\r\n');
    expect(lines[0]).toBe('"at","userId","username","role","caseId","object","action","outcome","detail","ip","userAgent","organisationId"');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines[1]).toMatch(
      /^"\d{4}-[^"]+Z","[^"]+","ba\.audit","bedrijfsarts","","session","login","success","",".*","'=HYPERLINK\(""http:\/\/x"",""y""\)","default"$/,
    );
    const [exported] = (await admin.audit({ action: 'export', limit: '1' })).body.rows;
    expect(exported).toMatchObject({ object: 'audit', username: 'admin.demo', detail: expect.stringContaining('1 rows') });
    expect((await api(server.url, 'GET', '/api/audit.csv', { token: ba.token })).status).toBe(403);
  });
});

describe('no medical content on the admin routes', () => {
  it('answers no section text, rationale or comment the physicians wrote', async () => {
    await writeDoc(server, ba.token, caseId, 'occupational', (doc) => typeInto(doc, 'd240', SECRETS.section));
    expect((await new WorkflowClient(server, ba.token, caseId).flag('d240', SECRETS.rationale)).status).toBe(200);
    const vaToken = await loginToken(server.url, 'va.demo');
    const reader = connectDoc(server.collabUrl, formatDocName({ caseId, part: 'occupational' }), vaToken);
    await reader.synced();
    await waitFor(() => (reader.doc.getXmlFragment('d240').get(0) as Y.XmlElement | undefined)?.toString().includes(SECRETS.section));
    const thread = await api(server.url, 'POST', `/api/cases/${caseId}/threads`, {
      token: vaToken,
      body: { part: 'occupational', sectionId: 'd240', anchor: anchorOf(reader.doc, 'd240', 'Rugklachten'), text: SECRETS.comment },
    });
    reader.destroy();
    expect(thread.status).toBe(201);

    const answers = [
      await admin.call('GET', '/api/admin/users'),
      await admin.call('GET', '/api/admin/cases'),
      await admin.call('GET', '/api/audit?limit=200'),
      await admin.call('GET', `/api/audit?caseId=${caseId}&limit=200`),
      await admin.call('PUT', `/api/cases/${caseId}/members/ba`, { userId: ba.id }),
      await api(server.url, 'GET', '/api/audit.csv', { token: admin.token }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
      for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
      expect(text).not.toContain('ZQX');
    }
  });
});

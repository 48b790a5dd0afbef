import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMedicalTerms } from '../../shared/employer/medicalLexicon.ts';
import { employerSectionLabel } from '../../shared/employer/sectionLabel.ts';
import { MAX_SUMMARY_SECTION_CHARS } from '../../shared/limits.ts';
import { templateSections } from '../../shared/template/index.ts';
import { TEMPLATE_V1 } from '../../shared/template/shipped.ts';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { position, writeDoc } from '../helpers/docWriter.ts';
import { api } from '../helpers/http.ts';
import { pdfText } from '../helpers/pdf.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';
import { WorkflowClient } from '../helpers/workflowClient.ts';

/** The physicians' own positions: medical words the employer must never read. */
const POSITIONS = {
  ba: 'BA-POSITIE-D240: depressie na burn-out, sertraline 50 mg.',
  va: 'VA-POSITIE-D240: rugklachten na hernia, fysiotherapie loopt.',
  joint: 'GEZAMENLIJK-D430: tillen tot 5 kg wegens lumbago.',
};
const CLEAN = {
  d240: 'Kan 4 uur per dag werken zonder harde deadlines, met vaste pauzes.',
  d430: 'Tillen tot 10 kg, niet boven schouderhoogte.',
};
const ICF_CODE = /\b[bdes]\d{3}\b/;

const summaryPath = `/api/cases/${DEMO_CASE_ID}/employer-summary`;
const pdfPath = `/api/cases/${DEMO_CASE_ID}/export/employer.pdf`;
const label = (id: string) =>
  employerSectionLabel(
    templateSections(TEMPLATE_V1).find((s) => s.id === id)!,
    'nl',
  );

describe('the employer-safe summary over HTTP', () => {
  let server: TestServer;
  let ba: WorkflowClient;
  let va: WorkflowClient;
  let outsider: string;

  const put = (token: string, sections: Record<string, string>) => api(server.url, 'PUT', summaryPath, { token, body: { sections } });
  const release = (token: string) => api(server.url, 'POST', `${summaryPath}/release`, { token, body: {} });
  async function employerPdf(token: string): Promise<string> {
    const response = await fetch(`${server.url}${pdfPath}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    return (await pdfText(new Uint8Array(await response.arrayBuffer()))).replace(/\s+/g, ' ');
  }

  beforeAll(async () => {
    server = await startTestServer();
    ba = new WorkflowClient(server, await server.login('ba.demo'), DEMO_CASE_ID);
    va = new WorkflowClient(server, await server.login('va.demo'), DEMO_CASE_ID);
    outsider = await server.login('outsider.demo');
    // The positions first, so that a leak of them into the employer's PDF would show.
    await writeDoc(server, ba.token, DEMO_CASE_ID, 'occupational', position('d240', POSITIONS.ba, '3'));
    await writeDoc(server, va.token, DEMO_CASE_ID, 'insurance', position('d240', POSITIONS.va, '1'));
    await ba.writeJoint('d430', POSITIONS.joint);
  });
  afterAll(() => server.close());

  it('before anything is written: an empty draft, no release to export, nothing to release', async () => {
    expect(await api(server.url, 'GET', summaryPath, { token: va.token })).toMatchObject({ status: 200, body: { sections: {}, warnings: [], releases: [] } });
    const notReleased = await api(server.url, 'GET', pdfPath, { token: ba.token });
    expect([notReleased.status, notReleased.body.error.id]).toEqual([409, 'employer_summary.not_released']);
    const empty = await release(ba.token);
    expect([empty.status, empty.body.error.id]).toEqual([409, 'employer_summary.empty']);
  });

  it('a medical word is a warning for its section, and the draft is saved all the same', async () => {
    const saved = await put(ba.token, { d240: 'Na een burn-out kan zij 4 uur per dag werken.', d430: CLEAN.d430 });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({
      sections: { d240: 'Na een burn-out kan zij 4 uur per dag werken.', d430: CLEAN.d430 },
      warnings: [{ sectionId: 'd240', term: 'burn-out' }],
    });
    const read = await api(server.url, 'GET', summaryPath, { token: va.token });
    expect(read.body).toEqual({ ...saved.body, releases: [] });
  });

  it('only the BA writes and releases; the VA reads; anyone else gets 403', async () => {
    for (const refused of [await put(va.token, CLEAN), await release(va.token)]) {
      expect([refused.status, refused.body.error.id]).toEqual([403, 'employer_summary.ba_only']);
    }
    for (const refused of [await put(outsider, CLEAN), await release(outsider), await api(server.url, 'GET', summaryPath, { token: outsider })]) {
      expect(refused.status).toBe(403);
    }
    expect((await api(server.url, 'GET', summaryPath, { token: ba.token })).body.sections.d240).toContain('burn-out');
    const denied = await server.stores.audit.list({ caseId: DEMO_CASE_ID, action: 'denied' });
    expect(denied).toContainEqual(expect.objectContaining({ username: 'va.demo', object: 'employer-summary', detail: 'not-the-ba' }));
  });

  it('a section outside the template, or too long a text, is a 400 naming the field, and changes nothing', async () => {
    const unknown = await put(ba.token, { d240: CLEAN.d240, x999: 'Onbekend' });
    expect([unknown.status, unknown.body.error.field]).toEqual([400, 'sections.x999']);
    const long = await put(ba.token, { d240: 'x'.repeat(MAX_SUMMARY_SECTION_CHARS + 1) });
    expect([long.status, long.body.error.field]).toEqual([400, 'sections.d240']);
    expect((await api(server.url, 'GET', summaryPath, { token: ba.token })).body.sections.d240).toContain('burn-out');
  });

  it("the employer's PDF holds the released words only: no position, no medical word, no ICF code", async () => {
    expect((await put(ba.token, CLEAN)).body.warnings).toEqual([]);
    const released = await release(ba.token);
    expect(released.status).toBe(200);
    expect(released.body).toEqual({ version: 1, releasedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });

    const text = await employerPdf(va.token);
    for (const expected of [
      'Samenvatting voor de werkgever',
      'WN-2026-0147',
      'Logistiek Noord B.V.',
      'Versie: 1',
      'Anna Bakker',
      label('d240'),
      label('d430'),
      CLEAN.d240,
      CLEAN.d430,
    ]) {
      expect(text).toContain(expected);
    }
    for (const leak of [...Object.values(POSITIONS), 'POSITIE', 'GEZAMENLIJK', 'Victor Visser', 'burn-out']) expect(text).not.toContain(leak);
    expect(findMedicalTerms(text)).toEqual([]);
    expect(text).not.toMatch(ICF_CODE);
  });

  it('a later draft leaves the PDF as released until the next release, which is version 2', async () => {
    const later = { d240: 'LATER-CONCEPT: 6 uur per dag vanaf volgende maand.' };
    expect((await put(ba.token, later)).status).toBe(200);
    const unchanged = await employerPdf(ba.token);
    expect(unchanged).toContain(CLEAN.d240);
    expect(unchanged).not.toContain('LATER-CONCEPT');

    expect((await release(ba.token)).body.version).toBe(2);
    const next = await employerPdf(ba.token);
    expect(next).toContain('LATER-CONCEPT');
    expect(next).toContain('Versie: 2');
    expect(next).not.toContain(CLEAN.d430);
    const view = await api(server.url, 'GET', summaryPath, { token: va.token });
    expect(view.body.releases.map((r: { version: number }) => r.version)).toEqual([1, 2]);
  });

  it('audits writes, releases and exports by object and count, never the text', async () => {
    const rows = await server.stores.audit.list({ caseId: DEMO_CASE_ID });
    const ofBa = rows.filter((row) => row.username === 'ba.demo' && row.outcome === 'success');
    expect(ofBa).toContainEqual(expect.objectContaining({ action: 'write', object: 'employer-summary', detail: '2 sections' }));
    expect(ofBa).toContainEqual(expect.objectContaining({ action: 'write', object: 'employer-summary.release', detail: 'version 2' }));
    expect(rows).toContainEqual(expect.objectContaining({ username: 'va.demo', action: 'export', object: 'employer.pdf', detail: 'version 1' }));
    for (const row of rows) expect(JSON.stringify(row)).not.toMatch(/burn-out|deadlines|LATER-CONCEPT|kg/);
  });
});

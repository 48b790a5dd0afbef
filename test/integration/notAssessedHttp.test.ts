import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { formatDocName } from '../../shared/docNames.ts';
import { NOT_ASSESSED_MAP } from '../../shared/notAssessed.ts';
import type { VersionDetail, VersionSummary } from '../../shared/record/api.ts';
import type { FhirBundle, Observation } from '../../server/export/fhirBundle.ts';
import { connectDoc, watchRefusals, type CollabClient } from '../helpers/collabClient.ts';
import { createCase, editDoc, writeSection } from '../helpers/caseEditing.ts';
import { api } from '../helpers/http.ts';
import { pdfText } from '../helpers/pdf.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';

const REASON = 'niet relevant voor dit werk';

/** Stored marks of a document, as the store holds them now. */
async function storedMarks(server: TestServer, docName: string): Promise<Record<string, unknown>> {
  const stored = await server.stores.docs.load(docName);
  const doc = new Y.Doc();
  for (const part of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) Y.applyUpdate(doc, part);
  return doc.getMap(NOT_ASSESSED_MAP).toJSON();
}

describe('"niet beoordeeld" through the documents, the versions and the exports', () => {
  let server: TestServer;
  const tokens = {} as Record<'ba' | 'va' | 'admin', string>;
  let caseId: string;
  const clients: CollabClient[] = [];
  const open = (who: 'ba' | 'va', part: 'occupational' | 'joint') => {
    const client = connectDoc(server.collabUrl, formatDocName({ caseId, part }), tokens[who]);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    server = await startTestServer({ store: 'sqlite' });
    for (const who of ['ba', 'va', 'admin'] as const) tokens[who] = await server.login(`${who}.demo`);
    caseId = await createCase(server, tokens.admin, 10);
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server.close();
  });

  it('keeps the mark the BA writes with the stock provider, shows it to the VA, and refuses a bad shape without changing anything', async () => {
    await editDoc(server, tokens.ba, caseId, 'occupational', (doc) => writeSection(doc, 'd430', ['Eerder geschreven.'], null));
    const ba = open('ba', 'occupational');
    const va = open('va', 'occupational');
    const refusals = watchRefusals(ba);
    await Promise.all([ba.synced(), va.synced()]);

    ba.doc.getMap(NOT_ASSESSED_MAP).set('d240', REASON);
    ba.doc.getMap(NOT_ASSESSED_MAP).set('d430', '');
    await waitFor(() => va.doc.getMap(NOT_ASSESSED_MAP).size === 2, { what: 'the marks at the VA' });
    expect(va.doc.getMap(NOT_ASSESSED_MAP).toJSON()).toEqual({ d240: REASON, d430: '' });

    ba.doc.getMap(NOT_ASSESSED_MAP).set('d350', 42);
    ba.doc.getMap(NOT_ASSESSED_MAP).set('geen-sectie', '');
    await waitFor(() => refusals.length === 2, { what: 'the refusals' });
    expect(refusals).toEqual([[{ reason: 'invalid', sections: ['d350'] }], [{ reason: 'invalid', sections: [] }]]);
    const name = formatDocName({ caseId, part: 'occupational' });
    await waitFor(async () => Object.keys(await storedMarks(server, name)).length === 2, { what: 'the stored marks' });
    expect(await storedMarks(server, name)).toEqual({ d240: REASON, d430: '' });
    expect(va.doc.getMap(NOT_ASSESSED_MAP).toJSON()).toEqual({ d240: REASON, d430: '' });
  });

  it('refuses the mark in the joint document', async () => {
    const joint = open('ba', 'joint');
    const refusals = watchRefusals(joint);
    await joint.synced();
    joint.doc.getMap(NOT_ASSESSED_MAP).set('d240', '');
    await waitFor(() => refusals.length === 1, { what: 'the refusal' });
    expect(refusals[0]).toEqual([{ reason: 'invalid', sections: ['d240'] }]);
    expect(await storedMarks(server, formatDocName({ caseId, part: 'joint' }))).toEqual({});
  });

  it('a version carries each part’s mark: { reason } or null, apart from an empty text', async () => {
    const created = await api<VersionSummary>(server.url, 'POST', `/api/cases/${caseId}/versions`, {
      token: tokens.va,
      body: { label: 'Met niet beoordeeld' },
    });
    expect(created.status).toBe(201);
    const read = await api<VersionDetail>(server.url, 'GET', `/api/cases/${caseId}/versions/${created.body.id}`, { token: tokens.va });
    const { d240, d430, d350 } = read.body.sections;
    expect(d240!.occupational).toEqual({ text: '', qualifier: null, qualifierCode: null, notAssessed: { reason: REASON } });
    expect(d430!.occupational).toEqual({ text: 'Eerder geschreven.', qualifier: null, qualifierCode: null, notAssessed: { reason: '' } });
    expect(d350!.occupational.notAssessed).toBeNull();
    expect(d240!.insurance.notAssessed).toBeNull();
    expect(d240!.joint.notAssessed).toBeNull();
  });

  it('the dossier PDF and the FHIR export say "niet beoordeeld" for the BA', async () => {
    const pdf = await fetch(`${server.url}/api/cases/${caseId}/export/dossier.pdf`, { headers: { Authorization: `Bearer ${tokens.va}` } });
    expect(pdf.status).toBe(200);
    const text = (await pdfText(new Uint8Array(await pdf.arrayBuffer()))).replace(/\s+/g, ' ');
    expect(text).toContain(`Niet beoordeeld — ${REASON}`);
    expect(text).toContain('Niet beoordeeld Eerder geschreven.');

    const fhir = await api<FhirBundle>(server.url, 'GET', `/api/cases/${caseId}/export/fhir`, { token: tokens.ba });
    expect(fhir.status).toBe(200);
    const observations = fhir.body.entry.flatMap((e) => (e.resource.resourceType === 'Observation' ? [e.resource as Observation] : []));
    const d240 = observations.filter((o) => o.code.coding?.[0]?.code === 'd240');
    expect(d240).toHaveLength(1);
    expect(d240[0]!.valueCodeableConcept).toBeUndefined();
    expect(d240[0]!.dataAbsentReason).toMatchObject({ coding: [{ code: 'not-performed' }], text: REASON });
    expect(observations.filter((o) => o.code.coding?.[0]?.code === 'd350')).toEqual([]);
  });

  it("the employer's summary and PDF hold only the BA's summary: no mark and no reason reach the employer", async () => {
    const summary = `/api/cases/${caseId}/employer-summary`;
    expect((await api(server.url, 'PUT', summary, { token: tokens.ba, body: { sections: { d430: 'Werkt halve dagen.' } } })).status).toBe(200);
    const draft = await api(server.url, 'GET', summary, { token: tokens.ba });
    expect(draft.body.sections).toEqual({ d430: 'Werkt halve dagen.' });
    expect((await api(server.url, 'POST', `${summary}/release`, { token: tokens.ba, body: {} })).status).toBe(200);
    const pdf = await fetch(`${server.url}/api/cases/${caseId}/export/employer.pdf`, { headers: { Authorization: `Bearer ${tokens.ba}` } });
    expect(pdf.status).toBe(200);
    const text = (await pdfText(new Uint8Array(await pdf.arrayBuffer()))).replace(/\s+/g, ' ');
    expect(text).toContain('Werkt halve dagen.');
    expect(text).not.toMatch(/niet beoordeeld/i);
    expect(text).not.toContain(REASON);
  });
});

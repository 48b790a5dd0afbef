/**
 * The assessment as a FHIR R4 Bundle (type `collection`) for systems that
 * read FHIR: a Practitioner per physician, a Patient known by pseudonym only,
 * and per section an Observation per physician's position and one for the
 * agreed position, performed by both. A position marked "niet beoordeeld"
 * is an Observation without a value and with a `dataAbsentReason`; an empty,
 * unmarked position is none. Pure and reproducible: the same input
 * gives the same bundle, uuids included.
 */

import { createHash } from 'node:crypto';
import type { CaseMember } from '../../shared/api.ts';
import { qualifierOption } from '../../shared/qualifiers.ts';
import { partContent, type PartContent } from '../../shared/record/types.ts';
import type { CaseRole } from '../../shared/roles.ts';
import { gradedScaleOf, templateSections, type TemplateSection } from '../../shared/template/index.ts';
import type { Agreement } from '../../shared/workflow/types.ts';
import { agreedQualifier, type DossierInput } from './exportInput.ts';
import type { BundleEntry, CodeableConcept, FhirBundle, Observation, ObservationStatus, Practitioner, Reference } from './fhirTypes.ts';

export type * from './fhirTypes.ts';

export const ICF_SYSTEM = 'http://hl7.org/fhir/sid/icf';
/** Sections outside the ICF (working hours, prognosis …) are coded by their template id. */
export const SECTION_SYSTEM = 'urn:consultatiewerkplek:bar-section';
export const CATEGORY_TEXT = 'BAR assessment';
/** HL7's reasons for a missing value; a position marked "niet beoordeeld" is `not-performed`. */
export const DATA_ABSENT_REASON_SYSTEM = 'http://terminology.hl7.org/CodeSystem/data-absent-reason';
export const NOT_ASSESSED_CODE = 'not-performed';

export interface FhirOptions {
  /** The workspace's public URL; the naming systems of its identifiers live under it. */
  baseUrl: string;
}

/** Systems under the workspace's URL, so identifiers say whose they are. */
export function fhirSystems(baseUrl: string) {
  const root = `${baseUrl.replace(/\/+$/, '')}/fhir`;
  return {
    user: `${root}/sid/user`,
    pseudonym: `${root}/sid/employee-pseudonym`,
    agreement: `${root}/sid/agreement-hash`,
    export: `${root}/sid/export`,
    /** ICF qualifiers by their code as chosen, so a facilitator `+2` stays apart from a barrier `2`. */
    qualifier: `${root}/CodeSystem/icf-qualifier`,
  };
}
type Systems = ReturnType<typeof fhirSystems>;

/** A uuid (version 5 layout) from a name: the same case exported twice at the same moment gives the same bundle. */
export function nameUuid(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

const urn = (name: string) => `urn:uuid:${nameUuid(name)}`;

interface Built {
  input: DossierInput;
  systems: Systems;
  patient: Reference;
  practitioners: Map<CaseRole, Reference>;
  entries: BundleEntry[];
}

export function fhirBundle(input: DossierInput, options: FhirOptions): FhirBundle {
  const systems = fhirSystems(options.baseUrl);
  const patientUrl = urn(`patient|${input.case.id}`);
  const built: Built = {
    input,
    systems,
    patient: { reference: patientUrl, type: 'Patient', display: input.case.employeePseudonym },
    practitioners: new Map(),
    entries: [{ fullUrl: patientUrl, resource: { resourceType: 'Patient', identifier: [{ system: systems.pseudonym, value: input.case.employeePseudonym }] } }],
  };
  for (const member of input.members) addPractitioner(built, member);
  for (const section of templateSections(input.template)) addSection(built, section);
  return {
    resourceType: 'Bundle',
    identifier: { system: systems.export, value: nameUuid(`export|${input.case.id}|${input.exportedAt}`) },
    type: 'collection',
    timestamp: input.exportedAt,
    entry: built.entries,
  };
}

function addPractitioner(built: Built, member: CaseMember): void {
  const fullUrl = urn(`practitioner|${member.userId}`);
  const role = member.caseRole === 'ba' ? 'bedrijfsarts' : 'verzekeringsarts';
  const practitioner: Practitioner = {
    resourceType: 'Practitioner',
    identifier: [{ system: built.systems.user, value: member.userId }],
    active: true,
    // Only the full name as written: splitting off a family name goes wrong on "van der Berg".
    name: [{ text: member.name }],
    qualification: [{ code: { text: role } }],
  };
  built.practitioners.set(member.caseRole, { reference: fullUrl, type: 'Practitioner', display: member.name });
  built.entries.push({ fullUrl, resource: practitioner });
}

function addSection(built: Built, section: TemplateSection): void {
  const { input } = built;
  const state = input.workflow.sections[section.id];
  const status: ObservationStatus = state?.status === 'agreed' ? 'final' : 'preliminary';
  const content = input.content[section.id];
  const positions: Reference[] = [];
  for (const [role, part] of [
    ['ba', content?.occupational],
    ['va', content?.insurance],
  ] as const) {
    const performer = built.practitioners.get(role);
    // Nothing written, nothing chosen and not marked "niet beoordeeld" is no observation (not yet written is not a finding).
    if (!part || !performer || (part.text.trim() === '' && part.qualifierCode === null && part.notAssessed === null)) continue;
    const fullUrl = urn(`observation|${input.case.id}|${input.exportedAt}|${section.id}|${role}`);
    built.entries.push({ fullUrl, resource: observation(built, section, status, [performer], part) });
    positions.push({ reference: fullUrl, type: 'Observation' });
  }
  if (state?.status === 'agreed' && state.agreement) addAgreement(built, section, state.agreement, positions);
}

function addAgreement(built: Built, section: TemplateSection, agreement: Agreement, positions: Reference[]): void {
  const { input, systems } = built;
  const performers = (['ba', 'va'] as const).flatMap((role) => built.practitioners.get(role) ?? []);
  const part: PartContent = partContent(agreement.text, agreedQualifier(agreement));
  const resource: Observation = {
    ...observation(built, section, 'final', performers, part),
    identifier: [{ system: systems.agreement, value: agreement.hash }],
    issued: agreement.signedAt,
  };
  if (positions.length > 0) resource.derivedFrom = positions;
  built.entries.push({ fullUrl: urn(`observation|${input.case.id}|${input.exportedAt}|${section.id}|agreed`), resource });
}

function observation(built: Built, section: TemplateSection, status: ObservationStatus, performer: Reference[], part: PartContent): Observation {
  const { input } = built;
  const resource: Observation = {
    resourceType: 'Observation',
    status,
    category: [{ text: CATEGORY_TEXT }],
    code: sectionCode(section, input.lang),
    subject: built.patient,
    effectiveDateTime: input.exportedAt,
    performer,
  };
  if (part.notAssessed) {
    // Not assessed: no value (a qualifier chosen before the mark does not count), the reason why in its place.
    resource.dataAbsentReason = notAssessedReason(part.notAssessed.reason);
  } else {
    const value = qualifierConcept(built, section, part.qualifierCode);
    if (value) resource.valueCodeableConcept = value;
  }
  if (part.text.trim() !== '') resource.note = [{ text: part.text }];
  return resource;
}

/** `dataAbsentReason` of a position marked "niet beoordeeld": `not-performed`, the physician's reason as its text. */
function notAssessedReason(reason: string): CodeableConcept {
  const concept: CodeableConcept = { coding: [{ system: DATA_ABSENT_REASON_SYSTEM, code: NOT_ASSESSED_CODE, display: 'Not Performed' }] };
  if (reason.trim() !== '') concept.text = reason.trim();
  return concept;
}

export function sectionCode(section: TemplateSection, lang: DossierInput['lang']): CodeableConcept {
  const display = section.label[lang];
  return section.icf
    ? { coding: [{ system: ICF_SYSTEM, code: section.icf, display }], text: display }
    : { coding: [{ system: SECTION_SYSTEM, code: section.id, display }], text: display };
}

/** The qualifier as its code (`'2'`, `'+2'`, `'8'`) with the scale's label; null for none, or for a section without a scale. */
function qualifierConcept(built: Built, section: TemplateSection, code: string | null): CodeableConcept | null {
  const scale = gradedScaleOf(section);
  if (code === null || !scale) return null;
  const display = qualifierOption(scale, code)?.label[built.input.lang] ?? code;
  return { coding: [{ system: built.systems.qualifier, code, display }], text: display };
}

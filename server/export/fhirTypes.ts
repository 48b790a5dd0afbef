/**
 * The few FHIR R4 shapes the export writes, typed by hand: enough to keep the
 * builder honest without a runtime dependency (tests check the result
 * against the real R4 definitions).
 */

export interface Coding {
  system: string;
  code: string;
  display?: string;
}

export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

export interface Identifier {
  system: string;
  value: string;
}

export interface Reference {
  reference: string;
  /** The target's resource type: a `urn:uuid:` reference does not say it. */
  type?: 'Patient' | 'Practitioner' | 'Observation';
  display?: string;
}

export interface HumanName {
  text: string;
}

export interface Annotation {
  text: string;
}

export interface Practitioner {
  resourceType: 'Practitioner';
  identifier: Identifier[];
  active: boolean;
  name: HumanName[];
  qualification: { code: CodeableConcept }[];
}

/** The employee, known to the export by pseudonym only. */
export interface Patient {
  resourceType: 'Patient';
  identifier: Identifier[];
}

export type ObservationStatus = 'preliminary' | 'final';

export interface Observation {
  resourceType: 'Observation';
  identifier?: Identifier[];
  status: ObservationStatus;
  category: CodeableConcept[];
  code: CodeableConcept;
  subject: Reference;
  effectiveDateTime: string;
  issued?: string;
  performer: Reference[];
  valueCodeableConcept?: CodeableConcept;
  /** Why there is no value (only without one): a position marked "niet beoordeeld" (fhirBundle.ts). */
  dataAbsentReason?: CodeableConcept;
  note?: Annotation[];
  derivedFrom?: Reference[];
}

export type FhirResource = Practitioner | Patient | Observation;

export interface BundleEntry {
  fullUrl: string;
  resource: FhirResource;
}

export interface FhirBundle {
  resourceType: 'Bundle';
  identifier: Identifier;
  type: 'collection';
  timestamp: string;
  entry: BundleEntry[];
}

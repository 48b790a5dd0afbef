/** A label in the two interface languages; Dutch first. */
export interface Label {
  nl: string;
  en: string;
}

/**
 * Which qualifier scale a section uses (docs/templates.md): the ICF's
 * difficulty scale of activities and participation (`icf-d`, d-codes), its
 * barrier/facilitator scale of environmental factors (`icf-e`, e-codes), or
 * none (a section outside the classification, text only).
 */
export const QUALIFIER_SCALES = ['icf-d', 'icf-e', 'none'] as const;
export type QualifierScale = (typeof QUALIFIER_SCALES)[number];

/** A scale with levels to choose from: every scale but `none`. */
export type GradedScale = Exclude<QualifierScale, 'none'>;

export interface TemplateSection {
  /** Stable id; also the name of the section's Y.XmlFragment in each document. */
  id: string;
  /** ICF code, or null for sections outside the classification. */
  icf: string | null;
  label: Label;
  /** What the item covers, in a few lines, in both languages: the words both physicians read. */
  definition: Label;
  qualifierScale: QualifierScale;
  /** The FML items the section relates to (e.g. `"I.1"`); may be empty. */
  fml: string[];
}

export interface TemplateGroup {
  id: string;
  label: Label;
  sections: TemplateSection[];
}

/** One version of the assessment instrument: data (shared/template/versions/*.json), validated at load. */
export interface AssessmentTemplate {
  version: number;
  name: string;
  groups: TemplateGroup[];
}

/** A version as listed (GET /api/templates). */
export interface TemplateSummary {
  version: number;
  name: string;
  sectionCount: number;
}

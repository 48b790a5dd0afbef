/** A label in the two interface languages; Dutch first. */
export interface Label {
  nl: string;
  en: string;
}

/**
 * Which ICF qualifier scale a coded section uses: activities and participation
 * (d-codes) take a difficulty qualifier; environmental factors (e-codes) are a
 * barrier or a facilitator. Uncoded sections take none.
 */
export type QualifierScale = 'activity' | 'environment';

export interface TemplateSection {
  /** Stable id; also the name of the section's Y.XmlFragment in each document. */
  id: string;
  /** ICF code, or null for sections outside the classification. */
  icf: string | null;
  scale: QualifierScale | null;
  label: Label;
}

export interface TemplateGroup {
  id: string;
  label: Label;
  sections: TemplateSection[];
}

export interface AssessmentTemplate {
  version: number;
  groups: TemplateGroup[];
}

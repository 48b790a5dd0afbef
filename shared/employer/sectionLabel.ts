import type { TemplateSection } from '../template/types.ts';

/** The two interface languages, and so the two languages of the employer's summary. */
export type EmployerLanguage = 'nl' | 'en';

/**
 * An ICF code as physicians write it before a label ("d240 ", "e250: ",
 * "d4751 – "): a component letter and 3–5 digits, then a separator.
 */
const LEADING_ICF_CODE = /^\s*[bdes]\d{3,5}\b\s*[:\-–—.]?\s*/i;

/**
 * A section's heading for the employer: its label in `lang`, without the ICF
 * code. The employer reads plain words; a code ("d240") says nothing to them
 * and, for b- and s-codes, would itself reveal body functions. Today's
 * template keeps codes out of its labels; stripping a leading code keeps a
 * later template that writes "d240 Omgaan met stress" from leaking one.
 */
export function employerSectionLabel(section: Pick<TemplateSection, 'label'>, lang: EmployerLanguage): string {
  const label = section.label[lang];
  const plain = label.replace(LEADING_ICF_CODE, '').trim();
  return plain === '' ? label.trim() : plain;
}

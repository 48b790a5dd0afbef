import type { AssessmentTemplate, GradedScale, TemplateSection, TemplateSummary } from './types.ts';

export type * from './types.ts';

export function templateSections(template: AssessmentTemplate): TemplateSection[] {
  return template.groups.flatMap((group) => group.sections);
}

/** The scale a section's qualifier is chosen on; null for a section without one (text only). */
export function gradedScaleOf(section: Pick<TemplateSection, 'qualifierScale'>): GradedScale | null {
  return section.qualifierScale === 'none' ? null : section.qualifierScale;
}

export function summaryOf(template: AssessmentTemplate): TemplateSummary {
  return { version: template.version, name: template.name, sectionCount: templateSections(template).length };
}

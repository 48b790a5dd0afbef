import { TEMPLATE_V1 } from './v1.ts';
import type { AssessmentTemplate, TemplateSection } from './types.ts';

export type * from './types.ts';

const TEMPLATES: ReadonlyMap<number, AssessmentTemplate> = new Map([[TEMPLATE_V1.version, TEMPLATE_V1]]);

/** The template version new cases get. */
export const CURRENT_TEMPLATE_VERSION = TEMPLATE_V1.version;

export function getTemplate(version: number): AssessmentTemplate | undefined {
  return TEMPLATES.get(version);
}

export function templateSections(template: AssessmentTemplate): TemplateSection[] {
  return template.groups.flatMap((group) => group.sections);
}

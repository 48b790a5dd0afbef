/**
 * What an export of a case is built from: a plain snapshot the route gathers
 * from the stores, so the builders (dossier PDF, FHIR bundle) stay pure and
 * testable without a server.
 */

import type { CaseMember } from '../../shared/api.ts';
import type { CaseContent } from '../../shared/record/types.ts';
import type { AccessRole } from '../../shared/roles.ts';
import type { AssessmentTemplate } from '../../shared/template/index.ts';
import type { Agreement, CaseWorkflow } from '../../shared/workflow/types.ts';

export type ExportLanguage = 'nl' | 'en';

export interface ExportCase {
  id: string;
  title: string;
  employeePseudonym: string;
  employer: string;
  /** ISO date, YYYY-MM-DD. */
  firstSickDay: string;
  templateVersion: number;
}

export interface DossierInput {
  lang: ExportLanguage;
  case: ExportCase;
  /** The case's physicians (BA and VA) with their names. */
  members: CaseMember[];
  /** The template the case was assessed with (its version is `case.templateVersion`). */
  template: AssessmentTemplate;
  content: CaseContent;
  workflow: CaseWorkflow;
  /** ISO date-time of the export; also the week of sickness and the FHIR effective time are taken from it. */
  exportedAt: string;
  exportedBy: { name: string; role: AccessRole };
}

/**
 * The qualifier both physicians signed; agreements recorded before the joint
 * qualifier was part of a proposal read as none.
 */
export function agreedQualifier(agreement: Agreement): string | null {
  return agreement.qualifier ?? null;
}

import type { AccessRole } from '../../../shared/roles.ts';
import { templateSections, type AssessmentTemplate } from '../../../shared/template/index.ts';
import { templateOf } from '../../templates/catalog.ts';
import { CASE_INTEGRITY, isCaseIntegrityError } from '../../errors.ts';
import { dossierPdf } from '../../export/dossierPdf.ts';
import type { DossierInput, ExportLanguage } from '../../export/exportInput.ts';
import { fhirBundle, type FhirBundle } from '../../export/fhirBundle.ts';
import { requireParticipant } from '../../policies/participation.ts';
import type { CaseRecord } from '../../store/ports.ts';
import { loadWorkflow } from '../../workflow/loadWorkflow.ts';
import type { CommandDeps } from '../deps.ts';
import { caseHeaderOf, toCaseSummary } from '../views.ts';
import type { CaseTarget } from '../workflow/disputeCommands.ts';

/**
 * Exports of a case for its physicians (docs/contract.md): the dossier PDF
 * and the FHIR bundle, built from the case as it stands now. The builders
 * are pure (server/export/); this file gathers what they print.
 */

/** A case the policy let through, with the caller's role in it. */
export interface ExportSubject {
  record: CaseRecord;
  role: AccessRole;
  template: AssessmentTemplate;
}

/**
 * The physicians only (never a reviewer, never an administrator), or the BA
 * alone for `employer-summary`, or the physicians and the invited
 * arbeidsdeskundige for `handover`; a refusal is audited as a denial.
 */
export async function authorizeExport(
  deps: CommandDeps,
  target: CaseTarget,
  object: string,
  use: 'export' | 'employer-summary' | 'handover' = 'export',
): Promise<ExportSubject> {
  const { record, role } = await requireParticipant(deps, { caseId: target.caseId, userId: target.principal.user.id, actor: target.audit, object, use });
  return { record, role, template: await templateOf(deps.templates, record.templateVersion) };
}

/**
 * Builds an export and audits it once built, so the trail never claims an
 * export that did not take place; a case refused because its record does not
 * match its log (503 case.integrity) is audited as a failed export. The
 * detail names the form, never what it holds.
 */
export async function auditedExport<T>(deps: CommandDeps, target: CaseTarget, object: string, detail: string, build: () => Promise<T>): Promise<T> {
  const row = { action: 'export', object, caseId: target.caseId } as const;
  try {
    const result = await build();
    await deps.audit.record(target.audit, { ...row, outcome: 'success', detail });
    return result;
  } catch (error) {
    if (isCaseIntegrityError(error)) await deps.audit.record(target.audit, { ...row, outcome: 'failure', detail: CASE_INTEGRITY });
    throw error;
  }
}

/** The snapshot the builders print: the case, its physicians, its template, its content and workflow now. */
async function dossierInput(deps: CommandDeps, target: CaseTarget, subject: ExportSubject, lang: ExportLanguage): Promise<DossierInput> {
  const { record, role, template } = subject;
  // Through the verified store: a quarantined case throws case.integrity here, before any content is read.
  const { state } = await loadWorkflow(deps, record);
  const sectionIds = templateSections(template).map((section) => section.id);
  const [summary, content] = await Promise.all([
    toCaseSummary(deps.records, record, await deps.records.listMembers(record.id)),
    deps.documents.contentOf(record.id, sectionIds),
  ]);
  return {
    lang,
    case: caseHeaderOf(record),
    members: summary.members,
    template,
    content,
    workflow: state,
    exportedAt: deps.now().toISOString(),
    exportedBy: { name: target.principal.user.name, role },
  };
}

/** `GET /api/cases/:id/export/dossier.pdf`: the consultation report for the re-integration dossier. */
export async function exportDossier(deps: CommandDeps, target: CaseTarget, lang: ExportLanguage): Promise<Buffer> {
  // Handed over to the invited arbeidsdeskundige too (docs/domain.md#the-arbeidsdeskundige).
  const subject = await authorizeExport(deps, target, 'dossier.pdf', 'handover');
  return auditedExport(deps, target, 'dossier.pdf', lang, async () => dossierPdf(await dossierInput(deps, target, subject, lang)));
}

/** `GET /api/cases/:id/export/fhir`: the assessment as a FHIR R4 collection Bundle. */
export async function exportFhir(deps: CommandDeps, target: CaseTarget, lang: ExportLanguage, baseUrl: string): Promise<FhirBundle> {
  const subject = await authorizeExport(deps, target, 'fhir');
  return auditedExport(deps, target, 'fhir', lang, async () => fhirBundle(await dossierInput(deps, target, subject, lang), { baseUrl }));
}

import { findMedicalTerms } from '../../../shared/employer/medicalLexicon.ts';
import { employerSectionLabel } from '../../../shared/employer/sectionLabel.ts';
import type { EmployerSummaryInput } from '../../../shared/employer/summarySchema.ts';
import type { EmployerSummaryDraft, EmployerSummaryRelease, EmployerSummaryView, SummaryWarning } from '../../../shared/record/api.ts';
import { templateSections, type AssessmentTemplate } from '../../../shared/template/index.ts';
import { AppError, badRequest } from '../../errors.ts';
import { employerSummaryPdf } from '../../export/employerPdf.ts';
import type { ExportLanguage } from '../../export/exportInput.ts';
import type { CommandDeps } from '../deps.ts';
import { auditedExport, authorizeExport } from '../export/caseExport.ts';
import type { CaseTarget } from '../workflow/disputeCommands.ts';

/**
 * The employer-safe summary (docs/domain.md): the BA writes a draft per
 * section in plain words, is warned of words that read as medical, and
 * releases it; the employer's PDF prints the latest release only. Audit rows
 * name the object and counts, never the text.
 */

const OBJECT = 'employer-summary';

/** Every medical-looking term per section, each term once per section, in template order. */
export function summaryWarnings(sections: Record<string, string>, template: AssessmentTemplate): SummaryWarning[] {
  const warnings: SummaryWarning[] = [];
  for (const { id } of templateSections(template)) {
    const text = sections[id];
    if (!text) continue;
    const seen = new Set<string>();
    for (const { term } of findMedicalTerms(text)) {
      if (seen.has(term)) continue;
      seen.add(term);
      warnings.push({ sectionId: id, term });
    }
  }
  return warnings;
}

function draftView(sections: Record<string, string>, template: AssessmentTemplate): EmployerSummaryDraft {
  return { sections, warnings: summaryWarnings(sections, template) };
}

const isBlank = (sections: Record<string, string>) => Object.values(sections).every((text) => text.trim() === '');

const authorizeBa = (deps: CommandDeps, target: CaseTarget, object: string) => authorizeExport(deps, target, object, 'employer-summary');

/** `PUT /api/cases/:id/employer-summary`: replaces the draft; warnings never block the save. */
export async function saveEmployerSummary(deps: CommandDeps, target: CaseTarget, input: EmployerSummaryInput): Promise<EmployerSummaryDraft> {
  const { template } = await authorizeBa(deps, target, OBJECT);
  const known = new Set(templateSections(template).map((section) => section.id));
  const unknown = Object.keys(input.sections).find((id) => !known.has(id));
  if (unknown !== undefined) throw badRequest(`sections.${unknown}: not a section of this case's template`, `sections.${unknown}`);
  const { user } = target.principal;
  await deps.employerSummaries.saveDraft({
    caseId: target.caseId,
    sections: input.sections,
    updatedAt: deps.now().toISOString(),
    updatedBy: { userId: user.id, name: user.name },
  });
  await deps.audit.record(target.audit, {
    action: 'write',
    outcome: 'success',
    object: OBJECT,
    caseId: target.caseId,
    detail: `${Object.keys(input.sections).length} sections`,
  });
  return draftView(input.sections, template);
}

/** `GET /api/cases/:id/employer-summary`: the draft for the editor, with its warnings and the releases so far. */
export async function readEmployerSummary(deps: CommandDeps, target: CaseTarget): Promise<EmployerSummaryView> {
  const { template, role } = await authorizeExport(deps, target, OBJECT);
  const [draft, releases] = await Promise.all([deps.employerSummaries.getDraft(target.caseId), deps.employerSummaries.listReleases(target.caseId)]);
  await deps.audit.record(target.audit, { action: 'read', outcome: 'success', object: OBJECT, caseId: target.caseId, detail: role });
  return { ...draftView(draft?.sections ?? {}, template), releases: releases.map(({ version, releasedAt }) => ({ version, releasedAt })) };
}

/** `POST /api/cases/:id/employer-summary/release`: the draft as it is stored becomes the next version. */
export async function releaseEmployerSummary(deps: CommandDeps, target: CaseTarget): Promise<EmployerSummaryRelease> {
  await authorizeBa(deps, target, `${OBJECT}.release`);
  const draft = await deps.employerSummaries.getDraft(target.caseId);
  if (!draft || isBlank(draft.sections)) throw new AppError(409, 'employer_summary.empty', 'Write the summary for the employer before releasing it');
  const { user } = target.principal;
  const released = await deps.employerSummaries.release({
    caseId: target.caseId,
    sections: draft.sections,
    releasedAt: deps.now().toISOString(),
    releasedBy: { userId: user.id, name: user.name },
  });
  await deps.audit.record(target.audit, {
    action: 'write',
    outcome: 'success',
    object: `${OBJECT}.release`,
    caseId: target.caseId,
    detail: `version ${released.version}`,
  });
  return { version: released.version, releasedAt: released.releasedAt };
}

/** `GET /api/cases/:id/export/employer.pdf`: the latest release, with plain headings; nothing of the assessment. */
export async function exportEmployerPdf(deps: CommandDeps, target: CaseTarget, lang: ExportLanguage): Promise<Buffer> {
  // The released summary is handed over to the invited arbeidsdeskundige too; the draft is not.
  const { record, template } = await authorizeExport(deps, target, 'employer.pdf', 'handover');
  const release = await deps.employerSummaries.latestRelease(target.caseId);
  if (!release) throw new AppError(409, 'employer_summary.not_released', 'The summary for the employer has not been released yet');
  // Template order, headings without a code; a section left blank is left out.
  const sections = templateSections(template)
    .filter((section) => (release.sections[section.id] ?? '').trim() !== '')
    .map((section) => ({ label: employerSectionLabel(section, lang), text: release.sections[section.id]! }));
  return auditedExport(deps, target, 'employer.pdf', `version ${release.version}`, () =>
    employerSummaryPdf({
      lang,
      employeePseudonym: record.employeePseudonym,
      employer: record.employer,
      releasedAt: release.releasedAt,
      releasedBy: release.releasedBy.name,
      version: release.version,
      sections,
    }),
  );
}

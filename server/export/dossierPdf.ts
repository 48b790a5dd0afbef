/**
 * The consultation report for the re-integration dossier (RIV): the case,
 * both physicians' assessment per section, what they signed together, the
 * dispute route and the consultations held, whether the case is ready
 * for the report, and an appendix with the template's definitions. Pure: it prints what it is given.
 */

import type { CaseRole } from '../../shared/roles.ts';
import { weekOfSickness } from '../../shared/sickness.ts';
import { writeDefinitions } from './dossierDefinitions.ts';
import { writeRivReadiness } from './dossierRiv.ts';
import { writeDisputes, writeSessions } from './dossierRoute.ts';
import { writeAssessment, type DossierContext } from './dossierSections.ts';
import type { DossierInput } from './exportInput.ts';
import { amsterdamDate, exportLabels, formatDate, formatDateTime } from './exportLabels.ts';
import { caseHeader, createReport, finishReport, title, type PdfDocument } from './pdfLayout.ts';

export function dossierPdf(input: DossierInput): Promise<Buffer> {
  const labels = exportLabels(input.lang);
  const context: DossierContext = { input, lang: input.lang, labels, physician: physicianNames(input) };
  const { pdf, done } = createReport(`${labels.dossierTitle} ${input.case.employeePseudonym}`);
  title(pdf, labels.dossierTitle);
  writeCaseHeader(pdf, context);
  writeRivReadiness(pdf, input.lang, input.workflow);
  writeAssessment(pdf, context);
  writeDisputes(pdf, context);
  writeSessions(pdf, context);
  writeDefinitions(pdf, context);
  finishReport(pdf, labels, { at: formatDateTime(input.lang, input.exportedAt), by: exporterName(input) });
  return done;
}

export function physicianNames(input: Pick<DossierInput, 'members'>): (role: CaseRole) => string {
  return (role) => input.members.find((member) => member.caseRole === role)?.name ?? '—';
}

export function exporterName(input: Pick<DossierInput, 'exportedBy' | 'lang'>): string {
  return `${input.exportedBy.name} (${exportLabels(input.lang).role[input.exportedBy.role].toLowerCase()})`;
}

/** Who the report is about and when: the week of sickness is the one on the day of the export, in Dutch time. */
export function writeCaseHeader(pdf: PdfDocument, context: DossierContext): void {
  const { input, labels } = context;
  const week = weekOfSickness(input.case.firstSickDay, amsterdamDate(input.exportedAt));
  caseHeader(pdf, [
    [labels.caseTitle, input.case.title],
    [labels.employee, input.case.employeePseudonym],
    [labels.employer, input.case.employer],
    [labels.firstSickDay, formatDate(input.lang, input.case.firstSickDay)],
    [labels.weekOfSickness, week === null ? '—' : String(week)],
    [labels.role.ba, context.physician('ba')],
    [labels.role.va, context.physician('va')],
    [labels.templateVersion, String(input.case.templateVersion)],
  ]);
}

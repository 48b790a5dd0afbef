import type { CaseMember } from '../../shared/api.ts';
import type { AccessRole } from '../../shared/roles.ts';
import { weekOfSickness } from '../../shared/sickness.ts';
import { templateSections, type AssessmentTemplate, type TemplateSection } from '../../shared/template/index.ts';
import type { AgendaItem, ConsultationSession, SectionState } from '../../shared/workflow/types.ts';
import { exporterName, physicianNames } from '../export/dossierPdf.ts';
import { sectionNames, writeSession } from '../export/dossierRoute.ts';
import { writeAgreement, type ExportContext } from '../export/dossierSections.ts';
import type { ExportLanguage } from '../export/exportInput.ts';
import { amsterdamDate, exportLabels, formatDateTime } from '../export/exportLabels.ts';
import { caseHeader, createReport, finishReport, heading, title } from '../export/pdfLayout.ts';
import type { CaseRecord } from '../store/ports.ts';

export interface MinutesOptions {
  /** The reader's language; Dutch by default. */
  lang?: ExportLanguage;
  /** The case's section states: an agenda item whose section is agreed gets the signed position and qualifier. */
  sections?: Record<string, SectionState>;
  /** When the minutes were exported (ISO); now by default. */
  exportedAt?: string;
  exportedBy?: { name: string; role: AccessRole };
}

type MinutesCase = Pick<CaseRecord, 'title' | 'employeePseudonym' | 'employer' | 'firstSickDay'>;

/**
 * The minutes of a concluded session as a PDF report, in the frame of the
 * dossier (confidentiality mark, page numbers, export line on every page):
 * the case, both physicians, the date, and per agenda item the outcome, the
 * notes and, for an agreed section, what both signed.
 */
export function sessionMinutesPdf(
  session: ConsultationSession,
  record: MinutesCase,
  template: AssessmentTemplate,
  members: CaseMember[],
  options: MinutesOptions = {},
): Promise<Buffer> {
  const lang = options.lang ?? 'nl';
  const labels = exportLabels(lang);
  const context: ExportContext = { lang, labels };
  const sections = new Map<string, TemplateSection>(templateSections(template).map((s) => [s.id, s]));
  const physician = physicianNames({ members });
  const { pdf, done } = createReport(`${labels.minutesTitle} ${record.employeePseudonym}`);

  const held = session.started?.at ?? session.scheduledAt;
  title(pdf, labels.minutesTitle);
  caseHeader(pdf, [
    [labels.caseTitle, record.title],
    [labels.employee, record.employeePseudonym],
    [labels.employer, record.employer],
    [labels.weekAtSession, String(weekOfSickness(record.firstSickDay, amsterdamDate(held)) ?? '—')],
    [labels.role.ba, physician('ba')],
    [labels.role.va, physician('va')],
  ]);
  heading(pdf, labels.agenda);
  const afterItem = (item: AgendaItem) => {
    const state = options.sections?.[item.section];
    const section = sections.get(item.section);
    if (state?.status === 'agreed' && state.agreement && section) writeAgreement(pdf, section, state.agreement, context);
  };
  writeSession(pdf, session, { ...context, sectionName: sectionNames(template, lang), afterItem });
  const exportedAt = options.exportedAt ?? new Date().toISOString();
  finishReport(pdf, labels, { at: formatDateTime(lang, exportedAt), by: options.exportedBy ? exporterName({ exportedBy: options.exportedBy, lang }) : null });
  return done;
}

/**
 * The dispute route and the consultations held, as the dossier reports them:
 * per dispute its question, the stages reached with dates, the reviewer's
 * opinion and the formal route; per concluded session the outcome of every
 * agenda item.
 */

import { templateSections, type AssessmentTemplate, type TemplateSection } from '../../shared/template/index.ts';
import type { AgendaItem, ConsultationSession, Dispute, FormalRoute } from '../../shared/workflow/types.ts';
import { sectionTitle, type DossierContext, type ExportContext } from './dossierSections.ts';
import type { ExportLanguage } from './exportInput.ts';
import { formatDate, formatDateTime } from './exportLabels.ts';
import { field, heading, keepSpace, muted, paragraph, subheading, type PdfDocument } from './pdfLayout.ts';

const INDENT = 12;

/** A section's printed name by its id; the bare id for one the template does not know. */
export function sectionNames(template: AssessmentTemplate | undefined, lang: ExportLanguage): (id: string) => string {
  const sections = new Map<string, TemplateSection>(template ? templateSections(template).map((s) => [s.id, s]) : []);
  return (id) => {
    const section = sections.get(id);
    return section ? sectionTitle(section, lang) : id;
  };
}

export function writeDisputes(pdf: PdfDocument, context: DossierContext): void {
  const disputes = context.input.workflow.disputes;
  if (disputes.length === 0) return;
  heading(pdf, context.labels.disputes);
  disputes.forEach((dispute, index) => writeDispute(pdf, dispute, index + 1, context));
}

function writeDispute(pdf: PdfDocument, dispute: Dispute, number: number, context: DossierContext): void {
  const { input, labels } = context;
  const name = sectionNames(input.template, input.lang);
  subheading(pdf, `${labels.dispute(number)} · ${labels.stage[dispute.stage]}`);
  field(pdf, labels.sections, dispute.sections.map(name).join('; '));
  field(pdf, labels.question, dispute.question);
  field(pdf, labels.explanation, `${dispute.explanation} (${labels.reason[dispute.reason]})`);
  keepSpace(pdf, 40);
  field(pdf, labels.stages, '');
  for (const entry of dispute.timeline) {
    paragraph(pdf, `${labels.stage[entry.stage]}: ${formatDateTime(input.lang, entry.at)} (${entry.by.name})`, INDENT);
  }
  if (dispute.reviewer) {
    const { reviewer } = dispute;
    field(pdf, labels.reviewer, `${reviewer.name} (${formatDateTime(input.lang, reviewer.invitedAt)})`);
    if (reviewer.opinion) {
      field(pdf, labels.opinion, formatDateTime(input.lang, reviewer.opinion.at));
      paragraph(pdf, reviewer.opinion.text, INDENT);
    } else paragraph(pdf, labels.noOpinion, INDENT);
  }
  if (dispute.formalRoute) writeFormalRoute(pdf, dispute.formalRoute, context);
  if (dispute.closing) {
    field(pdf, labels.closing, '');
    for (const [section, outcome] of Object.entries(dispute.closing.outcomes)) {
      paragraph(pdf, `${name(section)}: ${labels.disputeOutcome[outcome]}`, INDENT);
    }
  }
}

function writeFormalRoute(pdf: PdfDocument, route: FormalRoute, context: DossierContext): void {
  const { input, labels } = context;
  keepSpace(pdf, 60);
  field(pdf, labels.formalRoute, labels.formalKind[route.kind]);
  paragraph(pdf, labels.requestedBy(labels.requester[route.requestedBy], formatDate(input.lang, route.requestedOn)), INDENT);
  paragraph(pdf, `${labels.question}: ${route.question}`, INDENT);
  if (route.outcome) {
    paragraph(pdf, `${labels.outcome} (${labels.decidedOn(formatDate(input.lang, route.outcome.decidedOn))}):`, INDENT);
    paragraph(pdf, route.outcome.text, 2 * INDENT);
  } else paragraph(pdf, `${labels.outcome}: ${labels.noOutcome}`, INDENT);
}

export function writeSessions(pdf: PdfDocument, context: DossierContext): void {
  const held = context.input.workflow.sessions.filter((session) => session.status === 'concluded');
  heading(pdf, context.labels.sessions);
  if (held.length === 0) paragraph(pdf, context.labels.noSessions);
  const sessionContext = { ...context, sectionName: sectionNames(context.input.template, context.lang) };
  for (const session of held) writeSession(pdf, session, sessionContext);
}

export interface SessionContext extends ExportContext {
  sectionName: (id: string) => string;
  /** Written under each agenda item: the minutes add the agreed position there. */
  afterItem?: (item: AgendaItem) => void;
}

/** One concluded session and its agenda; the minutes PDF uses it too. */
export function writeSession(pdf: PdfDocument, session: ConsultationSession, context: SessionContext): void {
  const { lang, labels, sectionName: name } = context;
  const date = formatDateTime(lang, session.started?.at ?? session.scheduledAt);
  subheading(pdf, labels.session(date, labels.mode[session.mode], session.durationMinutes));
  if (session.concluded) muted(pdf, labels.concludedBy(session.concluded.by.name, formatDateTime(lang, session.concluded.at)));
  for (const item of session.agenda) {
    keepSpace(pdf, 50);
    pdf.moveDown(0.3);
    field(pdf, name(item.section), item.outcome ? labels.itemOutcome[item.outcome] : labels.notDiscussed);
    if (item.notes) paragraph(pdf, `${labels.notes}: ${item.notes}`, INDENT);
    if (item.recordedBy) muted(pdf, labels.recordedBy(item.recordedBy.name), INDENT);
    context.afterItem?.(item);
  }
}

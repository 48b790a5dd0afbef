import PDFDocument from 'pdfkit';
import { getTemplate, templateSections } from '../../shared/template/index.ts';
import type { ConsultationSession, ItemOutcome, SessionMode } from '../../shared/workflow/types.ts';
import type { CaseMember } from '../../shared/api.ts';
import { PdfFont, registerPdfFonts } from '../pdf/pdfFonts.ts';
import type { CaseRecord } from '../store/ports.ts';

const OUTCOME_LABEL: Record<ItemOutcome, string> = {
  agreed: 'Overeenstemming bereikt',
  still_disagree: 'Nog steeds oneens',
  escalated: 'Geëscaleerd naar het geschillentraject',
  deferred: 'Uitgesteld',
};

const MODE_LABEL: Record<SessionMode, string> = { video: 'video', telefoon: 'telefoon', fysiek: 'fysiek', schriftelijk: 'schriftelijk' };

const dateFormat = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });

/**
 * The minutes of a concluded session as a PDF report: the case, both
 * physicians, the date, and per agenda item (by its Dutch name) the outcome
 * and the notes.
 */
export function sessionMinutesPdf(session: ConsultationSession, record: CaseRecord, members: CaseMember[]): Promise<Buffer> {
  const template = getTemplate(record.templateVersion);
  const names = new Map(template ? templateSections(template).map((s) => [s.id, s.icf ? `${s.icf} ${s.label.nl}` : s.label.nl]) : []);
  const physician = (role: 'ba' | 'va') => members.find((m) => m.caseRole === role)?.name ?? '—';

  const pdf = registerPdfFonts(
    new PDFDocument({ size: 'A4', margin: 56, info: { Title: `Verslag consultatie ${record.employeePseudonym}`, Author: 'Consultatiewerkplek' } }),
  );
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  pdf.font(PdfFont.bold).fontSize(18).text('Verslag consultatie bedrijfsarts – verzekeringsarts');
  pdf.moveDown(0.5).font(PdfFont.regular).fontSize(11);
  pdf.text(`Dossier: ${record.title}`);
  pdf.text(`Werknemer: ${record.employeePseudonym} · Werkgever: ${record.employer}`);
  pdf.text(
    `Datum: ${dateFormat.format(new Date(session.started?.at ?? session.scheduledAt))} (${MODE_LABEL[session.mode]}, ${session.durationMinutes} minuten)`,
  );
  pdf.text(`Bedrijfsarts: ${physician('ba')}`);
  pdf.text(`Verzekeringsarts: ${physician('va')}`);
  if (session.concluded) pdf.text(`Afgesloten door ${session.concluded.by.name} op ${dateFormat.format(new Date(session.concluded.at))}`);

  pdf.moveDown().font(PdfFont.bold).fontSize(14).text('Agenda en uitkomsten');
  for (const item of session.agenda) {
    pdf
      .moveDown(0.6)
      .font(PdfFont.bold)
      .fontSize(12)
      .text(names.get(item.section) ?? item.section);
    pdf
      .font(PdfFont.regular)
      .fontSize(11)
      .text(`Uitkomst: ${item.outcome ? OUTCOME_LABEL[item.outcome] : 'Niet besproken'}`);
    if (item.recordedBy) pdf.fillColor('#555555').text(`Vastgelegd door ${item.recordedBy.name}`).fillColor('black');
    if (item.notes) pdf.text(`Notities: ${item.notes}`);
  }
  pdf.end();
  return done;
}

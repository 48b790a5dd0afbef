/**
 * The frame every exported PDF shares: an A4 document with the embedded
 * Unicode font, the case header, and on every page the confidentiality mark,
 * the page number and who exported it when. Pages are buffered so the
 * footers, which need the page count, are written once the body is done.
 */

import PDFDocument from 'pdfkit';
import { PdfFont, registerPdfFonts } from '../pdf/pdfFonts.ts';
import type { ExportLabels } from './exportLabels.ts';

export type PdfDocument = InstanceType<typeof PDFDocument>;

const MARGIN = 56;
const MUTED = '#555555';
const MARK = '#b00020';

export interface PdfReport {
  pdf: PdfDocument;
  /** Resolves to the file once `pdf.end()` was called. */
  done: Promise<Buffer>;
}

export function createReport(title: string): PdfReport {
  const pdf = registerPdfFonts(
    new PDFDocument({
      size: 'A4',
      margins: { top: MARGIN, bottom: MARGIN + 16, left: MARGIN, right: MARGIN },
      bufferPages: true,
      info: { Title: title, Author: 'Consultatiewerkplek' },
    }),
  );
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  return { pdf, done };
}

/**
 * Writes the mark, the page number and the export line on every buffered
 * page, then ends the document. The bottom margin is lifted while writing so
 * pdfkit does not take a footer below it as a reason for a new page.
 */
export function finishReport(pdf: PdfDocument, labels: ExportLabels, exported: { at: string; by: string | null }): void {
  const range = pdf.bufferedPageRange();
  const width = pdf.page.width - 2 * MARGIN;
  for (let index = range.start; index < range.start + range.count; index++) {
    pdf.switchToPage(index);
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf.font(PdfFont.bold).fontSize(9).fillColor(MARK);
    pdf.text(labels.confidential.toUpperCase(), MARGIN, 28, { width, align: 'right', lineBreak: false });
    pdf.text(labels.confidential, MARGIN, pdf.page.height - 52, { width, align: 'left', lineBreak: false });
    pdf.font(PdfFont.regular).fontSize(8).fillColor(MUTED);
    pdf.text(labels.page(index - range.start + 1, range.count), MARGIN, pdf.page.height - 52, { width, align: 'right', lineBreak: false });
    pdf.text(labels.exported(exported.at, exported.by), MARGIN, pdf.page.height - 40, { width, align: 'left', lineBreak: false });
    pdf.page.margins.bottom = bottom;
  }
  pdf.fillColor('black');
  pdf.end();
}

/** Starts a new page when less than `height` points are left, so a heading does not stand alone at the foot of a page. */
export function keepSpace(pdf: PdfDocument, height: number): void {
  if (pdf.y + height > pdf.page.height - pdf.page.margins.bottom) pdf.addPage();
}

export function title(pdf: PdfDocument, text: string): void {
  pdf.font(PdfFont.bold).fontSize(17).fillColor('black').text(text, MARGIN);
  pdf.moveDown(0.4);
}

export function heading(pdf: PdfDocument, text: string): void {
  keepSpace(pdf, 80);
  pdf.moveDown(0.8).font(PdfFont.bold).fontSize(14).fillColor('black').text(text, MARGIN);
  pdf.moveDown(0.2);
}

export function subheading(pdf: PdfDocument, text: string): void {
  keepSpace(pdf, 60);
  pdf.moveDown(0.6).font(PdfFont.bold).fontSize(12).fillColor('black').text(text, MARGIN);
}

/** A bold label before its value, one paragraph. */
export function field(pdf: PdfDocument, label: string, value: string): void {
  pdf.font(PdfFont.bold).fontSize(10.5).fillColor('black');
  // An empty continued run would glue the next paragraph onto the label's line.
  if (value === '') {
    pdf.text(`${label}:`, MARGIN);
    return;
  }
  pdf.text(`${label}: `, MARGIN, undefined, { continued: true });
  pdf.font(PdfFont.regular).text(value);
}

export function paragraph(pdf: PdfDocument, text: string, indent = 0): void {
  pdf
    .font(PdfFont.regular)
    .fontSize(10.5)
    .fillColor('black')
    .text(text, MARGIN + indent);
}

export function smallPrint(pdf: PdfDocument, text: string, indent = 0): void {
  pdf
    .font(PdfFont.regular)
    .fontSize(7.5)
    .fillColor(MUTED)
    .text(text, MARGIN + indent);
  pdf.fillColor('black');
}

export function muted(pdf: PdfDocument, text: string, indent = 0): void {
  pdf
    .font(PdfFont.regular)
    .fontSize(9.5)
    .fillColor(MUTED)
    .text(text, MARGIN + indent);
  pdf.fillColor('black');
}

/** The case header both reports open with. */
export function caseHeader(pdf: PdfDocument, rows: [string, string][]): void {
  for (const [label, value] of rows) field(pdf, label, value);
}

import PDFDocument from 'pdfkit';
import type { EmployerLanguage } from '../../shared/employer/sectionLabel.ts';
import { PdfFont, registerPdfFonts } from '../pdf/pdfFonts.ts';

type PdfDocument = InstanceType<typeof PDFDocument>;

export interface EmployerSummarySection {
  /** A plain heading (employerSectionLabel): the employer never sees an ICF code. */
  label: string;
  /** The BA's words for the employer; paragraphs on their own lines. */
  text: string;
}

export interface EmployerSummaryInput {
  lang: EmployerLanguage;
  employeePseudonym: string;
  employer: string;
  /** ISO 8601 moment the BA released this version. */
  releasedAt: string;
  /** The BA's name as the employer should read it. */
  releasedBy: string;
  version: number;
  sections: EmployerSummarySection[];
}

/** The fixed words of the summary, per language; everything else on the page is the caller's. */
export const EMPLOYER_PDF_WORDS = {
  nl: {
    title: 'Samenvatting voor de werkgever',
    employee: 'Werknemer',
    employer: 'Werkgever',
    version: 'Versie',
    released: 'Vrijgegeven',
    releasedBy: 'Bedrijfsarts',
    page: (page: number, pages: number) => `Pagina ${page} van ${pages}`,
  },
  en: {
    title: 'Summary for the employer',
    employee: 'Employee',
    employer: 'Employer',
    version: 'Version',
    released: 'Released',
    releasedBy: 'Occupational physician',
    page: (page: number, pages: number) => `Page ${page} of ${pages}`,
  },
} as const satisfies Record<EmployerLanguage, Record<string, unknown>>;

const LOCALE: Record<EmployerLanguage, string> = { nl: 'nl-NL', en: 'en-GB' };

const MARGIN = 56;
const MUTED = '#555555';

/**
 * The employer-safe summary a BA released, as a PDF: a header naming the
 * employee (by pseudonym), the employer, the version, when and by whom it was
 * released, then per section its plain heading and the BA's words, and a page
 * footer. It prints only what it is given: no qualifier, no ICF code, no
 * physician's own position. What is safe to give is the caller's decision;
 * this function must never add to it.
 */
export function employerSummaryPdf(input: EmployerSummaryInput): Promise<Buffer> {
  const words = EMPLOYER_PDF_WORDS[input.lang];
  const released = formatReleasedAt(input.releasedAt, input.lang);
  const pdf = registerPdfFonts(
    new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      bufferPages: true,
      lang: LOCALE[input.lang],
      info: { Title: `${words.title} – ${input.employeePseudonym}`, Author: input.releasedBy },
    }),
  );
  const done = collect(pdf);

  pdf.font(PdfFont.bold).fontSize(18).text(words.title);
  pdf.moveDown(0.5).font(PdfFont.regular).fontSize(11);
  pdf.text(`${words.employee}: ${input.employeePseudonym}`);
  pdf.text(`${words.employer}: ${input.employer}`);
  pdf.text(`${words.version}: ${input.version}`);
  pdf.text(`${words.released}: ${released}`);
  pdf.text(`${words.releasedBy}: ${input.releasedBy}`);

  for (const section of input.sections) {
    pdf.moveDown(0.8).font(PdfFont.bold).fontSize(12).text(section.label);
    pdf.moveDown(0.2).font(PdfFont.regular).fontSize(11);
    if (section.text.trim() !== '') pdf.text(section.text.trim(), { paragraphGap: 4 });
  }

  writeFooters(pdf, words.page);
  pdf.end();
  return done;
}

/** The release moment in the reader's language, on Dutch time (the case is Dutch wherever the server runs). */
function formatReleasedAt(releasedAt: string, lang: EmployerLanguage): string {
  const moment = new Date(releasedAt);
  if (Number.isNaN(moment.getTime())) throw new RangeError(`releasedAt is not a date: ${releasedAt}`);
  return new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(moment);
}

function collect(pdf: PdfDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
}

/**
 * "Page n of N" on every page: N is known only once the content is laid out,
 * so the pages stay buffered and each gets its footer at the end.
 */
function writeFooters(pdf: PdfDocument, label: (page: number, pages: number) => string): void {
  const range = pdf.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    pdf.switchToPage(index);
    // The footer sits in the bottom margin; with the margin in place pdfkit would start a new page for it.
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf
      .font(PdfFont.regular)
      .fontSize(9)
      .fillColor(MUTED)
      .text(label(index - range.start + 1, range.count), MARGIN, pdf.page.height - MARGIN / 2 - 9, {
        width: pdf.page.width - 2 * MARGIN,
        align: 'center',
        lineBreak: false,
      });
    pdf.page.margins.bottom = bottom;
  }
  pdf.fillColor('black');
}

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type PDFDocument from 'pdfkit';

type PdfDocument = InstanceType<typeof PDFDocument>;

/**
 * pdfkit's built-in fonts (Helvetica …) know WinAnsi only: "Łódź" or "Şişli"
 * would print as wrong glyphs. Every PDF embeds DejaVu Sans instead (subset
 * to the glyphs used), from the `dejavu-fonts-ttf` npm package, so the
 * production image needs no system fonts.
 */
const FONT_PACKAGE = 'dejavu-fonts-ttf';

/** The font names a PDF uses after registerPdfFonts. */
export const PdfFont = {
  regular: 'DejaVuSans',
  bold: 'DejaVuSans-Bold',
} as const;
type PdfFontName = (typeof PdfFont)[keyof typeof PdfFont];

const FONT_FILES: Record<PdfFontName, string> = {
  [PdfFont.regular]: `${FONT_PACKAGE}/ttf/DejaVuSans.ttf`,
  [PdfFont.bold]: `${FONT_PACKAGE}/ttf/DejaVuSans-Bold.ttf`,
};

export class PdfFontMissingError extends Error {
  constructor(file: string, cause: unknown) {
    super(
      `The PDF font ${file} cannot be read (${cause instanceof Error ? cause.message : String(cause)}): the npm package "${FONT_PACKAGE}" must be installed (npm ci)`,
    );
    this.name = 'PdfFontMissingError';
  }
}

let loaded: ReadonlyMap<PdfFontName, Buffer> | null = null;

/** Reads the fonts once; throws PdfFontMissingError naming the file. The composition root calls it at boot, so a broken install stops there. */
export function loadPdfFonts(): ReadonlyMap<PdfFontName, Buffer> {
  loaded ??= readPdfFonts(createRequire(import.meta.url).resolve);
  return loaded;
}

/** The font files, found by `resolve` (Node's module resolution); throws PdfFontMissingError. */
export function readPdfFonts(resolve: (id: string) => string): Map<PdfFontName, Buffer> {
  const fonts = new Map<PdfFontName, Buffer>();
  for (const [name, file] of Object.entries(FONT_FILES) as [PdfFontName, string][]) {
    try {
      fonts.set(name, readFileSync(resolve(file)));
    } catch (error) {
      throw new PdfFontMissingError(file, error);
    }
  }
  return fonts;
}

/** Makes PdfFont's names usable in `pdf`, and the regular one current. */
export function registerPdfFonts(pdf: PdfDocument): PdfDocument {
  for (const [name, data] of loadPdfFonts()) pdf.registerFont(name, data);
  return pdf.font(PdfFont.regular);
}

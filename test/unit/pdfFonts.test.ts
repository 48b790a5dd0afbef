import { describe, expect, it } from 'vitest';
import { PdfFont, PdfFontMissingError, loadPdfFonts, readPdfFonts } from '../../server/pdf/pdfFonts.ts';

/** A TrueType file starts with the sfnt version 0x00010000. */
const TRUETYPE_MAGIC = '00010000';

describe('the fonts every PDF embeds', () => {
  it('are the TrueType files of DejaVu Sans, regular and bold, from the npm package', () => {
    const fonts = loadPdfFonts();
    expect([...fonts.keys()]).toEqual([PdfFont.regular, PdfFont.bold]);
    for (const data of fonts.values()) expect(data.subarray(0, 4).toString('hex')).toBe(TRUETYPE_MAGIC);
  });

  it('a missing font file stops with a message naming the file and the package to install', () => {
    const missing = () => readPdfFonts(() => '/nonexistent/DejaVuSans.ttf');
    expect(missing).toThrow(PdfFontMissingError);
    expect(missing).toThrow(/dejavu-fonts-ttf\/ttf\/DejaVuSans\.ttf .*ENOENT.*"dejavu-fonts-ttf" must be installed/);
  });
});

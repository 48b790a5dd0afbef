import { beforeAll, describe, expect, it } from 'vitest';
import { dossierPdf } from '../../server/export/dossierPdf.ts';
import { QUALIFIER_OPTIONS } from '../../shared/qualifiers.ts';
import { partContent } from '../../shared/record/types.ts';
import { templateSections, gradedScaleOf } from '../../shared/template/index.ts';
import { AGREEMENT_HASH, exportInput } from '../helpers/exportFixture.ts';
import { pdfText } from '../helpers/pdf.ts';
import { pdfPages } from '../helpers/pdfPages.ts';

/** pdf.js takes over (detaches) the buffer it reads: each reading gets its own copy. */
async function read(bytes: Uint8Array): Promise<{ text: string; pages: string[] }> {
  const text = flat(await pdfText(bytes.slice()));
  const pages = (await pdfPages(bytes.slice())).map(flat);
  return { text, pages };
}

/** pdf.js breaks lines where pdfkit wrapped them; compare with single spaces. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('the dossier PDF (Dutch)', () => {
  let bytes: Uint8Array;
  let text: string;
  let pages: string[];

  beforeAll(async () => {
    bytes = new Uint8Array(await dossierPdf(exportInput()));
    ({ text, pages } = await read(bytes));
  });

  it('is a PDF', () => {
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  });

  it('opens with the case: pseudonym, employer (in Unicode), first sick day and the week of sickness at export', () => {
    expect(text).toContain('Consultatieverslag bedrijfsarts – verzekeringsarts');
    expect(text).toContain('Werknemer: WN-2026-0147');
    expect(text).toContain('Bouwbedrijf Şişli & Łódź');
    expect(text).toContain('Eerste ziektedag: 2 maart 2026');
    // 2 March to 15 June is 105 days: week 16.
    expect(text).toContain('Ziekteweek bij export: 16');
    expect(text).toContain('Bedrijfsarts: Anna Bakker');
    expect(text).toContain('Verzekeringsarts: Victor Visser');
  });

  it('names every section of the template by its ICF code and Dutch label, under its group', () => {
    const template = exportInput().template;
    for (const section of templateSections(template)) {
      expect(text).toContain(section.icf ? `${section.icf} ${section.label.nl}` : section.label.nl);
    }
    for (const group of template.groups) expect(text).toContain(group.label.nl.toUpperCase());
    expect(text.indexOf('d160 Aandacht richten')).toBeLessThan(text.indexOf('d350 Conversatie'));
  });

  it("ends with an appendix of every section's definition and FML items, and what each qualifier level means for work", () => {
    const template = exportInput().template;
    // pdf.js splits a line wrapped at a hyphen into "FML- rubrieken": compare without those breaks.
    const joined = (words: string) => flat(words).replace(/- /g, '-');
    const start = text.indexOf(`Bijlage: definities (sjabloonversie ${template.version},`);
    expect(start).toBeGreaterThan(0);
    const appendix = joined(text.slice(start));
    for (const section of templateSections(template)) {
      expect(appendix).toContain(joined(section.definition.nl));
      expect(appendix).toContain(`FML-items: ${section.fml.length > 0 ? section.fml.join(', ') : 'geen'}`);
    }
    for (const option of [...QUALIFIER_OPTIONS['icf-d'], ...QUALIFIER_OPTIONS['icf-e']])
      expect(appendix).toContain(joined(`${option.label.nl}: ${option.work.nl}`));
  });

  it("prints both physicians' positions with the qualifier's label", () => {
    expect(text).toContain('Standpunt bedrijfsarts: Anna Bakker BA-d160: kan zich 20 minuten concentreren. Kwalificatie: 2 matig probleem (25–49%)');
    expect(text).toContain('Standpunt verzekeringsarts: Victor Visser VA-d160: concentratie houdt een uur stand. Kwalificatie: 1 licht probleem (5–24%)');
    expect(text).toContain('BA-e250: stille werkplek helpt. Kwalificatie: +2 matige faciliterende factor');
    expect(text).toContain('VA-e250: kantoortuin is een barrière. Kwalificatie: 3 ernstige barrière');
    // An uncoded section has no qualifier line.
    expect(text).toContain('BA-werktijden: 4 uur per dag, ochtenden. Standpunt verzekeringsarts');
  });

  it('prints the agreed position as signed: text, qualifier, who proposed and signed when, the hash short and in full', () => {
    expect(text).toContain(`Gezamenlijk standpunt: Kenmerk ${AGREEMENT_HASH.slice(0, 12)}`);
    expect(text).toContain('JOINT-d160: concentratie 30 minuten per blok, met pauzes. Kwalificatie: 2 matig probleem (25–49%)');
    // Times in Dutch time: 09:15Z is 11:15 in summer.
    expect(text).toContain('Voorgesteld door Anna Bakker op 1 juni 2026 om 11:15');
    expect(text).toContain('Ondertekend door Victor Visser op 2 juni 2026 om 15:45');
    expect(text).toContain(`Kenmerk: ${AGREEMENT_HASH}`);
  });

  it('prints a residual disagreement with both positions frozen at the closing', () => {
    expect(text).toContain('Resterend verschil van inzicht: Standpunten bij afsluiting van het geschil');
    expect(text).toContain('Bedrijfsarts (Anna Bakker): FROZEN-BA-d240: geen deadlines.');
    expect(text).toContain('Verzekeringsarts (Victor Visser): FROZEN-VA-d240: werkdruk belastbaar.');
  });

  it('prints the dispute route: question, stages with dates, reviewer and opinion, formal route and its outcome', () => {
    expect(text).toContain('Geschillentraject');
    expect(text).toContain('Vraag: Is werken onder tijdsdruk mogelijk?');
    expect(text).toContain('Geopend: 1 mei 2026 om 10:00 (Anna Bakker)');
    expect(text).toContain('Collegiale toetsing: 4 mei 2026 om 11:30');
    expect(text).toContain('Formele route: 20 mei 2026 om 14:00');
    expect(text).toContain('Afgesloten: 10 juni 2026 om 16:00');
    expect(text).toContain('Beoordelaar: Rita Reviewer');
    expect(text).toContain('OPINION: beperkte tijdsdruk is verantwoord.');
    expect(text).toContain('Formele route: Deskundigenoordeel UWV Aangevraagd door werkgever op 20 mei 2026');
    expect(text).toContain('FORMAL-Q: is het aangeboden werk passend?');
    expect(text).toContain('Uitkomst (besloten op 8 juni 2026): FORMAL-OUTCOME: het werk is passend.');
    expect(text).toContain('d240 Omgaan met stress en andere psychische eisen: resterend verschil van inzicht');
  });

  it('prints the sessions held with the outcome and notes per agenda item', () => {
    expect(text).toContain('Gehouden consultaties 28 mei 2026 om 10:01 (video, 45 minuten)');
    expect(text).toContain('d160 Aandacht richten: Overeenstemming bereikt Notities: SESSION-NOTE: 30 minuten per blok.');
    expect(text).toContain('Geëscaleerd naar het geschillentraject');
  });

  it('marks every page confidential, numbers it "n van N" and names the export and its author', () => {
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, index) => {
      expect(page).toContain('MEDISCH VERTROUWELIJK');
      expect(page).toContain('Medisch vertrouwelijk');
      expect(page).toContain(`Pagina ${index + 1} van ${pages.length}`);
      expect(page).toContain('Geëxporteerd op 15 juni 2026 om 12:00 door Victor Visser (verzekeringsarts)');
    });
  });
});

describe('the dossier PDF (English)', () => {
  it('uses the English labels, dates and mark', async () => {
    const bytes = new Uint8Array(await dossierPdf(exportInput({ lang: 'en' })));
    const { text, pages } = await read(bytes);
    for (const expected of [
      'Consultation report occupational physician – insurance physician',
      'Week of sickness at export: 16',
      'First day of sickness: 2 March 2026',
      'd160 Focusing attention',
      'Position of the occupational physician: Anna Bakker',
      'Qualifier: 2 moderate problem (25–49%)',
      'Qualifier: +2 moderate facilitator',
      'Agreed position: Reference 3f9a1c7be04d',
      'Proposed by Anna Bakker on 1 June 2026 at 11:15',
      'Residual disagreement',
      'Dispute route',
      'Peer review: 4 May 2026',
      'UWV expert opinion',
      'Consultations held',
      'Agreement reached',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Standpunt');
    pages.forEach((page, index) => {
      expect(page).toContain('Medical in confidence');
      expect(page).toContain(`Page ${index + 1} of ${pages.length}`);
      expect(page).toContain('Exported on 15 June 2026 at 12:00 by Victor Visser (insurance physician)');
    });
  });
});

describe('a long dossier', () => {
  it('runs over many pages, each with the mark and its number', async () => {
    const input = exportInput();
    const long = (who: string, id: string) => Array.from({ length: 12 }, (_, i) => `${who}-${id} alinea ${i + 1}: ${'belastbaarheid '.repeat(18)}`).join('\n');
    for (const section of templateSections(input.template)) {
      input.content[section.id] = {
        occupational: partContent(long('BA', section.id), gradedScaleOf(section) ? '2' : null),
        insurance: partContent(long('VA', section.id), gradedScaleOf(section) ? '3' : null),
        joint: partContent('', null),
      };
    }
    const pages = (await pdfPages(new Uint8Array(await dossierPdf(input)))).map(flat);
    expect(pages.length).toBeGreaterThan(20);
    pages.forEach((page, index) => {
      expect(page).toContain('Medisch vertrouwelijk');
      expect(page).toContain(`Pagina ${index + 1} van ${pages.length}`);
    });
    // Nothing is lost between pages: the last paragraph of the last section is there.
    expect(pages.join(' ')).toContain('VA-visie-werknemer alinea 12');
  });
});

import { describe, expect, it } from 'vitest';
import { EMPLOYER_PDF_WORDS, type EmployerSummaryInput, employerSummaryPdf } from '../../server/export/employerPdf.ts';
import { employerSectionLabel } from '../../shared/employer/sectionLabel.ts';
import { templateSections } from '../../shared/template/index.ts';
import { TEMPLATE_V1 } from '../../shared/template/shipped.ts';
import { pdfText } from '../helpers/pdf.ts';

const SECTIONS = [
  { label: 'Tillen en dragen', text: 'Kan tillen tot 10 kg, niet boven schouderhoogte.' },
  { label: 'Werktijden', text: 'Kan 4 uur per dag werken, in blokken van 2 uur.\nOpbouw met 2 uur per week.' },
  { label: 'Prognose', text: 'Verwacht volledige werkhervatting binnen 3 maanden.' },
];

const INPUT: EmployerSummaryInput = {
  lang: 'nl',
  employeePseudonym: 'Werknemer K-4821',
  employer: 'Bouwbedrijf De Vries B.V.',
  releasedAt: '2025-05-12T12:03:00Z',
  releasedBy: 'dr. Łucja Jansen',
  version: 3,
  sections: SECTIONS,
};

/** Text as one line of single spaces: pdf.js breaks wrapped lines where pdfkit wrapped them. */
const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

async function render(input: EmployerSummaryInput): Promise<string> {
  const pdf = await employerSummaryPdf(input);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  return pdfText(new Uint8Array(pdf));
}

describe('employerSummaryPdf', () => {
  it('prints the title, the header fields, each heading and the released words', async () => {
    const text = flat(await render(INPUT));
    expect(text).toContain('Samenvatting voor de werkgever');
    expect(text).toContain('Werknemer: Werknemer K-4821');
    expect(text).toContain('Werkgever: Bouwbedrijf De Vries B.V.');
    expect(text).toContain('Versie: 3');
    expect(text).toContain('Vrijgegeven: 12 mei 2025 om 14:03');
    expect(text).toContain('Bedrijfsarts: dr. Łucja Jansen');
    for (const section of SECTIONS) {
      expect(text).toContain(section.label);
      expect(text).toContain(flat(section.text));
    }
  });

  it('holds exactly the given words and the fixed frame, nothing else', async () => {
    let rest = flat(await render(INPUT));
    const words = EMPLOYER_PDF_WORDS.nl;
    const given = [
      ...SECTIONS.flatMap((s) => [s.label, flat(s.text)]),
      `${words.employee}: ${INPUT.employeePseudonym}`,
      `${words.employer}: ${INPUT.employer}`,
      `${words.version}: ${INPUT.version}`,
      `${words.releasedBy}: ${INPUT.releasedBy}`,
      `${words.released}: 12 mei 2025 om 14:03`,
      words.title,
      words.page(1, 1),
    ];
    for (const piece of given) {
      expect(rest).toContain(piece);
      rest = rest.replace(piece, ' ');
    }
    expect(rest.trim()).toBe('');
  });

  it('speaks English with lang en', async () => {
    const text = flat(await render({ ...INPUT, lang: 'en', sections: [{ label: 'Working hours', text: 'Can work 4 hours a day.' }] }));
    expect(text).toContain('Summary for the employer');
    expect(text).toContain('Employee: Werknemer K-4821');
    expect(text).toContain('Released: 12 May 2025');
    expect(text).toContain('Occupational physician: dr. Łucja Jansen');
    expect(text).toContain('Working hours Can work 4 hours a day.');
    expect(text).toContain('Page 1 of 1');
    expect(text).not.toMatch(/Pagina|Werkgever|Samenvatting/);
  });

  it('numbers every page of a long summary', async () => {
    const long = Array.from({ length: 12 }, (_, i) => ({ label: `Onderdeel ${i + 1}`, text: 'Kan werken in een rustige ruimte. '.repeat(30) }));
    const pages = (await render({ ...INPUT, sections: long })).split('\n').filter((line) => /^Pagina \d+ van \d+$/.test(line.trim()));
    const total = pages.length;
    expect(total).toBeGreaterThan(1);
    expect(pages.map((line) => line.trim())).toEqual(Array.from({ length: total }, (_, i) => `Pagina ${i + 1} van ${total}`));
  });

  it('prints a heading whose text is empty without inventing words for it', async () => {
    const text = flat(await render({ ...INPUT, sections: [{ label: 'Visie werknemer', text: '  ' }] }));
    expect(text).toContain('Bedrijfsarts: dr. Łucja Jansen Visie werknemer Pagina 1 van 1');
  });

  it('refuses a release moment that is not a date', () => {
    expect(() => employerSummaryPdf({ ...INPUT, releasedAt: 'gisteren' })).toThrow(RangeError);
  });
});

describe('employerSectionLabel', () => {
  const sections = templateSections(TEMPLATE_V1);

  it("gives every template section's label in the language asked, without its ICF code", () => {
    for (const section of sections) {
      for (const lang of ['nl', 'en'] as const) {
        const label = employerSectionLabel(section, lang);
        expect(label).toBe(section.label[lang]);
        if (section.icf) expect(label).not.toContain(section.icf);
        expect(label).not.toMatch(/\b[bdes]\d{3,5}\b/i);
      }
    }
  });

  it('strips a code a label might start with', () => {
    expect(employerSectionLabel({ label: { nl: 'd240 Omgaan met stress', en: 'd240: Handling stress' } }, 'nl')).toBe('Omgaan met stress');
    expect(employerSectionLabel({ label: { nl: 'd240 Omgaan met stress', en: 'd240: Handling stress' } }, 'en')).toBe('Handling stress');
    expect(employerSectionLabel({ label: { nl: 'D4751 – Autorijden', en: 'x' } }, 'nl')).toBe('Autorijden');
  });

  it('keeps a label that only looks like it starts with a code', () => {
    expect(employerSectionLabel({ label: { nl: 'Dagelijkse routine', en: 'Daily routine' } }, 'nl')).toBe('Dagelijkse routine');
    expect(employerSectionLabel({ label: { nl: 'd24 uur', en: 'x' } }, 'nl')).toBe('d24 uur');
  });
});

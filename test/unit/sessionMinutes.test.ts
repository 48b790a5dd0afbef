import { describe, expect, it } from 'vitest';
import { sessionMinutesPdf } from '../../server/sessions/sessionMinutes.ts';
import { AGREEMENT_HASH, exportInput } from '../helpers/exportFixture.ts';
import { pdfPages } from '../helpers/pdfPages.ts';

const flat = (text: string) => text.replace(/\s+/g, ' ');

async function minutes(options: Parameters<typeof sessionMinutesPdf>[4]): Promise<string[]> {
  const input = exportInput();
  const pdf = await sessionMinutesPdf(input.workflow.sessions[0]!, input.case, input.template, input.members, options);
  return (await pdfPages(new Uint8Array(pdf))).map(flat);
}

describe('the minutes PDF', () => {
  it('keeps its content (sections, outcomes, notes, physicians, date) in the frame of the dossier, in Dutch by default', async () => {
    const pages = await minutes({ exportedAt: '2026-06-15T10:00:00Z', exportedBy: { name: 'Anna Bakker', role: 'ba' } });
    const text = pages.join(' ');
    for (const expected of [
      'Verslag consultatie bedrijfsarts – verzekeringsarts',
      'Werknemer: WN-2026-0147',
      'Werkgever: Bouwbedrijf Şişli & Łódź',
      // 28 May is day 88 since 2 March: week 13.
      'Ziekteweek: 13',
      'Bedrijfsarts: Anna Bakker',
      'Verzekeringsarts: Victor Visser',
      '28 mei 2026 om 10:01 (video, 45 minuten)',
      'Afgesloten door Victor Visser op 28 mei 2026 om 10:44',
      'd160 Aandacht richten: Overeenstemming bereikt',
      'Notities: SESSION-NOTE: 30 minuten per blok.',
      'd240 Omgaan met stress en andere psychische eisen: Geëscaleerd naar het geschillentraject',
    ]) {
      expect(text).toContain(expected);
    }
    // Without the section states, no agreed position.
    expect(text).not.toContain('Gezamenlijk standpunt');
    pages.forEach((page, index) => {
      expect(page).toContain('Medisch vertrouwelijk');
      expect(page).toContain(`Pagina ${index + 1} van ${pages.length}`);
      expect(page).toContain('Geëxporteerd op 15 juni 2026 om 12:00 door Anna Bakker (bedrijfsarts)');
    });
  });

  it("prints the agreed position and qualifier under an agreed section's item when given the section states", async () => {
    const text = (await minutes({ sections: exportInput().workflow.sections })).join(' ');
    expect(text).toContain(`Gezamenlijk standpunt: Kenmerk ${AGREEMENT_HASH.slice(0, 12)}`);
    expect(text).toContain('JOINT-d160: concentratie 30 minuten per blok, met pauzes. Kwalificatie: 2 matig probleem (25–49%)');
    expect(text).toContain('Ondertekend door Victor Visser op 2 juni 2026 om 15:45');
    // d240 is resolved, not agreed: nothing signed to print.
    expect(text.match(/Gezamenlijk standpunt/g)).toHaveLength(1);
    // Without an exporter, the footer still gives the time.
    expect(text).toMatch(/Geëxporteerd op \d{1,2} \S+ \d{4} om \d{2}:\d{2}/);
  });

  it('speaks English with lang en', async () => {
    const pages = await minutes({ lang: 'en', sections: exportInput().workflow.sections, exportedAt: '2026-06-15T10:00:00Z' });
    const text = pages.join(' ');
    for (const expected of [
      'Minutes of the consultation',
      'Week of sickness: 13',
      '28 May 2026 at 10:01 (video, 45 minutes)',
      'Agreement reached',
      'Agreed position',
    ]) {
      expect(text).toContain(expected);
    }
    pages.forEach((page, index) => {
      expect(page).toContain('Medical in confidence');
      expect(page).toContain(`Page ${index + 1} of ${pages.length}`);
    });
  });
});

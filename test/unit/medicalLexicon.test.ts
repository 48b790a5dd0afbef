import { describe, expect, it } from 'vitest';
import { MEDICAL_LEXICON_SIZE, findMedicalTerms, parseEntry } from '../../shared/employer/medicalLexicon.ts';
import { MEDICAL_LEXICON } from '../../shared/employer/medicalLexiconData.ts';
import { MAX_SECTION_TEXT_CHARS } from '../../shared/limits.ts';
import { templateSections } from '../../shared/template/index.ts';
import { TEMPLATE_V1 } from '../../shared/template/shipped.ts';

const terms = (text: string) => findMedicalTerms(text).map((match) => match.term);

describe('findMedicalTerms finds', () => {
  it.each([
    'depressie',
    'burn-out',
    'burnout',
    'burn out',
    'overspannenheid',
    'hernia',
    'kanker',
    'borstkanker',
    'diabetes',
    'angststoornis',
    'PTSS',
    'ADHD',
    'reuma',
    'knieartrose',
    'MS',
    'epilepsie',
    'migraine',
    'hartinfarct',
    'beroerte',
    'CVA',
    'long covid',
    'whiplash',
    'fibromyalgie',
    'RSI',
    'KANS',
    'borderline',
    'schizofrenie',
    'psychose',
    'bipolaire stoornis',
    'hoofdpijn',
    'rugpijn',
    'vermoeidheid',
    'slapeloosheid',
    'duizeligheid',
    'paniekaanvallen',
    'sertraline',
    'oxazepam',
    'ibuprofen',
    'paracetamol',
    'diclofenac',
    'citalopram',
    'methylfenidaat',
    'Ritalin',
    'tramadol',
    'metformine',
    'insuline',
    'prednison',
    'chemotherapie',
    'fysiotherapie',
    'psychotherapie',
    'EMDR',
    'GGZ',
    'psychiater',
    'psycholoog',
    'ziekenhuisopname',
    'bestraling',
    'depression',
    'cancer',
    'herniated disc',
    'anxiety disorder',
    'stroke',
    'F32',
    'F32.1',
    'M51.2',
    'Z73.0',
    'd240',
    'e250',
    'b130',
    'd4751',
  ])('%s', (word) => {
    expect(terms(word)).toEqual([word]);
  });

  it('terms in Dutch sentences, as written and where they stand', () => {
    const text = 'Werknemer heeft een Depressie en gebruikt sertraline; daarnaast rugpijn na de hernia-operatie.';
    expect(findMedicalTerms(text)).toEqual([
      { term: 'Depressie', index: text.indexOf('Depressie'), category: 'diagnosis' },
      { term: 'sertraline', index: text.indexOf('sertraline'), category: 'medication' },
      { term: 'rugpijn', index: text.indexOf('rugpijn'), category: 'symptom' },
      { term: 'hernia-operatie', index: text.indexOf('hernia-operatie'), category: 'diagnosis' },
    ]);
  });

  it('inflections and compounds of stems', () => {
    expect(terms('Zij is depressief, met depressieve klachten, en neemt antidepressiva.')).toEqual(['depressief', 'depressieve klachten', 'antidepressiva']);
    expect(terms('Nekpijn en buikpijnen; ontstoken pees (peesontsteking).')).toEqual(['Nekpijn', 'buikpijnen', 'peesontsteking']);
  });

  it('each occurrence once, the longest reading where terms overlap', () => {
    expect(terms('Long covid na covid-19; opnieuw long-covid.')).toEqual(['Long covid', 'covid-19', 'long-covid']);
    expect(terms('kanker, kanker en KANKER')).toEqual(['kanker', 'kanker', 'KANKER']);
  });

  it('without regard to case or diacritics, giving back the text as written', () => {
    expect(terms('Verwezen naar de DIËTIST en de diëtist; suïcidale gedachten; Ménière')).toEqual(['DIËTIST', 'diëtist', 'suïcidale', 'Ménière']);
    const decomposed = 'Verwezen naar de die\u0308tist.';
    expect(findMedicalTerms(decomposed)).toEqual([{ term: 'die\u0308tist', index: decomposed.indexOf('die'), category: 'care' }]);
    expect(terms('pijn\u00ADstillers')).toEqual(['pijn\u00ADstillers']);
  });

  it('codes with their subcodes and qualifiers', () => {
    expect(findMedicalTerms('Diagnose F32.1, ICF d240.3 en M51.26.').map((m) => [m.term, m.category])).toEqual([
      ['Diagnose', 'diagnosis'],
      ['F32.1', 'code'],
      ['d240.3', 'code'],
      ['M51.26', 'code'],
    ]);
  });

  it('English sentences', () => {
    expect(terms('She has breast cancer and takes ibuprofen for back pain; seen by a psychologist.')).toEqual([
      'cancer',
      'ibuprofen',
      'back pain',
      'psychologist',
    ]);
  });
});

describe('findMedicalTerms leaves alone what an employer may read', () => {
  it.each([
    'Kan 4 uur per dag werken, in blokken van 2 uur, zonder tillen boven 10 kg.',
    'Verwacht herstel binnen 3 maanden.',
    'Evaluatie in week 42.',
    'Print het plan van aanpak op A4.',
    'Afspraak met Hermien van HR.',
    'Hij zit te kankeren op de planning.',
    'Belastbaarheid: kan zittend werken, afwisselen met staan en lopen elk half uur.',
    'Geen nachtdiensten; werktijden tussen 8 en 17 uur.',
    'Beperkingen in omgaan met stress en andere psychische eisen: werkdruk beperken, duidelijke deadlines.',
    'Psychosociale belasting beperken; overbelasting voorkomen.',
    'Prognose: gunstig. Opbouw tijdcontingent, 2 uur per week erbij.',
    'Start op arbeidstherapeutische basis; arbeidstherapie in de eerste twee weken.',
    'Als het goed gaat is er een kans op volledige hervatting.',
    'Overleg met de bedrijfsarts en de verzekeringsarts over re-integratie in het tweede spoor.',
    'Reistijd via de A12 is 40 minuten; afslag N34 richting kantoor.',
    'Werkoverleg in MS Teams, stukken in MS Word.',
    'Laptop met lithium-ion accu, beeldscherm op ooghoogte, verstelbaar bureau.',
    'Mediation met de leidinggevende; daarna een gesprek met HR over verlof en uren.',
    'Klachten over de werkplek bespreken; de ziekmelding loopt sinds 1 maart.',
    'Kan zich 1 uur achtereen concentreren; daarna een korte pauze.',
    'Werk in de zorg, behandeling van klanten aan de balie, geen ploegendienst.',
    'Zorg voor een rustige werkplek met weinig geluid en goed licht (Klimaat, Licht, Geluid).',
    'Can work 4 hours a day, no lifting above 10 kg, expected to recover within 3 months.',
    'A stroke of luck: the hospitality sector needs staff; business operations continue.',
    'Bouwbedrijf De Vries B.V., werknemer K-4821, versie 3, dossier 2025-117.',
  ])('%s', (sentence) => {
    expect(findMedicalTerms(sentence)).toEqual([]);
  });
});

describe('findMedicalTerms on what the employer sees anyway', () => {
  it('finds nothing in the section headings of the template', () => {
    const template = TEMPLATE_V1;
    const labels = [...(template?.groups ?? []).map((group) => group.label), ...templateSections(template ?? { version: 0, groups: [] }).map((s) => s.label)];
    expect(labels.length).toBeGreaterThan(20);
    for (const label of labels) for (const text of [label.nl, label.en]) expect(findMedicalTerms(text), text).toEqual([]);
  });

  it('reads a section of the largest size in well under a second, without backtracking blow-ups', () => {
    const sentence = 'Kan 4 uur per dag werken, zonder tillen boven 10 kg; rugpijn-klachten na hernia. ';
    const texts = [sentence.repeat(MAX_SECTION_TEXT_CHARS / sentence.length), 'a'.repeat(MAX_SECTION_TEXT_CHARS), 'pijn-'.repeat(MAX_SECTION_TEXT_CHARS / 5)];
    for (const text of texts) {
      const started = performance.now();
      findMedicalTerms(text);
      expect(performance.now() - started).toBeLessThan(2000);
    }
  });
});

describe('the lexicon', () => {
  const entries = Object.values(MEDICAL_LEXICON).flat();

  it('is well over 400 entries, and MEDICAL_LEXICON_SIZE counts them', () => {
    expect(MEDICAL_LEXICON_SIZE).toBe(entries.length);
    expect(MEDICAL_LEXICON_SIZE).toBeGreaterThan(400);
  });

  it('holds each entry once, across categories too', () => {
    const folded = entries.map((entry) => `${parseEntry(entry).caseSensitive}:${entry.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()}`);
    expect(folded.filter((entry, index) => folded.indexOf(entry) !== index)).toEqual([]);
  });

  it('finds every entry as a whole, written as the entry writes it', () => {
    for (const entry of entries) {
      const word = entry.replace(/^=/, '').replace(/^\*|\*$/g, '');
      expect(terms(`Zie ${word}.`), entry).toEqual([word]);
    }
  });
});

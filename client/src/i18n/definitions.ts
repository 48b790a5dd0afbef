/**
 * Interface strings of a section's definition panel and the overview's
 * definitions (the words both physicians read), Dutch first; merged into
 * nl.ts and en.ts under `definition`.
 */
const nl = {
  open: 'Definitie',
  of: 'van {{section}}',
  title: 'Wat dit onderdeel omvat',
  icf: 'ICF-code {{code}}',
  noIcf: 'Geen ICF-code',
  scale: 'Kwalificatie',
  scaleIcfD: 'ICF-beoordelingsschaal voor activiteiten en participatie (mate van probleem)',
  scaleIcfE: 'ICF-schaal voor externe factoren: barrières en faciliterende factoren',
  scaleNone: 'Geen kwalificatie: alleen tekst',
  fml: 'FML-items',
  noFml: 'Geen FML-items',
  close: 'Sluiten',
  showInOverview: 'Definities tonen',
};

const en: Record<keyof typeof nl, string> = {
  open: 'Definition',
  of: 'of {{section}}',
  title: 'What this item covers',
  icf: 'ICF code {{code}}',
  noIcf: 'No ICF code',
  scale: 'Qualifier',
  scaleIcfD: 'ICF rating scale for activities and participation (extent of problem)',
  scaleIcfE: 'ICF scale for environmental factors: barriers and facilitators',
  scaleNone: 'No qualifier: text only',
  fml: 'FML items',
  noFml: 'No FML items',
  close: 'Close',
  showInOverview: 'Show definitions',
};

export const definitionMessages = { nl, en };

/**
 * Interface strings of "niet beoordeeld" (a section a physician did not
 * assess, shared/notAssessed.ts), Dutch first; merged into nl.ts and en.ts
 * under `notAssessed`. Every Dutch string needs its English counterpart.
 */
const nl = {
  toggle: 'Niet beoordeeld',
  reasonLabel: 'Reden (optioneel)',
  reasonPlaceholder: 'bijv. niet relevant voor dit werk',
  marked: 'Niet beoordeeld',
  markedWithReason: 'Niet beoordeeld — {{reason}}',
  notYetWritten: 'nog niet ingevuld',
  matrixCell: 'niet beoordeeld',
  oneSideNotAssessed: '{{role}} beoordeelde niet, de ander wel',
  bothNotAssessed: 'door beiden niet beoordeeld',
};

const en: Record<keyof typeof nl, string> = {
  toggle: 'Not assessed',
  reasonLabel: 'Reason (optional)',
  reasonPlaceholder: 'e.g. not relevant to this work',
  marked: 'Not assessed',
  markedWithReason: 'Not assessed — {{reason}}',
  notYetWritten: 'not yet written',
  matrixCell: 'not assessed',
  oneSideNotAssessed: '{{role}} did not assess, the other did',
  bothNotAssessed: 'not assessed by either',
};

export const notAssessedMessages = { nl, en };

/**
 * Interface strings of the Poortwachter timeline, the consultation proposal
 * near a milestone and the doubt at the actueel oordeel; merged into nl.ts
 * and en.ts under `poortwachter`. Every Dutch string needs its English counterpart.
 */
const nl = {
  timeline: {
    label: 'Tijdlijn Wet verbetering poortwachter, {{week}}',
    week: 'week {{week}} van verzuim',
    notYetSick: 'verzuim nog niet begonnen',
    next: 'Volgende mijlpaal: {{milestone}} ({{weeks}}, {{date}})',
    now: 'wk {{week}}',
    allPast: 'alle mijlpalen verstreken',
    weeks: 'week {{week}}',
    weekRange: 'week {{from}}–{{to}}',
    entry: '{{label}}, {{weeks}}, {{date}}: {{status}}',
    status: {
      past: 'verstreken',
      current: 'nu',
      next: 'volgende',
      later: 'later',
    },
  },
  proposal: {
    heading: 'Consult plannen vóór een mijlpaal',
    text: 'Mijlpaal {{weeks}} — {{milestone}} {{when}}. Plan een consult met de {{other}}?',
    inDays_one: 'over {{count}} dag',
    inDays_other: 'over {{count}} dagen',
    today: 'vandaag',
    agenda_one: 'Op de agenda: {{count}} open meningsverschil.',
    agenda_other: 'Op de agenda: {{count}} open meningsverschillen.',
    agendaNone: 'Er zijn geen open meningsverschillen; kies zelf de agenda.',
    plan: 'Consult plannen',
    dismiss: 'Niet voor deze mijlpaal',
  },
  riv: {
    heading: 'Actueel oordeel voor het re-integratieverslag',
    window:
      'Vanaf week {{week}} geeft de bedrijfsarts in het re-integratieverslag een actueel oordeel. Twijfelt u aan de belastbaarheid, leg dat dan vast: er is dan eerst een consultatie met de verzekeringsarts nodig.',
    noDoubt: 'Geen twijfel vastgelegd: het dossier is gereed voor het re-integratieverslag.',
    doubt: 'Twijfel bij het actueel oordeel vastgelegd door {{name}} op {{at}}.',
    required: 'Consultatie met de VA vereist vóór het re-integratieverslag',
    held: 'Consultatie gehouden op {{at}}',
    reason: 'Toelichting',
    record: 'Twijfel vastleggen',
    withdraw: 'Twijfel intrekken',
    dialogTitle: 'Twijfel bij het actueel oordeel',
    dialogHint: 'Zolang de twijfel staat, is het dossier pas gereed voor het re-integratieverslag na een afgeronde consultatie met de verzekeringsarts.',
    reasonLabel: 'Toelichting (optioneel, medisch vertrouwelijk)',
    submit: 'Vastleggen',
  },
  errors: {
    recordRivDoubt: {
      'only-ba': 'Alleen de bedrijfsarts van dit dossier kan twijfel bij het actueel oordeel vastleggen.',
      'before-window': 'Twijfel bij het actueel oordeel kan pas worden vastgelegd vanaf het begin van het re-integratieverslag (week 87).',
      'already-recorded': 'Er is al twijfel vastgelegd.',
      reason: 'De toelichting is te lang.',
    },
    withdrawRivDoubt: {
      'only-ba': 'Alleen de bedrijfsarts van dit dossier kan de twijfel intrekken.',
      none: 'Er is geen twijfel vastgelegd.',
    },
  },
};

const en: typeof nl = {
  timeline: {
    label: 'Gatekeeper Improvement Act timeline, {{week}}',
    week: 'week {{week}} of sickness',
    notYetSick: 'sickness not yet begun',
    next: 'Next milestone: {{milestone}} ({{weeks}}, {{date}})',
    now: 'wk {{week}}',
    allPast: 'all milestones passed',
    weeks: 'week {{week}}',
    weekRange: 'weeks {{from}}–{{to}}',
    entry: '{{label}}, {{weeks}}, {{date}}: {{status}}',
    status: {
      past: 'passed',
      current: 'now',
      next: 'next',
      later: 'later',
    },
  },
  proposal: {
    heading: 'Plan a consultation before a milestone',
    text: 'Milestone {{weeks}} — {{milestone}} {{when}}. Plan a consultation with the {{other}}?',
    inDays_one: 'in {{count}} day',
    inDays_other: 'in {{count}} days',
    today: 'today',
    agenda_one: 'On the agenda: {{count}} open disagreement.',
    agenda_other: 'On the agenda: {{count}} open disagreements.',
    agendaNone: 'There are no open disagreements; choose the agenda yourself.',
    plan: 'Plan a consultation',
    dismiss: 'Not for this milestone',
  },
  riv: {
    heading: 'Current assessment for the reintegration report',
    window:
      'From week {{week}} the occupational physician gives a current assessment in the reintegration report. If you doubt the work capacity, record it: a consultation with the insurance physician is then needed first.',
    noDoubt: 'No doubt recorded: the case is ready for the reintegration report.',
    doubt: 'Doubt about the current assessment recorded by {{name}} on {{at}}.',
    required: 'Consultation with the IP required before the reintegration report',
    held: 'Consultation held on {{at}}',
    reason: 'Reason',
    record: 'Record doubt',
    withdraw: 'Withdraw the doubt',
    dialogTitle: 'Doubt about the current assessment',
    dialogHint: 'While the doubt stands, the case is ready for the reintegration report only after a concluded consultation with the insurance physician.',
    reasonLabel: 'Reason (optional, medically confidential)',
    submit: 'Record',
  },
  errors: {
    recordRivDoubt: {
      'only-ba': "Only the case's occupational physician can record doubt about the current assessment.",
      'before-window': 'Doubt about the current assessment can be recorded from the start of the reintegration report (week 87).',
      'already-recorded': 'Doubt has already been recorded.',
      reason: 'The reason is too long.',
    },
    withdrawRivDoubt: {
      'only-ba': "Only the case's occupational physician can withdraw the doubt.",
      none: 'No doubt has been recorded.',
    },
  },
};

export const poortwachterMessages = { nl, en };

/**
 * Interface strings of the answers to a planned session (accept, decline with
 * another time) and its video link, Dutch first; merged into nl.ts and en.ts
 * under `sessionAnswers`. Every Dutch string needs its English counterpart.
 */
const nl = {
  answer: 'Antwoord',
  none: 'nog geen antwoord',
  accepted: 'geaccepteerd door {{who}}',
  declined: 'afgewezen door {{who}}',
  declinedProposed: 'afgewezen — voorgesteld: {{at}}',
  reason: 'Reden van afwijzen',
  videoLink: 'Videolink',
  actions: {
    accept: 'Accepteren',
    decline: 'Afwijzen',
    toProposed: 'Verplaatsen naar het voorgestelde tijdstip ({{at}})',
  },
  decline: {
    title: 'Sessie afwijzen',
    hint: 'Stel eventueel een ander tijdstip voor; de collega die de sessie plande, kan haar daarheen verplaatsen.',
    date: 'Voorgestelde datum (optioneel)',
    time: 'Voorgestelde begintijd (optioneel)',
    reason: 'Korte reden (optioneel, geen medische gegevens)',
    submit: 'Afwijzen',
  },
  form: {
    videoUrl: 'Videolink (optioneel, begint met https://)',
  },
  errors: {
    acceptSession: {
      state: 'Alleen een geplande sessie kan worden geaccepteerd.',
      'only-invitee': 'Alleen de arts die de sessie niet plande, accepteert of wijst haar af.',
      'already-accepted': 'U hebt deze sessie al geaccepteerd.',
    },
    declineSession: {
      state: 'Alleen een geplande sessie kan worden afgewezen.',
      'only-invitee': 'Alleen de arts die de sessie niet plande, accepteert of wijst haar af.',
      'proposed-in-past': 'Het voorgestelde tijdstip ligt in het verleden. Kies een later tijdstip.',
      'proposed-same': 'Het voorgestelde tijdstip is het tijdstip waarop de sessie al gepland staat.',
    },
  },
};

const en: typeof nl = {
  answer: 'Answer',
  none: 'no answer yet',
  accepted: 'accepted by {{who}}',
  declined: 'declined by {{who}}',
  declinedProposed: 'declined — proposed: {{at}}',
  reason: 'Reason for declining',
  videoLink: 'Video link',
  actions: {
    accept: 'Accept',
    decline: 'Decline',
    toProposed: 'Move to the proposed time ({{at}})',
  },
  decline: {
    title: 'Decline the session',
    hint: 'You may propose another time; the colleague who planned the session can move it there.',
    date: 'Proposed date (optional)',
    time: 'Proposed start time (optional)',
    reason: 'Short reason (optional, no medical details)',
    submit: 'Decline',
  },
  form: {
    videoUrl: 'Video link (optional, starts with https://)',
  },
  errors: {
    acceptSession: {
      state: 'Only a scheduled session can be accepted.',
      'only-invitee': 'Only the physician who did not plan the session accepts or declines it.',
      'already-accepted': 'You have already accepted this session.',
    },
    declineSession: {
      state: 'Only a scheduled session can be declined.',
      'only-invitee': 'Only the physician who did not plan the session accepts or declines it.',
      'proposed-in-past': 'The proposed time is in the past. Choose a later time.',
      'proposed-same': 'The proposed time is the time the session is already planned for.',
    },
  },
};

export const sessionAnswersMessages = { nl, en };

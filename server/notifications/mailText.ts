import type { NotificationKind, NotificationLanguage } from '../../shared/notifications.ts';

/**
 * The words of a notification e-mail. An e-mail leaves the workspace, so it
 * says only that there is something to do, the kind of action and how many,
 * with a link: never a case's title, employee, employer or any text of the
 * case (docs/security.md#notification-e-mail).
 */
const KIND_LABELS: Record<NotificationLanguage, Record<NotificationKind, string>> = {
  nl: {
    'disagreement.flagged': 'Verschil van inzicht gemarkeerd',
    'agreement.proposed': 'Gezamenlijke tekst voorgesteld',
    'agreement.signed': 'Gezamenlijke tekst ondertekend',
    'agreement.reopened': 'Overeenstemming heropend',
    'dispute.opened': 'Geschil geopend',
    'dispute.reviewer_invited': 'Uitgenodigd als beoordelaar',
    'dispute.opinion_recorded': 'Oordeel van de beoordelaar vastgelegd',
    'dispute.formal_route_recorded': 'Formele route vastgelegd',
    'dispute.formal_route_outcome_recorded': 'Uitkomst van de formele route vastgelegd',
    'dispute.closed': 'Geschil gesloten',
    'session.scheduled': 'Overleg gepland',
    'session.rescheduled': 'Overleg verplaatst',
    'session.cancelled': 'Overleg geannuleerd',
    'session.accepted': 'Overleg geaccepteerd',
    'session.declined': 'Overleg afgewezen',
    'riv.doubt_recorded': 'Twijfel bij het actueel oordeel: consultatie vereist',
    'labour_expert.invited': 'Arbeidsdeskundige uitgenodigd',
    'labour_expert.objected': 'Bezwaar tegen de arbeidsdeskundige',
    'case.closed': 'Casus gesloten',
    'comment.created': 'Opmerking geplaatst',
    'comment.replied': 'Reactie op een opmerking',
  },
  en: {
    'disagreement.flagged': 'Disagreement flagged',
    'agreement.proposed': 'Joint text proposed',
    'agreement.signed': 'Joint text signed',
    'agreement.reopened': 'Agreement reopened',
    'dispute.opened': 'Dispute opened',
    'dispute.reviewer_invited': 'Invited as reviewer',
    'dispute.opinion_recorded': "Reviewer's opinion recorded",
    'dispute.formal_route_recorded': 'Formal route recorded',
    'dispute.formal_route_outcome_recorded': 'Outcome of the formal route recorded',
    'dispute.closed': 'Dispute closed',
    'session.scheduled': 'Consultation scheduled',
    'session.rescheduled': 'Consultation rescheduled',
    'session.cancelled': 'Consultation cancelled',
    'session.accepted': 'Consultation accepted',
    'session.declined': 'Consultation declined',
    'riv.doubt_recorded': 'Doubt about the current assessment: consultation required',
    'labour_expert.invited': 'Labour expert invited',
    'labour_expert.objected': 'Objection to the labour expert',
    'case.closed': 'Case closed',
    'comment.created': 'Comment added',
    'comment.replied': 'Reply to a comment',
  },
};

const WORDS = {
  nl: {
    immediateSubject: (label: string) => `Consultatiewerkplek: ${label}`,
    digestSubject: (count: number) => `Consultatiewerkplek: ${count} ${count === 1 ? 'nieuwe melding' : 'nieuwe meldingen'}`,
    intro: 'Er is iets voor u te doen in de consultatiewerkplek:',
    open: 'Open de werkplek om het te bekijken:',
    footer:
      'Dit bericht bevat bewust geen gegevens over de casus. U ontvangt het omdat u e-mailmeldingen hebt aangezet; u zet ze uit bij de instellingen van uw meldingen.',
  },
  en: {
    immediateSubject: (label: string) => `Consultation workspace: ${label}`,
    digestSubject: (count: number) => `Consultation workspace: ${count} new ${count === 1 ? 'notification' : 'notifications'}`,
    intro: 'There is something for you to do in the consultation workspace:',
    open: 'Open the workspace to see it:',
    footer:
      'This message deliberately holds no details of the case. You receive it because you turned on e-mail notifications; turn them off in your notification settings.',
  },
} as const;

export interface MailText {
  subject: string;
  text: string;
}

export function kindLabel(kind: NotificationKind, language: NotificationLanguage): string {
  return KIND_LABELS[language][kind];
}

/** The e-mail of one notification, sent as it happens. */
export function immediateMail(kind: NotificationKind, language: NotificationLanguage, link: string): MailText {
  const label = kindLabel(kind, language);
  return { subject: WORDS[language].immediateSubject(label), text: body(language, [`- ${label} (1)`], link) };
}

/** The daily digest: how many of each kind wait. */
export function digestMail(kinds: Partial<Record<NotificationKind, number>>, language: NotificationLanguage, link: string): MailText {
  const entries = Object.entries(kinds) as [NotificationKind, number][];
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  const lines = entries.sort(([a], [b]) => a.localeCompare(b)).map(([kind, n]) => `- ${kindLabel(kind, language)} (${n})`);
  return { subject: WORDS[language].digestSubject(total), text: body(language, lines, link) };
}

function body(language: NotificationLanguage, lines: string[], link: string): string {
  const words = WORDS[language];
  return [words.intro, '', ...lines, '', words.open, link, '', '--', words.footer, ''].join('\n');
}

/**
 * Interface strings of the notifications feature (the inbox across cases, the
 * toasts, the e-mail setting), Dutch first; merged into nl.ts and en.ts under
 * `notifications`. Every Dutch string needs its English counterpart.
 */
const nl = {
  button: 'Meldingen',
  buttonUnread_one: 'Meldingen, {{count}} ongelezen',
  buttonUnread_other: 'Meldingen, {{count}} ongelezen',
  caseUnread_one: '{{count}} ongelezen melding',
  caseUnread_other: '{{count}} ongelezen meldingen',
  heading: 'Meldingen',
  intro: 'Wat de andere artsen deden in uw dossiers, nieuwste eerst.',
  summaryUnread_one: '{{count}} ongelezen melding',
  summaryUnread_other: '{{count}} ongelezen meldingen',
  summaryAllRead: 'Alle meldingen zijn gelezen.',
  none: 'Er zijn nog geen meldingen.',
  failed: 'De meldingen konden niet worden geladen.',
  unreadMark: 'Ongelezen',
  /** By kind: "Anna Bakker (bedrijfsarts) markeerde onenigheid", then `inSection` when it names one. */
  kind: {
    disagreement: {
      flagged: '{{actor}} markeerde onenigheid',
    },
    agreement: {
      proposed: '{{actor}} stelde een gezamenlijk standpunt voor',
      signed: '{{actor}} ondertekende het gezamenlijk standpunt',
      reopened: '{{actor}} heropende het gezamenlijk standpunt',
    },
    dispute: {
      opened: '{{actor}} opende een geschil',
      reviewer_invited: '{{actor}} nodigde een reviewer uit voor een geschil',
      opinion_recorded: '{{actor}} legde een advies vast in een geschil',
      formal_route_recorded: '{{actor}} legde een formele route vast in een geschil',
      formal_route_outcome_recorded: '{{actor}} legde de uitkomst van een formele route vast',
      closed: '{{actor}} sloot een geschil af',
    },
    session: {
      scheduled: '{{actor}} plande een consultatiesessie',
      rescheduled: '{{actor}} verplaatste een consultatiesessie',
      cancelled: '{{actor}} annuleerde een consultatiesessie',
      accepted: '{{actor}} accepteerde een consultatiesessie',
      declined: '{{actor}} wees een consultatiesessie af',
    },
    riv: {
      doubt_recorded: '{{actor}} legde twijfel bij het actueel oordeel vast: consultatie vereist',
    },
    labour_expert: {
      invited: '{{actor}} nodigde een arbeidsdeskundige uit',
      objected: '{{actor}} maakte bezwaar tegen de arbeidsdeskundige',
    },
    case: {
      closed: '{{actor}} sloot de casus',
    },
    comment: {
      created: '{{actor}} plaatste een opmerking',
      replied: '{{actor}} reageerde op een opmerking',
    },
  },
  inSection: 'bij {{section}}',
  inCase: 'Casus {{title}} ({{pseudonym}})',
  unknownCase: 'een dossier',
  actions: {
    open: 'Naar het dossier',
    openSection: 'Naar {{section}}',
    markRead: 'Markeer als gelezen',
    markCaseRead: 'Alles van dit dossier gelezen',
    markAllRead: 'Alles gelezen',
    loadMore: 'Meer laden',
    settings: 'E-mailinstellingen',
  },
  /** The name of an item's read button for assistive technology: which one. */
  markReadLabel: 'Markeer als gelezen: {{what}}',
  markCaseReadLabel: 'Alles van dit dossier gelezen: {{case}}',
  perCase: 'Ongelezen per dossier',
  toast: {
    region: 'Nieuwe meldingen',
    view: 'Bekijken',
    dismiss: 'Sluiten',
  },
  settings: {
    heading: 'E-mail bij meldingen',
    intro: 'Krijg een e-mail wanneer er iets gebeurt in uw dossiers. De e-mail noemt nooit medische inhoud: alleen wie wat deed, en in welk dossier.',
    back: 'Terug naar meldingen',
    unavailable: 'Deze server verstuurt geen e-mail: meldingen verschijnen alleen hier in de werkplek. U kunt uw voorkeur wel alvast opslaan.',
    email: 'E-mailadres',
    emailHint: 'Laat leeg om geen e-mail te ontvangen.',
    mode: 'Wanneer',
    modes: {
      immediate: 'Direct, bij elke melding',
      digest: 'Dagelijks overzicht om {{hour}}',
      never: 'Nooit',
    },
    digestHour: 'Uur van het dagelijks overzicht',
    hour: '{{hour}}:00',
    language: 'Taal van de e-mail',
    save: 'Opslaan',
    saving: 'Bezig met opslaan…',
    saved: 'Uw instellingen zijn opgeslagen.',
    failed: 'De instellingen konden niet worden geladen.',
    invalid: {
      email: 'Dit is geen geldig e-mailadres.',
      emailNeeded: 'Vul een e-mailadres in, of kies "Nooit".',
      mode: 'Kies wanneer u e-mail wilt ontvangen.',
      digestHour: 'Kies een uur van 0 tot en met 23.',
      language: 'Kies Nederlands of Engels.',
    },
  },
};

const en: typeof nl = {
  button: 'Notifications',
  buttonUnread_one: 'Notifications, {{count}} unread',
  buttonUnread_other: 'Notifications, {{count}} unread',
  caseUnread_one: '{{count}} unread notification',
  caseUnread_other: '{{count}} unread notifications',
  heading: 'Notifications',
  intro: 'What the other physicians did in your cases, newest first.',
  summaryUnread_one: '{{count}} unread notification',
  summaryUnread_other: '{{count}} unread notifications',
  summaryAllRead: 'All notifications are read.',
  none: 'There are no notifications yet.',
  failed: 'The notifications could not be loaded.',
  unreadMark: 'Unread',
  kind: {
    disagreement: {
      flagged: '{{actor}} flagged a disagreement',
    },
    agreement: {
      proposed: '{{actor}} proposed a joint position',
      signed: '{{actor}} signed the joint position',
      reopened: '{{actor}} reopened the joint position',
    },
    dispute: {
      opened: '{{actor}} opened a dispute',
      reviewer_invited: '{{actor}} invited a reviewer to a dispute',
      opinion_recorded: '{{actor}} recorded an opinion in a dispute',
      formal_route_recorded: '{{actor}} recorded a formal route in a dispute',
      formal_route_outcome_recorded: '{{actor}} recorded the outcome of a formal route',
      closed: '{{actor}} closed a dispute',
    },
    session: {
      scheduled: '{{actor}} scheduled a consultation session',
      rescheduled: '{{actor}} rescheduled a consultation session',
      cancelled: '{{actor}} cancelled a consultation session',
      accepted: '{{actor}} accepted a consultation session',
      declined: '{{actor}} declined a consultation session',
    },
    riv: {
      doubt_recorded: '{{actor}} recorded doubt about the current assessment: consultation required',
    },
    labour_expert: {
      invited: '{{actor}} invited a labour expert',
      objected: '{{actor}} objected to the labour expert',
    },
    case: {
      closed: '{{actor}} closed the case',
    },
    comment: {
      created: '{{actor}} added a comment',
      replied: '{{actor}} replied to a comment',
    },
  },
  inSection: 'on {{section}}',
  inCase: 'Case {{title}} ({{pseudonym}})',
  unknownCase: 'a case',
  actions: {
    open: 'Open the case',
    openSection: 'Go to {{section}}',
    markRead: 'Mark as read',
    markCaseRead: 'All of this case read',
    markAllRead: 'All read',
    loadMore: 'Load more',
    settings: 'E-mail settings',
  },
  markReadLabel: 'Mark as read: {{what}}',
  markCaseReadLabel: 'All of this case read: {{case}}',
  perCase: 'Unread per case',
  toast: {
    region: 'New notifications',
    view: 'View',
    dismiss: 'Close',
  },
  settings: {
    heading: 'E-mail for notifications',
    intro: 'Get an e-mail when something happens in your cases. The e-mail never names medical content: only who did what, and in which case.',
    back: 'Back to notifications',
    unavailable: 'This server sends no e-mail: notifications appear only here in the workspace. You can still save your preference.',
    email: 'E-mail address',
    emailHint: 'Leave empty to receive no e-mail.',
    mode: 'When',
    modes: {
      immediate: 'Immediately, for each notification',
      digest: 'Daily summary at {{hour}}',
      never: 'Never',
    },
    digestHour: 'Hour of the daily summary',
    hour: '{{hour}}:00',
    language: 'Language of the e-mail',
    save: 'Save',
    saving: 'Saving…',
    saved: 'Your settings are saved.',
    failed: 'The settings could not be loaded.',
    invalid: {
      email: 'This is not a valid e-mail address.',
      emailNeeded: 'Fill in an e-mail address, or choose "Never".',
      mode: 'Choose when you want to receive e-mail.',
      digestHour: 'Choose an hour from 0 to 23.',
      language: 'Choose Dutch or English.',
    },
  },
};

export const notificationsMessages = { nl, en };

/**
 * The words of the exported reports in both interface languages, in one
 * place so the dossier and the minutes say the same thing the same way.
 */

import type { AccessRole } from '../../shared/roles.ts';
import type {
  DisputeOutcome,
  DisputeReason,
  DisputeStage,
  FormalRouteKind,
  FormalRouteRequester,
  ItemOutcome,
  SectionStatus,
  SessionMode,
} from '../../shared/workflow/types.ts';
import type { ExportLanguage } from './exportInput.ts';

export interface ExportLabels {
  confidential: string;
  page: (n: number, total: number) => string;
  exported: (at: string, by: string | null) => string;
  weekAtSession: string;
  dossierTitle: string;
  minutesTitle: string;
  caseTitle: string;
  employee: string;
  employer: string;
  firstSickDay: string;
  weekOfSickness: string;
  templateVersion: string;
  role: Record<AccessRole, string>;
  assessment: string;
  status: Record<SectionStatus, string>;
  position: (physician: string) => string;
  noPosition: string;
  noPositions: string;
  /** A position marked "niet beoordeeld", with the physician's reason when they gave one. */
  notAssessed: (reason: string) => string;
  qualifier: string;
  noQualifier: string;
  agreedPosition: string;
  proposed: (by: string, at: string) => string;
  signed: (by: string, at: string) => string;
  hash: string;
  residual: string;
  residualNote: string;
  disputes: string;
  dispute: (n: number) => string;
  sections: string;
  question: string;
  reason: Record<DisputeReason, string>;
  explanation: string;
  stages: string;
  stage: Record<DisputeStage, string>;
  reviewer: string;
  opinion: string;
  noOpinion: string;
  formalRoute: string;
  formalKind: Record<FormalRouteKind, string>;
  requestedBy: (who: string, on: string) => string;
  requester: Record<FormalRouteRequester, string>;
  outcome: string;
  decidedOn: (on: string) => string;
  noOutcome: string;
  closing: string;
  disputeOutcome: Record<DisputeOutcome, string>;
  sessions: string;
  date: string;
  session: (date: string, mode: string, minutes: number) => string;
  mode: Record<SessionMode, string>;
  itemOutcome: Record<ItemOutcome, string>;
  notDiscussed: string;
  notes: string;
  recordedBy: (by: string) => string;
  concludedBy: (by: string, at: string) => string;
  noSessions: string;
  agenda: string;
}

const NL: ExportLabels = {
  confidential: 'Medisch vertrouwelijk',
  page: (n, total) => `Pagina ${n} van ${total}`,
  exported: (at, by) => (by ? `Geëxporteerd op ${at} door ${by}` : `Geëxporteerd op ${at}`),
  weekAtSession: 'Ziekteweek',
  dossierTitle: 'Consultatieverslag bedrijfsarts – verzekeringsarts',
  minutesTitle: 'Verslag consultatie bedrijfsarts – verzekeringsarts',
  caseTitle: 'Dossier',
  employee: 'Werknemer',
  employer: 'Werkgever',
  firstSickDay: 'Eerste ziektedag',
  weekOfSickness: 'Ziekteweek bij export',
  templateVersion: 'Sjabloonversie',
  role: { ba: 'Bedrijfsarts', va: 'Verzekeringsarts', reviewer: 'Beoordelaar', 'labour-expert': 'Arbeidsdeskundige' },
  assessment: 'Beoordeling per rubriek',
  status: {
    open: 'Open',
    disagreement: 'Verschil van inzicht',
    proposed: 'Voorgesteld',
    agreed: 'Overeengekomen',
    escalated: 'Geëscaleerd',
    resolved: 'Afgehandeld',
  },
  position: (physician) => `Standpunt ${physician.toLowerCase()}`,
  noPosition: '(geen standpunt)',
  noPositions: 'Nog geen standpunten vastgelegd.',
  notAssessed: (reason) => (reason.trim() ? `Niet beoordeeld — ${reason.trim()}` : 'Niet beoordeeld'),
  qualifier: 'Kwalificatie',
  noQualifier: 'geen',
  agreedPosition: 'Gezamenlijk standpunt',
  proposed: (by, at) => `Voorgesteld door ${by} op ${at}`,
  signed: (by, at) => `Ondertekend door ${by} op ${at}`,
  hash: 'Kenmerk',
  residual: 'Resterend verschil van inzicht',
  residualNote: 'Standpunten bij afsluiting van het geschil',
  disputes: 'Geschillentraject',
  dispute: (n) => `Geschil ${n}`,
  sections: 'Rubrieken',
  question: 'Vraag',
  reason: { persistent: 'aanhoudend verschil', explicit: 'expliciet verzoek' },
  explanation: 'Toelichting',
  stages: 'Doorlopen stappen',
  stage: { opened: 'Geopend', peer_review: 'Collegiale toetsing', formal_route: 'Formele route', closed: 'Afgesloten' },
  reviewer: 'Beoordelaar',
  opinion: 'Oordeel',
  noOpinion: '(nog geen oordeel)',
  formalRoute: 'Formele route',
  formalKind: { deskundigenoordeel: 'Deskundigenoordeel UWV', second_opinion: 'Second opinion' },
  requestedBy: (who, on) => `Aangevraagd door ${who} op ${on}`,
  requester: { employer: 'werkgever', employee: 'werknemer' },
  outcome: 'Uitkomst',
  decidedOn: (on) => `besloten op ${on}`,
  noOutcome: '(nog geen uitkomst)',
  closing: 'Afsluiting',
  disputeOutcome: { agreed: 'overeenstemming', residual: 'resterend verschil van inzicht', withdrawn: 'ingetrokken' },
  sessions: 'Gehouden consultaties',
  date: 'Datum',
  session: (date, mode, minutes) => `${date} (${mode}, ${minutes} minuten)`,
  mode: { video: 'video', telefoon: 'telefoon', fysiek: 'fysiek', schriftelijk: 'schriftelijk' },
  itemOutcome: {
    agreed: 'Overeenstemming bereikt',
    still_disagree: 'Nog steeds oneens',
    escalated: 'Geëscaleerd naar het geschillentraject',
    deferred: 'Uitgesteld',
  },
  notDiscussed: 'Niet besproken',
  notes: 'Notities',
  recordedBy: (by) => `Vastgelegd door ${by}`,
  concludedBy: (by, at) => `Afgesloten door ${by} op ${at}`,
  noSessions: 'Geen afgesloten consultaties.',
  agenda: 'Agenda en uitkomsten',
};

const EN: ExportLabels = {
  confidential: 'Medical in confidence',
  page: (n, total) => `Page ${n} of ${total}`,
  exported: (at, by) => (by ? `Exported on ${at} by ${by}` : `Exported on ${at}`),
  weekAtSession: 'Week of sickness',
  dossierTitle: 'Consultation report occupational physician – insurance physician',
  minutesTitle: 'Minutes of the consultation occupational physician – insurance physician',
  caseTitle: 'Case',
  employee: 'Employee',
  employer: 'Employer',
  firstSickDay: 'First day of sickness',
  weekOfSickness: 'Week of sickness at export',
  templateVersion: 'Template version',
  role: { ba: 'Occupational physician', va: 'Insurance physician', reviewer: 'Reviewer', 'labour-expert': 'Labour expert' },
  assessment: 'Assessment per section',
  status: { open: 'Open', disagreement: 'Disagreement', proposed: 'Proposed', agreed: 'Agreed', escalated: 'Escalated', resolved: 'Resolved' },
  position: (physician) => `Position of the ${physician.toLowerCase()}`,
  noPosition: '(no position)',
  noPositions: 'No positions recorded yet.',
  notAssessed: (reason) => (reason.trim() ? `Not assessed — ${reason.trim()}` : 'Not assessed'),
  qualifier: 'Qualifier',
  noQualifier: 'none',
  agreedPosition: 'Agreed position',
  proposed: (by, at) => `Proposed by ${by} on ${at}`,
  signed: (by, at) => `Signed by ${by} on ${at}`,
  hash: 'Reference',
  residual: 'Residual disagreement',
  residualNote: 'Positions when the dispute was closed',
  disputes: 'Dispute route',
  dispute: (n) => `Dispute ${n}`,
  sections: 'Sections',
  question: 'Question',
  reason: { persistent: 'persistent disagreement', explicit: 'explicit request' },
  explanation: 'Explanation',
  stages: 'Stages reached',
  stage: { opened: 'Opened', peer_review: 'Peer review', formal_route: 'Formal route', closed: 'Closed' },
  reviewer: 'Reviewer',
  opinion: 'Opinion',
  noOpinion: '(no opinion yet)',
  formalRoute: 'Formal route',
  formalKind: { deskundigenoordeel: 'UWV expert opinion (deskundigenoordeel)', second_opinion: 'Second opinion' },
  requestedBy: (who, on) => `Requested by the ${who} on ${on}`,
  requester: { employer: 'employer', employee: 'employee' },
  outcome: 'Outcome',
  decidedOn: (on) => `decided on ${on}`,
  noOutcome: '(no outcome yet)',
  closing: 'Closing',
  disputeOutcome: { agreed: 'agreed', residual: 'residual disagreement', withdrawn: 'withdrawn' },
  sessions: 'Consultations held',
  date: 'Date',
  session: (date, mode, minutes) => `${date} (${mode}, ${minutes} minutes)`,
  mode: { video: 'video', telefoon: 'telephone', fysiek: 'in person', schriftelijk: 'in writing' },
  itemOutcome: { agreed: 'Agreement reached', still_disagree: 'Still disagree', escalated: 'Escalated to the dispute route', deferred: 'Deferred' },
  notDiscussed: 'Not discussed',
  notes: 'Notes',
  recordedBy: (by) => `Recorded by ${by}`,
  concludedBy: (by, at) => `Concluded by ${by} on ${at}`,
  noSessions: 'No concluded consultations.',
  agenda: 'Agenda and outcomes',
};

const LABELS: Record<ExportLanguage, ExportLabels> = { nl: NL, en: EN };

export function exportLabels(lang: ExportLanguage): ExportLabels {
  return LABELS[lang];
}

const LOCALE: Record<ExportLanguage, string> = { nl: 'nl-NL', en: 'en-GB' };

/** Date and time as the reader's language writes them, in Dutch time (where the case happens, whatever the server's zone). */
export function formatDateTime(lang: ExportLanguage, iso: string): string {
  return new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD, or the date of a date-time) in the reader's language; taken at noon UTC so no zone shifts the day. */
export function formatDate(lang: ExportLanguage, date: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T12:00:00Z`) : new Date(date);
  return new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'long', timeZone: 'Europe/Amsterdam' }).format(day);
}

/** The calendar date (YYYY-MM-DD) of an ISO date-time in Dutch time, for the week of sickness. */
export function amsterdamDate(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Europe/Amsterdam' }).formatToParts(
    new Date(iso),
  );
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

import type { CaseMember } from '../../shared/api.ts';
import { CALENDAR_ALARM_MINUTES } from '../../shared/limits.ts';
import type { ConsultationSession, SessionMode } from '../../shared/workflow/types.ts';
import type { ExportLanguage } from '../export/exportInput.ts';
import type { CaseRecord } from '../store/ports.ts';
import { calendarAddress, contentLines, param, text, utc } from './icalendar.ts';

interface CalendarLabels {
  mode: Record<SessionMode, string>;
  summary: (pseudonym: string) => string;
  description: (mode: string, items: number) => string;
  video: (url: string) => string;
  open: (url: string) => string;
  alarm: (minutes: number) => string;
}

/** The words of a calendar file, in the reader's language. */
const LABELS: Record<ExportLanguage, CalendarLabels> = {
  nl: {
    mode: { video: 'Video', telefoon: 'Telefonisch', fysiek: 'Op locatie', schriftelijk: 'Schriftelijk' },
    summary: (pseudonym) => `Consultatie BA–VA · ${pseudonym}`,
    description: (mode, items) => `Vorm: ${mode}. Agenda: ${items} ${items === 1 ? 'sectie' : 'secties'}.`,
    video: (url) => `Videoverbinding: ${url}`,
    open: (url) => `Open de sessie in de consultatiewerkplek: ${url}`,
    alarm: (minutes) => `De consultatie begint over ${minutes} minuten`,
  },
  en: {
    mode: { video: 'Video', telefoon: 'By telephone', fysiek: 'In person', schriftelijk: 'In writing' },
    summary: (pseudonym) => `Physician consultation · ${pseudonym}`,
    description: (mode, items) => `Form: ${mode}. Agenda: ${items} ${items === 1 ? 'section' : 'sections'}.`,
    video: (url) => `Video call: ${url}`,
    open: (url) => `Open the session in the consultation workspace: ${url}`,
    alarm: (minutes) => `The consultation starts in ${minutes} minutes`,
  },
};

export interface CalendarOptions {
  /** The case's members: the invitee's name comes from here. */
  members: readonly CaseMember[];
  lang: ExportLanguage;
}

/**
 * A session as an iCalendar file (RFC 5545) for the physicians' calendars.
 * Calendars live with third parties, so the event carries the pseudonym, the
 * form, the number of agenda items, both physicians' names and the links,
 * never section contents, outcomes, notes or a decline's reason.
 */
export function sessionCalendar(
  session: ConsultationSession,
  record: Pick<CaseRecord, 'employeePseudonym'>,
  sessionUrl: string,
  now: Date,
  options: CalendarOptions,
): string {
  const labels = LABELS[options.lang];
  const mode = labels.mode[session.mode];
  const description = [
    labels.description(mode, session.agenda.length),
    ...(session.videoUrl ? [labels.video(session.videoUrl)] : []),
    labels.open(sessionUrl),
  ].join('\n');
  const cancelled = session.status === 'cancelled';
  return contentLines([
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Consultatiewerkplek//Sessies//NL',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${session.id}@consultatiewerkplek`,
    `DTSTAMP:${utc(now)}`,
    `DTSTART:${utc(new Date(session.scheduledAt))}`,
    `DURATION:PT${session.durationMinutes}M`,
    `SEQUENCE:${session.revision}`,
    `STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    `SUMMARY:${text(labels.summary(record.employeePseudonym))}`,
    `DESCRIPTION:${text(description)}`,
    `LOCATION:${text(mode)}`,
    `URL:${session.videoUrl ?? sessionUrl}`,
    ...participants(session, options.members),
    ...(cancelled ? [] : alarm(labels)),
    'END:VEVENT',
    'END:VCALENDAR',
  ]);
}

/** The planner as ORGANIZER (and a CHAIR who takes part), the other physician as ATTENDEE with their answer. */
function participants(session: ConsultationSession, members: readonly CaseMember[]): string[] {
  const planner = session.scheduledBy;
  const invitee = members.find((member) => member.caseRole !== planner.role);
  const lines = [
    `ORGANIZER;CN=${param(planner.name)}:${calendarAddress(planner.userId)}`,
    `ATTENDEE;CN=${param(planner.name)};ROLE=CHAIR;PARTSTAT=ACCEPTED;RSVP=FALSE:${calendarAddress(planner.userId)}`,
  ];
  if (invitee) {
    lines.push(`ATTENDEE;CN=${param(invitee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=${partstat(session)};RSVP=FALSE:${calendarAddress(invitee.userId)}`);
  }
  return lines;
}

function partstat(session: ConsultationSession): 'NEEDS-ACTION' | 'ACCEPTED' | 'DECLINED' {
  if (!session.answer) return 'NEEDS-ACTION';
  return session.answer.answer === 'accepted' ? 'ACCEPTED' : 'DECLINED';
}

function alarm(labels: CalendarLabels): string[] {
  return ['BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${text(labels.alarm(CALENDAR_ALARM_MINUTES))}`, `TRIGGER:-PT${CALENDAR_ALARM_MINUTES}M`, 'END:VALARM'];
}

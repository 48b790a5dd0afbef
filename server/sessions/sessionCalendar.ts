import type { ConsultationSession, SessionMode } from '../../shared/workflow/types.ts';
import type { CaseRecord } from '../store/ports.ts';

const MODE_LABEL: Record<SessionMode, string> = { video: 'Video', telefoon: 'Telefoon', fysiek: 'Fysiek', schriftelijk: 'Schriftelijk' };

/**
 * A session as an iCalendar file (RFC 5545) for the physicians' calendars.
 * Calendars live with third parties, so the event carries the pseudonym, the
 * form and a link, never section contents or names of people.
 */
export function sessionCalendar(session: ConsultationSession, record: CaseRecord, sessionUrl: string, now: Date): string {
  const lines = [
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
    `STATUS:${session.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
    `SUMMARY:${text(`Consultatie BA–VA · ${record.employeePseudonym}`)}`,
    `DESCRIPTION:${text(`Vorm: ${MODE_LABEL[session.mode]}. Agenda: ${session.agenda.length} ${session.agenda.length === 1 ? 'sectie' : 'secties'}.\nOpen de sessie in de consultatiewerkplek: ${sessionUrl}`)}`,
    `LOCATION:${text(MODE_LABEL[session.mode])}`,
    `URL:${sessionUrl}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

/** A UTC date-time in iCalendar's basic format: 20261201T090000Z. */
function utc(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Escapes a TEXT value (RFC 5545 §3.3.11). */
function text(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character. */
function fold(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  let limit = 75;
  while (start < bytes.length) {
    let end = Math.min(start + limit, bytes.length);
    // Step back off continuation bytes (10xxxxxx) so a character is never split.
    while (end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end--;
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
    limit = 74; // the leading space of a continuation line counts
  }
  return parts.join('\r\n ');
}

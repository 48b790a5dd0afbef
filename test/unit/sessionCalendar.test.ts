import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { CaseMember } from '../../shared/api.ts';
import type { ConsultationSession } from '../../shared/workflow/types.ts';
import { fold } from '../../server/sessions/icalendar.ts';
import { sessionCalendar } from '../../server/sessions/sessionCalendar.ts';
import { CALENDAR_ALARM_MINUTES } from '../../shared/limits.ts';

const BA_ID = '6f1c2a9e-3b4d-4c5e-8f70-1a2b3c4d5e6f';
const VA_ID = '0a9b8c7d-6e5f-4a3b-9c2d-1e0f2a3b4c5d';
/** Names with what TEXT and parameter values must escape or avoid: comma, semicolon, colon, quote, non-ASCII. */
const BA_NAME = 'Anna "Ank" Bakker-Çelik, arts; BIG: 123';
const VA_NAME = 'Victor Visser';
const MEMBERS: CaseMember[] = [
  { userId: BA_ID, name: BA_NAME, caseRole: 'ba' },
  { userId: VA_ID, name: VA_NAME, caseRole: 'va' },
];
const VIDEO = `https://meet.example.nl/room/${'x'.repeat(60)}?pwd=a,b;c`;
const LINK = 'https://werkplek.example.nl/cases/c1?sessie=s1';

function session(overrides: Partial<ConsultationSession> = {}): ConsultationSession {
  return {
    id: 's1',
    scheduledAt: '2026-12-03T12:30:00.000Z',
    durationMinutes: 50,
    mode: 'telefoon',
    agenda: [{ section: 'd240', outcome: null, notes: 'Medisch: stress bij leidinggevende', recordedBy: null, recordedAt: null }],
    status: 'scheduled',
    scheduledBy: { userId: BA_ID, name: BA_NAME, role: 'ba' },
    revision: 0,
    started: null,
    currentItem: null,
    concluded: null,
    cancelled: null,
    ...overrides,
  };
}

function calendar(overrides: Partial<ConsultationSession> = {}, lang: 'nl' | 'en' = 'nl') {
  const ics = sessionCalendar(session(overrides), { employeePseudonym: 'WN-2026-0147' }, LINK, new Date('2026-11-23T08:00:00Z'), { members: MEMBERS, lang });
  const event = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
  const attendees = event.getAllProperties('attendee').map((p) => ({
    address: p.getFirstValue(),
    cn: p.getParameter('cn'),
    partstat: p.getParameter('partstat'),
    role: p.getParameter('role'),
  }));
  return { ics, event, attendees };
}

describe('the calendar file of a session', () => {
  it('names the planner as organizer and both physicians as attendees, the invitee with their answer', () => {
    const { event, attendees } = calendar();
    const organizer = event.getFirstProperty('organizer')!;
    expect(organizer.getFirstValue()).toBe(`urn:uuid:${BA_ID}`);
    expect(organizer.getParameter('cn')).toBe("Anna 'Ank' Bakker-Çelik, arts; BIG: 123");
    expect(attendees).toEqual([
      { address: `urn:uuid:${BA_ID}`, cn: "Anna 'Ank' Bakker-Çelik, arts; BIG: 123", partstat: 'ACCEPTED', role: 'CHAIR' },
      { address: `urn:uuid:${VA_ID}`, cn: VA_NAME, partstat: 'NEEDS-ACTION', role: 'REQ-PARTICIPANT' },
    ]);
    const answered = (answer: 'accepted' | 'declined') =>
      calendar({ answer: { answer, by: { userId: VA_ID, name: VA_NAME, role: 'va' }, at: '2026-11-23T08:00:00Z', proposedAt: null, reason: 'Ziek' } });
    expect(answered('accepted').attendees[1]!.partstat).toBe('ACCEPTED');
    expect(answered('declined').attendees[1]!.partstat).toBe('DECLINED');
    // The reason of a decline is free text: it stays out of the calendar.
    expect(answered('declined').ics).not.toContain('Ziek');
  });

  it('has a display alarm the named number of minutes before, and none once cancelled', () => {
    const { event } = calendar();
    const alarm = event.getFirstSubcomponent('valarm')!;
    expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
    expect((alarm.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds()).toBe(-CALENDAR_ALARM_MINUTES * 60);
    expect(alarm.getFirstPropertyValue('description')).toBe(`De consultatie begint over ${CALENDAR_ALARM_MINUTES} minuten`);
    const cancelled = calendar({ status: 'cancelled', cancelled: { by: session().scheduledBy, at: '2026-11-23T09:00:00Z', reason: '' } });
    expect(cancelled.event.getFirstSubcomponent('valarm')).toBeNull();
    expect(cancelled.event.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('says the form in LOCATION and DESCRIPTION in the reader’s language', () => {
    const modes = { video: ['Video', 'Video'], telefoon: ['Telefonisch', 'By telephone'], fysiek: ['Op locatie', 'In person'] } as const;
    for (const [mode, [nl, en]] of Object.entries(modes)) {
      const dutch = calendar({ mode: mode as ConsultationSession['mode'] }).event;
      expect(dutch.getFirstPropertyValue('location')).toBe(nl);
      expect(dutch.getFirstPropertyValue('description')).toContain(`Vorm: ${nl}. Agenda: 1 sectie.`);
      const english = calendar({ mode: mode as ConsultationSession['mode'] }, 'en').event;
      expect(english.getFirstPropertyValue('location')).toBe(en);
      expect(english.getFirstPropertyValue('description')).toContain(`Form: ${en}. Agenda: 1 section.`);
    }
  });

  it('carries the video link as URL and in the description; without one, the link to the session', () => {
    const withVideo = calendar({ mode: 'video', videoUrl: VIDEO }).event;
    expect(withVideo.getFirstPropertyValue('url')).toBe(VIDEO);
    const description = withVideo.getFirstPropertyValue('description') as string;
    expect(description.split('\n')).toEqual([
      'Vorm: Video. Agenda: 1 sectie.',
      `Videoverbinding: ${VIDEO}`,
      `Open de sessie in de consultatiewerkplek: ${LINK}`,
    ]);
    expect(calendar().event.getFirstPropertyValue('url')).toBe(LINK);
  });

  it('folds every line at 75 octets with CRLF and a space, never inside a character, and escapes TEXT', () => {
    const { ics } = calendar({ mode: 'video', videoUrl: VIDEO });
    expect(ics.endsWith('\r\n')).toBe(true);
    const lines = ics.split('\r\n').slice(0, -1);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    expect(ics).not.toMatch(/[^\r]\n/);
    // Unfolded, the description holds the escaped comma, semicolon and line breaks.
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain(`DESCRIPTION:Vorm: Video. Agenda: 1 sectie.\\nVideoverbinding: ${VIDEO.replace(',', '\\,').replace(';', '\\;')}\\n`);
    expect(unfolded).toContain(`URL:${VIDEO}\r\n`);
  });

  it('never splits a multi-byte character when folding', () => {
    // 'Ç' is two octets: at an odd offset a naive fold at 75 octets would cut one in half.
    const line = `X:${'Ç'.repeat(100)}`;
    const folded = fold(line).split('\r\n');
    for (const part of folded) {
      expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
      expect(part).not.toContain('\uFFFD');
    }
    expect(folded.map((part, i) => (i === 0 ? part : part.slice(1))).join('')).toBe(line);
  });

  it('holds no medical text: agenda contents, notes and section names stay out', () => {
    const { ics } = calendar();
    expect(ics).not.toMatch(/Medisch|stress|d240/);
  });
});

import { request as httpRequest } from 'node:http';
import ICAL from 'ical.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { RealtimeEvent, type SessionPresence, type SessionReminder } from '../../shared/realtime.ts';
import type { ConsultationSession } from '../../shared/workflow/types.ts';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { api } from '../helpers/http.ts';
import { pdfText } from '../helpers/pdf.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';
import { WorkflowClient } from '../helpers/workflowClient.ts';

/** The workflow clock of the test server: sessions are scheduled relative to it. */
let clock = new Date('2026-11-23T08:00:00.000Z');
const inHours = (hours: number) => new Date(clock.getTime() + hours * 3600_000).toISOString();

describe('consultation sessions over HTTP', () => {
  let server: TestServer;
  let ba: WorkflowClient;
  let va: WorkflowClient;
  let outsider: WorkflowClient;

  beforeAll(async () => {
    server = await startTestServer({ now: () => clock });
    ba = new WorkflowClient(server, await server.login('ba.demo'), DEMO_CASE_ID);
    va = new WorkflowClient(server, await server.login('va.demo'), DEMO_CASE_ID);
    outsider = new WorkflowClient(server, await server.login('outsider.demo'), DEMO_CASE_ID);
  });
  afterAll(() => server.close());

  const schedule = (client: WorkflowClient, body: Record<string, unknown> = {}) =>
    client.post('/sessions', { scheduledAt: inHours(24), durationMinutes: 45, mode: 'video', ...body });
  const sessionOf = (response: { body: { workflow: { sessions: ConsultationSession[] } } }) => response.body.workflow.sessions.at(-1)!;

  it('proposes the agenda from the open disagreements, and lets it be changed', async () => {
    await ba.flag('d240', 'Uren verschillen');
    await va.flag('d430', 'Tilgewicht');
    const scheduled = await schedule(ba);
    expect(scheduled.status).toBe(201);
    const session = sessionOf(scheduled);
    expect(session).toMatchObject({ status: 'scheduled', mode: 'video', durationMinutes: 45, scheduledBy: { role: 'ba' } });
    expect(session.agenda.map((item) => item.section)).toEqual(['d240', 'd430']);

    const changed = await va.post(`/sessions/${session.id}/agenda`, { agenda: ['d430', 'd240', 'd160'] });
    expect(sessionOf(changed).agenda.map((item) => item.section)).toEqual(['d430', 'd240', 'd160']);
    const rescheduled = await va.post(`/sessions/${session.id}/reschedule`, { scheduledAt: inHours(48), durationMinutes: 60, mode: 'telefoon' });
    expect(sessionOf(rescheduled)).toMatchObject({ scheduledAt: inHours(48), durationMinutes: 60, mode: 'telefoon', revision: 2 });
  });

  it('lists upcoming sessions across the cases of each member, and of nobody else', async () => {
    const upcoming = await api(server.url, 'GET', '/api/sessions/upcoming', { token: ba.token });
    expect(upcoming.status).toBe(200);
    expect(upcoming.body.map((u: { caseId: string }) => u.caseId)).toContain(DEMO_CASE_ID);
    expect((await api(server.url, 'GET', '/api/sessions/upcoming', { token: outsider.token })).body).toEqual([]);
  });

  it('refuses bad input, sessions in the past, and non-members, changing nothing', async () => {
    const before = (await ba.workflow()).seq;
    expect((await schedule(ba, { durationMinutes: 2 })).body.error?.field).toBe('durationMinutes');
    expect((await schedule(ba, { mode: 'carrierpigeon' })).body.error?.field).toBe('mode');
    expect((await schedule(ba, { scheduledAt: '2026-12-01 09:00' })).body.error?.field).toBe('scheduledAt');
    expect((await schedule(ba, { scheduledAt: inHours(-1) })).body.error?.id).toBe('session.in-past');
    expect((await schedule(ba, { agenda: ['d999'] })).body.error?.id).toBe('section.unknown');
    expect((await schedule(outsider)).status).toBe(403);
    expect((await ba.workflow()).seq).toBe(before);
  });

  it('runs live: start, follow the current item, record outcomes through the workflow rules, conclude', async () => {
    await va.flag('d220', 'Meervoudige taken: VA ziet meer beperkingen');
    const session = sessionOf(await schedule(ba, { agenda: ['d220', 'd445'] }));
    expect((await outsider.post(`/sessions/${session.id}/start`)).status).toBe(403);
    const started = sessionOf(await va.post(`/sessions/${session.id}/start`));
    expect(started).toMatchObject({ status: 'live', currentItem: 'd220', started: { by: { role: 'va' } } });
    expect((await ba.post(`/sessions/${session.id}/start`)).body.error?.id).toBe('startSession.state');

    expect(sessionOf(await ba.post(`/sessions/${session.id}/current`, { section: 'd445' })).currentItem).toBe('d445');
    expect((await ba.post(`/sessions/${session.id}/current`, { section: 'd160' })).body.error?.id).toBe('selectItem.not-on-agenda');

    // Outcomes follow the workflow: "agreed" needs both signatures, outside the agenda is refused.
    expect((await ba.post(`/sessions/${session.id}/outcome`, { section: 'd160', outcome: 'deferred' })).body.error?.id).toBe('recordOutcome.not-on-agenda');
    expect((await ba.post(`/sessions/${session.id}/outcome`, { section: 'd445', outcome: 'agreed' })).body.error?.id).toBe(
      'recordOutcome.agreed-needs-signatures',
    );
    await va.writeJoint('d445', 'Reiken boven schouderhoogte: kort, met pauzes.');
    const proposal = (await va.propose('d445')).body.workflow.sections.d445!.proposal!;
    await ba.sign('d445', proposal.hash);
    const agreed = await ba.post(`/sessions/${session.id}/outcome`, { section: 'd445', outcome: 'agreed', notes: 'Samen tot 10 kg gekomen.' });
    expect(sessionOf(agreed).agenda.find((item) => item.section === 'd445')).toMatchObject({
      outcome: 'agreed',
      notes: 'Samen tot 10 kg gekomen.',
      recordedBy: { role: 'ba' },
    });
    await va.post(`/sessions/${session.id}/outcome`, { section: 'd220', outcome: 'still_disagree', notes: 'VA: 2 uur, BA: 4 uur.' });

    const concluded = sessionOf(await ba.post(`/sessions/${session.id}/conclude`));
    expect(concluded).toMatchObject({ status: 'concluded', currentItem: null, concluded: { by: { role: 'ba' } } });
    // A concluded session cannot be cancelled, nor started again.
    const cancel = await va.post(`/sessions/${session.id}/cancel`, { reason: 'te laat' });
    expect(cancel.status).toBe(409);
    expect(cancel.body.error).toMatchObject({ id: 'cancelSession.state', message: expect.stringContaining('concluded') });

    // The minutes as a report: the sections by their Dutch names, the outcomes, both physicians, the date.
    const minutes = await fetch(`${server.url}/api/cases/${DEMO_CASE_ID}/sessions/${session.id}/minutes.pdf`, {
      headers: { Authorization: `Bearer ${va.token}` },
    });
    expect(minutes.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(new Uint8Array(await minutes.arrayBuffer()));
    for (const expected of [
      'd220 Meervoudige taken uitvoeren',
      'd445 Hand- en armgebruik',
      'Nog steeds oneens',
      'Overeenstemming bereikt',
      'Anna Bakker',
      'Victor Visser',
      'VA: 2 uur, BA: 4 uur.',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/23 november 2026/);
    // The agreed section carries what both signed; every page names who exported it.
    expect(text).toContain('Gezamenlijk standpunt');
    expect(text).toContain('Reiken boven schouderhoogte: kort, met pauzes.');
    expect(text.replace(/\s+/g, ' ')).toMatch(/Geëxporteerd op .* door Victor Visser \(verzekeringsarts\)/);
    const exported = await server.stores.audit.list({ caseId: DEMO_CASE_ID, action: 'export' });
    expect(exported[0]).toMatchObject({ username: 'va.demo', object: 'minutes.pdf', outcome: 'success' });

    // In English on request; another language is refused.
    const english = await fetch(`${server.url}/api/cases/${DEMO_CASE_ID}/sessions/${session.id}/minutes.pdf?lang=en`, {
      headers: { Authorization: `Bearer ${ba.token}` },
    });
    const englishText = (await pdfText(new Uint8Array(await english.arrayBuffer()))).replace(/\s+/g, ' ');
    for (const expected of ['Minutes of the consultation', 'Medical in confidence', 'Agreed position', 'by Anna Bakker (occupational physician)']) {
      expect(englishText).toContain(expected);
    }
    const badLang = await api(server.url, 'GET', `/api/cases/${DEMO_CASE_ID}/sessions/${session.id}/minutes.pdf?lang=de`, { token: va.token });
    expect([badLang.status, badLang.body.error.field]).toEqual([400, 'lang']);
  });

  it('minutes exist only once concluded; a scheduled session can be cancelled', async () => {
    const session = sessionOf(await schedule(va, { agenda: ['d240'] }));
    const early = await api(server.url, 'GET', `/api/cases/${DEMO_CASE_ID}/sessions/${session.id}/minutes.pdf`, { token: va.token });
    expect(early.status).toBe(409);
    const cancelled = sessionOf(await ba.post(`/sessions/${session.id}/cancel`, { reason: 'Werknemer ziek' }));
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelled: { reason: 'Werknemer ziek', by: { role: 'ba' } } });
    expect((await ba.post(`/sessions/${session.id}/start`)).body.error?.id).toBe('startSession.state');
  });

  it('two concluded sessions with a disagreement on their agenda make it persistent', async () => {
    const flagged = await ba.flag('d175', 'Probleemoplossing');
    expect(flagged.status).toBe(200);
    expect((await ba.workflow()).persistent).not.toContain('d175');
    for (let i = 0; i < 2; i++) {
      const session = sessionOf(await schedule(ba, { agenda: ['d175'] }));
      await ba.post(`/sessions/${session.id}/start`);
      await ba.post(`/sessions/${session.id}/outcome`, { section: 'd175', outcome: 'still_disagree' });
      await ba.post(`/sessions/${session.id}/conclude`);
    }
    expect((await ba.workflow()).persistent).toContain('d175');
    expect((await ba.openDispute(['d175'], 'persistent')).status).toBe(201);
  });

  it('the calendar file parses with an iCalendar parser to the right start, duration and title', async () => {
    const session = sessionOf(await schedule(ba, { scheduledAt: '2026-12-03T13:30:00+01:00', durationMinutes: 50, mode: 'fysiek', agenda: ['d240'] }));
    const response = await fetch(`${server.url}/api/cases/${DEMO_CASE_ID}/sessions/${session.id}/calendar.ics`, {
      headers: { Authorization: `Bearer ${ba.token}` },
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/calendar/);
    const text = await response.text();
    expect(text).toMatch(/\r\n/);
    const calendar = new ICAL.Component(ICAL.parse(text));
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-03T12:30:00.000Z');
    expect(event.duration.toSeconds()).toBe(50 * 60);
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-12-03T13:20:00.000Z');
    expect(event.summary).toBe('Consultatie BA–VA · WN-2026-0147');
    expect(event.uid).toBe(`${session.id}@consultatiewerkplek`);
    expect(event.location).toBe('Op locatie');
    // Calendars live with third parties: the physicians as organizer and attendees, never section contents.
    expect(event.organizer).toMatch(/^urn:uuid:/);
    expect(event.attendees.map((attendee) => attendee.getParameter('cn'))).toEqual(['Anna Bakker', 'Victor Visser']);
    expect(text).not.toMatch(/Omgaan met stress|d240/);
    expect((await api(server.url, 'GET', `/api/cases/${DEMO_CASE_ID}/sessions/${session.id}/calendar.ics`, { token: outsider.token })).status).toBe(403);
  });
});

describe('live presence and reminders over socket.io', () => {
  let server: TestServer;
  let sockets: Socket[] = [];

  beforeAll(async () => {
    server = await startTestServer({ now: () => clock, config: { SESSION_REMINDER_MINUTES: 15 } });
  });
  afterEach(() => {
    for (const socket of sockets) socket.disconnect();
    sockets = [];
  });
  afterAll(() => server.close());

  async function connect(username: string): Promise<Socket> {
    const socket = io(server.url, { path: '/socket.io', transports: ['websocket'], auth: { token: await server.login(username) }, reconnection: false });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    return socket;
  }

  it('both physicians see who is present in a live session; leaving updates it; others may not join', async () => {
    const ba = await connect('ba.demo');
    const va = await connect('va.demo');
    const reviewer = await connect('reviewer.demo');
    const seen: SessionPresence[] = [];
    ba.on(RealtimeEvent.sessionPresence, (presence: SessionPresence) => seen.push(presence));
    const physician = new WorkflowClient(server, await server.login('ba.demo'), DEMO_CASE_ID);
    const session = (await physician.post('/sessions', { scheduledAt: inHours(2), durationMinutes: 30, mode: 'video', agenda: [] })).body.workflow.sessions.at(
      -1,
    )!;
    expect(await ba.emitWithAck(RealtimeEvent.sessionJoin, DEMO_CASE_ID, session.id)).toEqual({ ok: true });
    expect(await va.emitWithAck(RealtimeEvent.sessionJoin, DEMO_CASE_ID, session.id)).toEqual({ ok: true });
    expect(await reviewer.emitWithAck(RealtimeEvent.sessionJoin, DEMO_CASE_ID, session.id)).toMatchObject({ ok: false });
    await waitFor(() => seen.at(-1)?.present.length === 2, { what: 'both present' });
    expect(
      seen
        .at(-1)!
        .present.map((p) => p.name)
        .sort(),
    ).toEqual(['Anna Bakker', 'Victor Visser']);
    va.disconnect();
    await waitFor(() => seen.at(-1)?.present.length === 1, { what: 'the VA to leave' });
    expect(seen.at(-1)!.present[0]!.name).toBe('Anna Bakker');
  });

  it('reminds the online members a configured time before the start, once', async () => {
    const ba = new WorkflowClient(server, await server.login('ba.demo'), DEMO_CASE_ID);
    await ba.post('/sessions', { scheduledAt: inHours(1), durationMinutes: 30, mode: 'video', agenda: [] });
    const va = await connect('va.demo');
    const outsider = await connect('outsider.demo');
    const reminders: SessionReminder[] = [];
    va.on(RealtimeEvent.sessionReminder, (reminder: SessionReminder) => reminders.push(reminder));
    outsider.on(RealtimeEvent.sessionReminder, (reminder: SessionReminder) => reminders.push(reminder));

    expect(await server.workspace.sendRemindersNow()).toBe(0);
    clock = new Date(clock.getTime() + 50 * 60_000);
    expect(await server.workspace.sendRemindersNow()).toBe(1);
    await waitFor(() => reminders.length === 1);
    expect(reminders[0]).toMatchObject({ caseId: DEMO_CASE_ID, employeePseudonym: 'WN-2026-0147', minutesBefore: 10 });
    expect(await server.workspace.sendRemindersNow()).toBe(0);
  });
});

/** GET through node:http, which (unlike fetch) lets a test send any Host header. */
function getWithHost(url: string, host: string, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers: { Host: host, Authorization: `Bearer ${token}` } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

/** The session link of a calendar file, unfolded (RFC 5545 §3.1). */
const calendarUrl = (ics: string) => new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!.getFirstPropertyValue('url');

describe('the link in a calendar file', () => {
  const servers: TestServer[] = [];
  afterAll(() => Promise.all(servers.map((server) => server.close())));

  async function calendarOf(config: { PUBLIC_URL?: string }) {
    const server = await startTestServer({ now: () => clock, config });
    servers.push(server);
    const ba = new WorkflowClient(server, await server.login('ba.demo'), DEMO_CASE_ID);
    const session = (
      (await ba.post('/sessions', { scheduledAt: inHours(24), durationMinutes: 30, mode: 'video', agenda: [] })).body.workflow.sessions as ConsultationSession[]
    ).at(-1)!;
    const { status, body } = await getWithHost(`${server.url}/api/cases/${DEMO_CASE_ID}/sessions/${session.id}/calendar.ics`, 'evil.example', ba.token);
    expect(status).toBe(200);
    return { server, session, ics: body };
  }

  it('comes from PUBLIC_URL, never from the Host header the client sent', async () => {
    const { session, ics } = await calendarOf({ PUBLIC_URL: 'https://werkplek.example.nl' });
    expect(ics).not.toContain('evil.example');
    expect(calendarUrl(ics)).toBe(`https://werkplek.example.nl/cases/${DEMO_CASE_ID}?sessie=${session.id}`);
  });

  it('without PUBLIC_URL names this machine and port, still not the Host header', async () => {
    const { server, session, ics } = await calendarOf({});
    expect(ics).not.toContain('evil.example');
    expect(calendarUrl(ics)).toBe(`http://localhost:${new URL(server.url).port}/cases/${DEMO_CASE_ID}?sessie=${session.id}`);
  });
});

describe('minutes in any European script', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ now: () => clock });
  });
  afterAll(() => server.close());

  it('print names such as "Łódź Şişli" exactly (the PDF embeds a Unicode font, not WinAnsi Helvetica)', async () => {
    const ba = new WorkflowClient(server, await server.login('ba.demo'), DEMO_CASE_ID);
    const notes = 'Werkplek in Łódź Şişli; overleg met Ærø-Øresund, Ελλάδα en Žižkov.';
    const session = (
      (await ba.post('/sessions', { scheduledAt: inHours(2), durationMinutes: 30, mode: 'video', agenda: ['d240'] })).body.workflow
        .sessions as ConsultationSession[]
    ).at(-1)!;
    await ba.post(`/sessions/${session.id}/start`);
    expect((await ba.post(`/sessions/${session.id}/outcome`, { section: 'd240', outcome: 'deferred', notes })).status).toBe(200);
    await ba.post(`/sessions/${session.id}/conclude`);

    const minutes = await fetch(`${server.url}/api/cases/${DEMO_CASE_ID}/sessions/${session.id}/minutes.pdf`, {
      headers: { Authorization: `Bearer ${ba.token}` },
    });
    expect(minutes.status).toBe(200);
    const pdf = new Uint8Array(await minutes.arrayBuffer());
    // Read before pdf.js, which takes the bytes over (detaches the buffer).
    const raw = Buffer.from(pdf).toString('latin1');
    const text = await pdfText(pdf);
    expect(text).toContain('Łódź Şişli');
    expect(text).toContain(notes);
    // Embedded (a subset of DejaVu Sans), not one of the 14 standard fonts a reader substitutes.
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);
  });
});

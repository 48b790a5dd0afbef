import ICAL from 'ical.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { RealtimeEvent, type SessionReminder } from '../../shared/realtime.ts';
import { MAX_VIDEO_URL_CHARS } from '../../shared/limits.ts';
import type { ConsultationSession } from '../../shared/workflow/types.ts';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { api } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';
import { WorkflowClient } from '../helpers/workflowClient.ts';

/** The workflow clock of the test server: sessions are scheduled relative to it. */
const clock = new Date('2026-11-23T08:00:00.000Z');
const inHours = (hours: number) => new Date(clock.getTime() + hours * 3600_000).toISOString();
const VIDEO = 'https://meet.example.nl/consult/8d3f-21?pwd=a,b';

describe('answering a session, and its video link, over HTTP', () => {
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

  async function plan(body: Record<string, unknown> = {}): Promise<ConsultationSession> {
    const response = await ba.post('/sessions', { scheduledAt: inHours(24), durationMinutes: 45, mode: 'video', agenda: [], ...body });
    expect(response.status).toBe(201);
    return response.body.workflow.sessions.at(-1)!;
  }
  const stored = async (id: string) => (await ba.workflow()).sessions.find((s) => s.id === id)!;

  it('the invitee accepts; the planner may not answer their own session; nobody else may', async () => {
    const session = await plan();
    expect(session).not.toHaveProperty('answer');
    const before = (await ba.workflow()).seq;
    const own = await ba.post(`/sessions/${session.id}/accept`);
    expect([own.status, own.body.error?.id]).toEqual([403, 'acceptSession.only-invitee']);
    expect((await ba.post(`/sessions/${session.id}/decline`, {})).body.error?.id).toBe('declineSession.only-invitee');
    expect((await outsider.post(`/sessions/${session.id}/accept`)).status).toBe(403);
    expect((await ba.workflow()).seq).toBe(before);

    const accepted = await va.post(`/sessions/${session.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.envelope.event).toEqual({ type: 'session.accepted', sessionId: session.id });
    expect((await stored(session.id)).answer).toMatchObject({ answer: 'accepted', by: { role: 'va', name: 'Victor Visser' }, proposedAt: null });
    expect((await va.post(`/sessions/${session.id}/accept`)).body.error?.id).toBe('acceptSession.already-accepted');
  });

  it('a decline with another time shows in GET; a reschedule to it resets the answer', async () => {
    const session = await plan();
    const proposed = inHours(30);
    const declined = await va.post(`/sessions/${session.id}/decline`, { proposedAt: proposed, reason: 'Spreekuur op dat moment' });
    expect(declined.status).toBe(200);
    expect((await stored(session.id)).answer).toMatchObject({
      answer: 'declined',
      proposedAt: proposed,
      reason: 'Spreekuur op dat moment',
      by: { role: 'va' },
    });

    const moved = await ba.post(`/sessions/${session.id}/reschedule`, { scheduledAt: proposed, durationMinutes: 45, mode: 'video' });
    expect(moved.status).toBe(200);
    const after = await stored(session.id);
    expect(after).toMatchObject({ scheduledAt: proposed, revision: 1 });
    expect(after).not.toHaveProperty('answer');
  });

  it('refuses a bad proposal or reason, and answers to a session no longer planned, changing nothing', async () => {
    const session = await plan();
    const before = (await ba.workflow()).seq;
    expect((await va.post(`/sessions/${session.id}/decline`, { proposedAt: '2026-11-25 09:00' })).body.error?.field).toBe('proposedAt');
    expect((await va.post(`/sessions/${session.id}/decline`, { proposedAt: inHours(-2) })).body.error?.id).toBe('declineSession.proposed-in-past');
    expect((await va.post(`/sessions/${session.id}/decline`, { reason: 'x'.repeat(301) })).body.error?.field).toBe('reason');
    expect((await ba.workflow()).seq).toBe(before);

    await ba.post(`/sessions/${session.id}/cancel`, { reason: '' });
    const late = await va.post(`/sessions/${session.id}/accept`);
    expect([late.status, late.body.error?.id]).toEqual([409, 'acceptSession.state']);
  });

  it('takes an https video link only: http:, javascript: and a too long one are a 400 that changes nothing', async () => {
    const session = await plan({ videoUrl: VIDEO });
    expect(session.videoUrl).toBe(VIDEO);
    const before = (await ba.workflow()).seq;
    const bad = ['http://meet.example.nl/x', 'javascript:alert(1)', `https://meet.example.nl/${'a'.repeat(MAX_VIDEO_URL_CHARS)}`];
    for (const videoUrl of bad) {
      const scheduled = await ba.post('/sessions', { scheduledAt: inHours(24), durationMinutes: 45, mode: 'video', agenda: [], videoUrl });
      expect([scheduled.status, scheduled.body.error?.field], videoUrl).toEqual([400, 'videoUrl']);
      const moved = await ba.post(`/sessions/${session.id}/reschedule`, { scheduledAt: inHours(26), durationMinutes: 45, mode: 'video', videoUrl });
      expect([moved.status, moved.body.error?.field], videoUrl).toEqual([400, 'videoUrl']);
    }
    expect((await ba.workflow()).seq).toBe(before);
    expect(await stored(session.id)).toMatchObject({ videoUrl: VIDEO, scheduledAt: session.scheduledAt, revision: 0 });

    // A reschedule without the field keeps the link; null removes it.
    await va.post(`/sessions/${session.id}/reschedule`, { scheduledAt: inHours(26), durationMinutes: 45, mode: 'video' });
    expect((await stored(session.id)).videoUrl).toBe(VIDEO);
    await va.post(`/sessions/${session.id}/reschedule`, { scheduledAt: inHours(27), durationMinutes: 45, mode: 'video', videoUrl: null });
    expect(await stored(session.id)).not.toHaveProperty('videoUrl');
  });

  it('the .ics carries both physicians with the answer, the alarm, the form and the video link', async () => {
    const session = await plan({ mode: 'video', videoUrl: VIDEO });
    const calendar = async (lang = 'nl') => {
      const response = await fetch(`${server.url}/api/cases/${DEMO_CASE_ID}/sessions/${session.id}/calendar.ics?lang=${lang}`, {
        headers: { Authorization: `Bearer ${va.token}` },
      });
      expect(response.status).toBe(200);
      const event = new ICAL.Component(ICAL.parse(await response.text())).getFirstSubcomponent('vevent')!;
      return event;
    };
    const partstats = (event: ICAL.Component) =>
      event.getAllProperties('attendee').map((attendee) => [attendee.getParameter('cn'), attendee.getParameter('partstat')]);

    let event = await calendar();
    expect(event.getFirstProperty('organizer')!.getParameter('cn')).toBe('Anna Bakker');
    expect(partstats(event)).toEqual([
      ['Anna Bakker', 'ACCEPTED'],
      ['Victor Visser', 'NEEDS-ACTION'],
    ]);
    const alarm = event.getFirstSubcomponent('valarm')!;
    expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
    expect((alarm.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds()).toBeLessThan(0);
    expect(event.getFirstPropertyValue('url')).toBe(VIDEO);
    expect(event.getFirstPropertyValue('description')).toContain(`Videoverbinding: ${VIDEO}`);
    expect(event.getFirstPropertyValue('location')).toBe('Video');

    await va.post(`/sessions/${session.id}/decline`, { reason: 'Andere afspraak' });
    event = await calendar('en');
    expect(partstats(event)[1]).toEqual(['Victor Visser', 'DECLINED']);
    expect(event.getFirstPropertyValue('description')).toContain('Form: Video.');
    expect(event.getFirstPropertyValue('description')).not.toContain('Andere afspraak');
    await va.post(`/sessions/${session.id}/accept`);
    expect(partstats(await calendar())[1]).toEqual(['Victor Visser', 'ACCEPTED']);
    const badLang = await api(server.url, 'GET', `/api/cases/${DEMO_CASE_ID}/sessions/${session.id}/calendar.ics?lang=de`, { token: va.token });
    expect([badLang.status, badLang.body.error.field]).toEqual([400, 'lang']);
  });
});

describe('reminders of a session that has started', () => {
  let server: TestServer;
  let socket: Socket | null = null;
  beforeAll(async () => {
    server = await startTestServer({ now: () => clock, config: { SESSION_REMINDER_MINUTES: 15 } });
  });
  afterEach(() => socket?.disconnect());
  afterAll(() => server.close());

  it('are not sent once the session is live or concluded', async () => {
    const ba = new WorkflowClient(server, await server.login('ba.demo'), DEMO_CASE_ID);
    const session = (await ba.post('/sessions', { scheduledAt: inHours(0.2), durationMinutes: 30, mode: 'video', agenda: [] })).body.workflow.sessions.at(-1)!;
    socket = io(server.url, { path: '/socket.io', transports: ['websocket'], auth: { token: await server.login('va.demo') }, reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket!.once('connect', resolve);
      socket!.once('connect_error', reject);
    });
    const reminders: SessionReminder[] = [];
    socket.on(RealtimeEvent.sessionReminder, (reminder: SessionReminder) => reminders.push(reminder));

    // Started early, before its reminder was due: no reminder for it, now or later.
    expect((await ba.post(`/sessions/${session.id}/start`)).status).toBe(200);
    expect(await server.workspace.sendRemindersNow()).toBe(0);
    await ba.post(`/sessions/${session.id}/conclude`);
    expect(await server.workspace.sendRemindersNow()).toBe(0);

    // A session still planned in the window is reminded (the job runs, and the VA's socket, the only one online, hears it).
    const planned = (await ba.post('/sessions', { scheduledAt: inHours(0.2), durationMinutes: 30, mode: 'video', agenda: [] })).body.workflow.sessions.at(-1)!;
    expect(await server.workspace.sendRemindersNow()).toBe(1);
    await waitFor(() => reminders.length === 1);
    expect(reminders.map((r) => r.sessionId)).toEqual([planned.id]);
  });
});

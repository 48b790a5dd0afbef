import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import { expectNothingSerious, scan } from '../helpers/axe.ts';
import { CLIENT_DIR, expectNoPageErrors, useBrowser, waitForText } from '../helpers/browser.ts';
import { expectNoDutch } from '../helpers/language.ts';
import { SessionAnswers } from '../helpers/pages/sessionAnswers.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';

const VIDEO = 'https://meet.example.nl/consult/wn-0147';
const REASON = 'Spreekuur op dat moment';

describe('answering a planned session in the browser, and its reminder', () => {
  const browser = useBrowser();
  let server: TestServer | null = null;

  afterEach(async () => {
    await server?.close();
    server = null;
  });

  async function start(): Promise<TestServer> {
    server = await startTestServer({ clientDir: CLIENT_DIR });
    return server;
  }

  it('the VA declines proposing another time, the BA moves the session there in one action, the VA accepts', async () => {
    const { url } = await start();
    const { ba, va } = await browser.bothPhysicians(url);
    const [baAnswers, vaAnswers] = [new SessionAnswers(ba), new SessionAnswers(va)];
    await Promise.all([ba.sessions.show(), va.sessions.show()]);

    // The BA plans a session tomorrow at 10:00 with a video link.
    const tomorrow = await ba.sessions.localDateTime(24 * 60);
    await ba.sessions.panel.getByRole('button', { name: 'Sessie plannen' }).click();
    await ba.sessions.fillTiming({ date: tomorrow.date, time: '10:00', duration: 30, mode: 'video' });
    await baAnswers.videoUrlField.fill(VIDEO);
    const sessionId = await ba.sessions.submitSchedule();

    // The VA's page shows it with Accept and Decline, the video link as a link; the BA's has neither control.
    await va.sessions.waitForStatus(sessionId, 'scheduled');
    await vaAnswers.waitForAnswer(sessionId, 'none');
    await waitForText(vaAnswers.answer(sessionId), 'nog geen antwoord');
    expect(await vaAnswers.controls(sessionId).getByRole('button').allInnerTexts()).toEqual(['Accepteren', 'Afwijzen']);
    expect(await vaAnswers.videoLink(sessionId).getAttribute('href')).toBe(VIDEO);
    await baAnswers.waitForAnswer(sessionId, 'none');
    expect(await baAnswers.controls(sessionId).getByRole('button').count()).toBe(0);
    expectNothingSerious('the session card with the answer controls', await scan(va.page));

    // The VA declines and proposes 14:00 the same day, with a short reason.
    await vaAnswers.decline(sessionId, { date: tomorrow.date, time: '14:00', reason: REASON });
    await vaAnswers.waitForAnswer(sessionId, 'declined');

    // The BA sees the proposal and moves the session there with one action.
    await baAnswers.waitForAnswer(sessionId, 'declined');
    await waitForText(baAnswers.answer(sessionId), 'afgewezen — voorgesteld:');
    await waitForText(baAnswers.answer(sessionId), '14:00');
    await waitForText(ba.page.getByTestId(`decline-reason-${sessionId}`), REASON);
    await baAnswers.moveToProposed(sessionId).click();
    for (const [physician, answers] of [
      [ba, baAnswers],
      [va, vaAnswers],
    ] as const) {
      await waitForText(physician.sessions.card(sessionId), '14:00–14:30');
      await answers.waitForAnswer(sessionId, 'none');
    }
    expect(await baAnswers.moveToProposed(sessionId).count()).toBe(0);
    // The link stays with the session through the move.
    expect(await vaAnswers.videoLink(sessionId).getAttribute('href')).toBe(VIDEO);

    // The VA accepts; the BA sees who accepted.
    await vaAnswers.accept(sessionId);
    await baAnswers.waitForAnswer(sessionId, 'accepted');
    await waitForText(baAnswers.answer(sessionId), 'geaccepteerd door Victor Visser');
    expect(await vaAnswers.controls(sessionId).getByRole('button').allInnerTexts()).toEqual(['Afwijzen']);

    // The calendar file names both physicians with the VA's answer.
    const calendar = await ba.download(ba.page.getByTestId(`ics-${sessionId}`));
    const event = new ICAL.Component(ICAL.parse(calendar.content.toString('utf8'))).getFirstSubcomponent('vevent')!;
    expect(event.getAllProperties('attendee').map((a) => [a.getParameter('cn'), a.getParameter('partstat')])).toEqual([
      ['Anna Bakker', 'ACCEPTED'],
      ['Victor Visser', 'ACCEPTED'],
    ]);
    expect(event.getFirstPropertyValue('url')).toBe(VIDEO);

    // In English, the card shows no Dutch interface text.
    await va.workspace.chooseLanguage('en');
    await waitForText(vaAnswers.answer(sessionId), 'accepted by Victor Visser');
    await expectNoDutch(va, /Spreekuur op dat moment/g);
    await va.workspace.chooseLanguage('nl');
    expectNoPageErrors(ba, va);
  });

  it('the reminder of a session due now disappears on both pages when the session is started', async () => {
    const { url, workspace } = await start();
    const { ba, va } = await browser.bothPhysicians(url);
    const [baAnswers, vaAnswers] = [new SessionAnswers(ba), new SessionAnswers(va)];
    await ba.sessions.show();

    await ba.sessions.panel.getByRole('button', { name: 'Sessie plannen' }).click();
    await ba.sessions.fillTiming({ ...(await ba.sessions.localDateTime(10)), duration: 30, mode: 'telefoon' });
    const sessionId = await ba.sessions.submitSchedule();

    // The VA is on the case list, the BA in the case's sessions: both get the reminder.
    await va.leaveCase();
    expect(await workspace.sendRemindersNow()).toBe(2);
    for (const answers of [baAnswers, vaAnswers]) await waitForText(answers.reminder(sessionId), 'WN-2026-0147');

    // The BA starts the session: the reminder leaves both pages without being dismissed.
    await ba.sessions.card(sessionId).getByRole('button', { name: 'Sessie starten' }).click();
    await ba.sessions.live.waitFor();
    for (const answers of [baAnswers, vaAnswers]) await answers.reminder(sessionId).waitFor({ state: 'detached' });
    // And the job sends none for a session that has started.
    expect(await workspace.sendRemindersNow()).toBe(0);
    expectNoPageErrors(ba, va);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { expectNothingSerious, scan } from '../helpers/axe.ts';
import { CLIENT_DIR, expectNoPageErrors, useBrowser, waitForText } from '../helpers/browser.ts';
import { expectNoDutch } from '../helpers/language.ts';
import { pdfText } from '../helpers/pdf.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';
import { WorkflowClient } from '../helpers/workflowClient.ts';

/** The Dutch names of the sections on the agenda, as the minutes name them. */
const D240 = 'Omgaan met stress en andere psychische eisen';
const D430 = 'Tillen en dragen';

/** What the physicians type in this test; it stays Dutch on an English page. */
const NOTES_D240 = 'Stressbestendigheid blijft verschillen; opnieuw bespreken na het gesprek met de psycholoog.';
const NOTES_D430 = 'Tillen tot 10 kg, niet repeterend, zoals ondertekend.';
const JOINT_D430 = 'Samen: tillen tot 10 kg, niet boven schouderhoogte.';
const TYPED = /Stressbestendigheid blijft[^\n]*|Tillen tot 10 kg[^\n]*|Samen: tillen[^\n]*|Verschil in [^\n]*/g;

describe('consultation sessions in the browser: planning, the live session both physicians follow, and the minutes', () => {
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

  it('the BA plans a session on the flagged sections and starts it; both are present and follow the current item; outcomes show in both; the minutes PDF names the sections and outcomes', async () => {
    const { url, workspace } = await start();
    const { ba, va } = await browser.bothPhysicians(url);

    // Two disagreements on record: d240 flagged in the BA's browser, d430 by the VA through the API.
    await ba.workflow.flag('d240', 'Verschil in stressbestendigheid.', 'capacity');
    const vaApi = new WorkflowClient(server!, await server!.login('va.demo'), DEMO_CASE_ID);
    expect((await vaApi.flag('d430', 'Verschil in tilgewicht.')).status).toBe(200);
    await va.workflow.waitForStatus('d240', 'disagreement');

    // The BA plans a session in ten minutes; the agenda proposed is exactly the two flagged sections.
    await Promise.all([ba.sessions.show(), va.sessions.show()]);
    await ba.sessions.panel.getByRole('button', { name: 'Sessie plannen' }).click();
    expect(await ba.sessions.agendaCheckbox('d240').isChecked()).toBe(true);
    expect(await ba.sessions.agendaCheckbox('d430').isChecked()).toBe(true);
    expect(await ba.dialog.locator('input[type="checkbox"]:checked').count()).toBe(2);
    await ba.sessions.fillTiming({ ...(await ba.sessions.localDateTime(10)), duration: 45, mode: 'video' });
    const sessionId = await ba.sessions.submitSchedule();

    // The VA's list follows without a reload, with the agenda by section name.
    await va.sessions.waitForStatus(sessionId, 'scheduled');
    const agenda = va.page.getByTestId(`session-agenda-${sessionId}`);
    expect(await agenda.locator('li').allInnerTexts()).toEqual([`d240 ${D240}`, `d430 ${D430}`]);
    expect(await va.page.getByTestId(`session-mode-${sessionId}`).innerText()).toBe('video');

    // The calendar file downloads.
    const calendar = await ba.download(ba.page.getByTestId(`ics-${sessionId}`));
    expect(calendar.filename).toMatch(/\.ics$/);
    expect(calendar.content.toString('utf8')).toMatch(/^BEGIN:VCALENDAR/);

    // A reminder reaches both physicians before the start, as a notice they can dismiss.
    expect(await workspace.sendRemindersNow()).toBe(2);
    const reminder = va.page.getByTestId(`reminder-${sessionId}`);
    await waitForText(reminder, 'WN-2026-0147');
    expect(await va.page.getByRole('status').filter({ has: reminder }).count()).toBe(1);
    await reminder.getByRole('button', { name: 'Sluiten' }).click();
    await reminder.waitFor({ state: 'detached' });

    // Before it starts, the VA finds it among the upcoming sessions on the case list, and opens the case from there.
    await va.leaveCase();
    const upcoming = va.page.getByTestId(`upcoming-${sessionId}`);
    await waitForText(upcoming, 'Magazijnmedewerker — terugkeer na uitval');
    await waitForText(upcoming, '2 agendapunten');
    await upcoming.getByRole('link').click();
    await va.sessions.card(sessionId).waitFor();
    await va.workspace.navButton('sessions').and(va.page.locator('[aria-current="page"]')).waitFor();

    // The BA starts it; both see the live session and who is present.
    await ba.sessions.card(sessionId).getByRole('button', { name: 'Sessie starten' }).click();
    await ba.sessions.live.waitFor();
    await expect.poll(() => ba.workspace.focusedId()).toBe('live-session-heading');
    await va.sessions.live.waitFor();
    for (const physician of [ba, va]) {
      await physician.sessions.waitForPresent('ba');
      await physician.sessions.waitForPresent('va');
      await physician.sessions.waitForCurrentItem('d240');
    }
    expect(await va.workspace.navButton('sessions').innerText()).toBe('Sessies (live)');
    // Nothing of the session remains in the list of planned sessions; it is live now.
    expect(await ba.sessions.listed('scheduled').count()).toBe(0);

    // The first item: the BA records that the disagreement remains, with notes; the VA's screen shows it.
    await ba.sessions.recordOutcome('Nog steeds oneens', NOTES_D240);
    for (const physician of [ba, va]) {
      await physician.sessions.waitForOutcome('d240', 'still_disagree');
      await waitForText(physician.sessions.agendaItem('d240'), NOTES_D240);
    }

    // The BA moves on; the VA's screen follows to d430.
    await ba.sessions.live.getByRole('button', { name: 'Volgend agendapunt' }).click();
    await va.sessions.waitForCurrentItem('d430');
    await waitForText(va.page.getByTestId('live-now'), `Nu besproken (agendapunt 2/2): d430 ${D430}`);
    expect(await va.sessions.agendaItem('d430').getByRole('button').getAttribute('aria-current')).toBe('step');

    // "Agreed" before the section is agreed: the server's refusal is explained, with the way to the agreement.
    await va.sessions.recordOutcome('Overeenstemming bereikt', NOTES_D430);
    const refusal = va.page.getByTestId('outcome-error');
    await refusal.and(va.page.locator('[data-error="recordOutcome.agreed-needs-signatures"]')).waitFor();
    await waitForText(refusal, 'voorgesteld en door beide artsen ondertekend');
    await va.page.getByRole('button', { name: 'Naar de sectie om voor te stellen en te ondertekenen' }).click();
    await expect.poll(() => va.workspace.focusedId()).toBe('section-d430');

    // The VA writes and proposes the joint position in the section; the BA signs it in the live session.
    await va.editors.typeAtEnd(va.editors.joint('d430'), JOINT_D430);
    await va.workspace.waitUntilSaved();
    await va.workflow.propose('d430');
    const liveItem = ba.page.getByTestId('live-item');
    await waitForText(ba.page.getByTestId('proposal-text-d430'), JOINT_D430);
    await liveItem.getByRole('button', { name: 'Ondertekenen', exact: true }).click();
    await ba.page.getByTestId('live-status-d430').and(ba.page.locator('[data-status="agreed"]')).waitFor();
    await va.workflow.waitForStatus('d430', 'agreed');

    // Back in the session (the banner shows the way), the VA records the agreement.
    await waitForText(va.page.getByTestId('live-session-banner'), `Nu besproken: d430 ${D430}`);
    await va.page.getByTestId('live-session-banner').getByRole('button', { name: 'Naar de sessie' }).click();
    await va.sessions.waitForCurrentItem('d430');
    await va.sessions.recordOutcome('Overeenstemming bereikt', NOTES_D430);
    for (const physician of [ba, va]) {
      await physician.sessions.waitForOutcome('d430', 'agreed');
      await waitForText(physician.sessions.agendaItem('d430'), 'Overeenstemming bereikt');
    }

    // The live session in English shows no Dutch interface text; and no serious accessibility violations.
    await va.workspace.chooseLanguage('en');
    await waitForText(va.sessions.live, 'Live session');
    await expectNoDutch(va, TYPED);
    await va.workspace.chooseLanguage('nl');
    expectNothingSerious('the live session', await scan(ba.page));

    // The BA concludes; both see the minutes in the case's history.
    await ba.sessions.live.getByRole('button', { name: 'Sessie afronden' }).click();
    await ba.dialog.getByRole('button', { name: 'Afronden', exact: true }).click();
    await ba.dialog.waitFor({ state: 'detached' });
    for (const physician of [ba, va]) {
      await physician.sessions.waitForStatus(sessionId, 'concluded');
      await physician.sessions.live.waitFor({ state: 'detached' });
      const minutes = physician.page.getByTestId(`minutes-${sessionId}`);
      await waitForText(minutes, 'Anna Bakker');
      await waitForText(minutes, 'Victor Visser');
      const d240 = minutes.getByTestId('minutes-item-d240');
      expect(await d240.innerText()).toContain(`d240 ${D240} — Nog steeds oneens`);
      expect(await d240.innerText()).toContain(NOTES_D240);
      expect(await minutes.getByTestId('minutes-item-d430').innerText()).toContain(`d430 ${D430} — Overeenstemming bereikt`);
    }
    expect(await va.workspace.navButton('sessions').innerText()).toBe('Sessies');

    // The minutes as a PDF report: the sections by their Dutch names, the outcomes, the notes.
    const report = await va.download(va.page.getByTestId(`minutes-pdf-${sessionId}`));
    expect(report.filename).toMatch(/\.pdf$/);
    const text = await pdfText(new Uint8Array(report.content));
    for (const expected of [D240, D430, 'Nog steeds oneens', 'Overeenstemming bereikt', 'Anna Bakker', 'Victor Visser', NOTES_D430]) {
      expect(text).toContain(expected);
    }

    // The minutes in English, and the sessions view with its history, pass the language and accessibility checks.
    expectNothingSerious('the sessions view with minutes', await scan(ba.page));
    await ba.workspace.chooseLanguage('en');
    await waitForText(ba.page.getByTestId(`minutes-${sessionId}`), 'Agreement reached');
    await expectNoDutch(ba, TYPED);
    await ba.workspace.chooseLanguage('nl');

    // The minutes stay after a reload; the concluded session has left the upcoming list.
    await va.page.reload();
    await va.page.getByTestId(`minutes-${sessionId}`).waitFor();
    await ba.leaveCase();
    await waitForText(ba.page.getByTestId('upcoming-sessions'), 'Er zijn geen sessies gepland.');
    expectNoPageErrors(ba, va);
  });

  it('a planned session is moved, its agenda changed and then cancelled, each seen by the other physician; a time in the past is refused', async () => {
    const { url } = await start();
    const { ba, va } = await browser.bothPhysicians(url);
    await Promise.all([ba.sessions.show(), va.sessions.show()]);
    await waitForText(ba.sessions.panel, 'Er zijn nog geen sessies gepland.');

    // No disagreement on record: nothing is proposed, and the BA picks a section from the others.
    await ba.sessions.panel.getByRole('button', { name: 'Sessie plannen' }).click();
    await waitForText(ba.dialog, 'Er is geen onenigheid gemeld');
    expect(await ba.dialog.locator('input[type="checkbox"]:checked').count()).toBe(0);
    await ba.dialog.getByText('Andere secties toevoegen').click();
    await ba.sessions.agendaCheckbox('d160').check();

    // A start in the past is refused, with the server's reason.
    await ba.sessions.fillTiming({ ...(await ba.sessions.localDateTime(-120)), duration: 30, mode: 'telefoon' });
    await ba.dialog.getByRole('button', { name: 'Plannen', exact: true }).click();
    const refusal = ba.dialog.getByTestId('schedule-error');
    await refusal.and(ba.page.locator('[data-error="session.in-past"]')).waitFor();
    await waitForText(refusal, 'niet in het verleden');

    const tomorrow = await ba.sessions.localDateTime(24 * 60);
    await ba.sessions.fillTiming({ date: tomorrow.date, time: '10:00' });
    const sessionId = await ba.sessions.submitSchedule();
    await va.sessions.waitForStatus(sessionId, 'scheduled');
    const vaCard = va.sessions.card(sessionId);
    await waitForText(vaCard, '10:00–10:30');
    expect(await va.page.getByTestId(`session-mode-${sessionId}`).innerText()).toBe('telefoon');
    expect(await va.page.getByTestId(`session-agenda-${sessionId}`).locator('li').allInnerTexts()).toEqual(['d160 Aandacht richten']);

    // The BA moves it to 11:30, in person; the VA sees the new time.
    await ba.sessions.card(sessionId).getByRole('button', { name: 'Verplaatsen' }).click();
    await ba.sessions.fillTiming({ date: tomorrow.date, time: '11:30', duration: 60, mode: 'fysiek' });
    await ba.dialog.getByRole('button', { name: 'Verplaatsen', exact: true }).click();
    await ba.dialog.waitFor({ state: 'detached' });
    await waitForText(vaCard, '11:30–12:30');
    await waitForText(va.page.getByTestId(`session-mode-${sessionId}`), 'fysiek (op locatie)');

    // The VA adds d175 to the agenda; the BA's list follows.
    await vaCard.getByRole('button', { name: 'Agenda wijzigen' }).click();
    expect(await va.sessions.agendaCheckbox('d160').isChecked()).toBe(true);
    await va.dialog.getByText('Andere secties toevoegen').click();
    await va.sessions.agendaCheckbox('d175').check();
    await va.dialog.getByRole('button', { name: 'Agenda opslaan' }).click();
    await va.dialog.waitFor({ state: 'detached' });
    await waitForText(ba.page.getByTestId(`session-agenda-${sessionId}`), 'd175 Problemen oplossen');

    // The VA cancels it with a reason: both see it among the cancelled sessions, without actions.
    await vaCard.getByRole('button', { name: 'Sessie annuleren' }).click();
    await va.dialog.getByLabel('Reden (optioneel)').fill('De werknemer is opgenomen.');
    await va.dialog.getByRole('button', { name: 'Sessie annuleren' }).click();
    await va.dialog.waitFor({ state: 'detached' });
    for (const physician of [ba, va]) {
      await physician.sessions.waitForStatus(sessionId, 'cancelled');
      await waitForText(physician.page.getByTestId(`cancel-reason-${sessionId}`), 'De werknemer is opgenomen.');
      expect(await physician.sessions.card(sessionId).getByRole('button').count()).toBe(0);
      expect(await physician.page.getByTestId(`ics-${sessionId}`).count()).toBe(0);
    }
    await expect.poll(() => va.workspace.focusedId()).toBe(`session-${sessionId}-heading`);
    expectNoPageErrors(ba, va);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { MAX_TOASTS, TOAST_VISIBLE_MS } from '../../client/src/features/notifications/toastLimits.ts';
import { DEFAULT_NOTIFICATION_PAGE } from '../../shared/limits.ts';
import { expectNothingSerious, scan } from '../helpers/axe.ts';
import { expectNoDutch } from '../helpers/language.ts';
import { CLIENT_DIR, expectNoPageErrors, useBrowser, waitForText, type PhysicianPage } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';

const sectionPath = (section: string) => `/api/cases/${DEMO_CASE_ID}/sections/${section}`;

/** A disagreement flagged (and, with `withdraw`, withdrawn again) over HTTP, as the physician's own page would ask it. */
async function flagOverHttp(physician: PhysicianPage, section: string, { withdraw = false } = {}): Promise<void> {
  await physician.notifications.fetchJson('POST', `${sectionPath(section)}/flag`, { kind: 'capacity', rationale: 'Wij verschillen van mening.' });
  if (withdraw) await physician.notifications.fetchJson('POST', `${sectionPath(section)}/withdraw-flag`);
}

describe('notifications in the browser: the count, the toast, the inbox and the e-mail setting', () => {
  const browser = useBrowser();
  let server: TestServer | null = null;

  afterEach(async () => {
    await server?.close();
    server = null;
  });

  async function start(): Promise<string> {
    server = await startTestServer({ clientDir: CLIENT_DIR });
    return server.url;
  }

  it('the VA flags d240: the BA, in the case, gets a toast in the live region and a count; reads it in the inbox; the VA gets nothing', async () => {
    const { ba, va } = await browser.bothPhysicians(await start());
    await Promise.all([ba.notifications.waitForUnread(0), va.notifications.waitForUnread(0)]);
    // The live region is in the page before anything arrives, so that what arrives is announced.
    expect(await ba.notifications.liveRegion.getAttribute('aria-live')).toBe('polite');
    await ba.editors.own('d240').click();

    await va.workflow.flag('d240', 'De VA acht de werknemer belastbaarder.', 'capacity');

    const toast = ba.notifications.toasts.first();
    await waitForText(toast, 'Victor Visser (verzekeringsarts) markeerde onenigheid bij d240 Omgaan met stress');
    await waitForText(toast, 'Casus Magazijnmedewerker — terugkeer na uitval (WN-2026-0147)');
    await ba.notifications.waitForUnread(1);
    await ba.page.getByRole('button', { name: 'Meldingen, 1 ongelezen' }).waitFor();
    // The toast did not take the BA out of the editor they were typing in.
    expect(await ba.page.evaluate(() => document.activeElement?.closest('[data-testid="notification-toasts"]') === null)).toBe(true);
    expect(await ba.page.evaluate(() => document.activeElement?.closest('[data-testid="editor-occupational-d240"]') !== null)).toBe(true);
    // Dismissible.
    await toast.getByRole('button', { name: 'Sluiten' }).click();
    await toast.waitFor({ state: 'detached' });

    // The work queue carries the case's unread notifications.
    await ba.goto('/');
    await ba.caseListHeading.waitFor();
    expect(await ba.queue.rows.first().getByTestId(`case-notifications-${DEMO_CASE_ID}`).getAttribute('data-count')).toBe('1');

    await ba.notifications.open();
    const item = ba.notifications.items.first();
    expect(await ba.notifications.items.count()).toBe(1);
    expect(await item.getAttribute('data-unread')).toBe('true');
    await waitForText(item, 'Ongelezen');
    await waitForText(item, 'Victor Visser (verzekeringsarts) markeerde onenigheid bij d240 Omgaan met stress en andere psychische eisen');
    await waitForText(item, 'Casus Magazijnmedewerker');
    expectNothingSerious('the notifications inbox', await scan(ba.page));

    await ba.notifications.markRead(item);
    await ba.notifications.waitForUnread(0);
    await ba.page.getByRole('button', { name: 'Meldingen', exact: true }).waitFor();
    expect(await item.innerText()).not.toContain('Ongelezen');
    // Focus stays with the notification whose button went.
    expect(await ba.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('notification-item');
    expect((await ba.notifications.list()).unread).toBe(0);

    // The actor is not told about their own flag.
    await va.notifications.waitForUnread(0);
    expect((await va.notifications.list()).notifications).toEqual([]);

    // The notification leads to its section in the workspace.
    await item.getByRole('link', { name: /^Naar d240/ }).click();
    await ba.waitForWorkspace();
    await expect.poll(() => ba.workspace.focusedId()).toBe('section-d240');
    expectNoPageErrors(ba, va);
  });

  it('arrivals join the open inbox; read per case and all at once; older pages on "meer laden"; a link opens its section\'s group', async () => {
    const url = await start();
    const [ba, va] = await Promise.all([browser.newPhysician(url, 'ba.demo'), browser.newPhysician(url, 'va.demo')]);
    await ba.notifications.open();
    await waitForText(ba.notifications.inbox, 'Er zijn nog geen meldingen.');

    // Pushed while the inbox is open: it appears on top, unread.
    await flagOverHttp(va, 'd160');
    await ba.notifications.waitForUnread(1);
    await ba.notifications.unreadItems().first().waitFor();
    await waitForText(ba.notifications.items.first(), 'markeerde onenigheid bij d160');
    await flagOverHttp(va, 'd430');
    await ba.notifications.waitForUnread(2);
    await waitForText(ba.notifications.unreadCase(DEMO_CASE_ID), '2 ongelezen meldingen');
    // The badge the case list can show for a case.
    expect(await ba.page.getByTestId(`case-notifications-${DEMO_CASE_ID}`).getAttribute('data-count')).toBe('2');
    await ba.notifications.markCaseRead(DEMO_CASE_ID);
    await ba.notifications.waitForUnread(0);
    expect(await ba.notifications.unreadItems().count()).toBe(0);

    // More than one page: the rest comes on "meer laden", older ones after the newest.
    for (let i = 0; i < DEFAULT_NOTIFICATION_PAGE; i++) await flagOverHttp(va, 'd220', { withdraw: i < DEFAULT_NOTIFICATION_PAGE - 1 });
    await ba.notifications.waitForUnread(DEFAULT_NOTIFICATION_PAGE);
    await ba.page.reload();
    await ba.notifications.inbox.and(ba.page.locator('[data-status="ready"]')).waitFor();
    expect(await ba.notifications.items.count()).toBe(DEFAULT_NOTIFICATION_PAGE);
    await ba.notifications.loadMore.click();
    await expect.poll(() => ba.notifications.items.count()).toBe(DEFAULT_NOTIFICATION_PAGE + 2);
    await waitForText(ba.notifications.items.last(), 'bij d160');
    expect(await ba.notifications.loadMore.count()).toBe(0);

    await ba.notifications.markAllRead();
    await ba.notifications.waitForUnread(0);
    expect(await ba.notifications.unreadItems().count()).toBe(0);
    expect((await ba.notifications.list('?unread=true')).notifications).toEqual([]);

    // In English, every word of the inbox is English (the case's own title stays as it is).
    await ba.workspace.chooseLanguage('en');
    await waitForText(ba.notifications.items.last(), 'Victor Visser (insurance physician) flagged a disagreement on d160 Focusing attention');
    await expectNoDutch(ba);
    await ba.workspace.chooseLanguage('nl');

    // A section in another group than the first: the workspace opens that group, focused on the section.
    await ba.notifications.items
      .filter({ hasText: 'bij d430' })
      .getByRole('link', { name: /^Naar d430/ })
      .click();
    await ba.waitForWorkspace('d430');
    await expect.poll(() => ba.workspace.focusedId()).toBe('section-d430');
    expectNoPageErrors(ba, va);
  });

  it('a toast goes by itself after its time, but not while the pointer is on it; at most a few at once', async () => {
    const url = await start();
    const [ba, va] = await Promise.all([browser.newPhysician(url, 'ba.demo'), browser.newPhysician(url, 'va.demo')]);
    // The page's clock under the test's control (it runs on as usual until told to jump).
    await ba.page.clock.install();
    await ba.page.reload();
    await ba.caseListHeading.waitFor();
    await ba.notifications.waitForUnread(0);

    await flagOverHttp(va, 'd160');
    const first = ba.notifications.toasts.first();
    await waitForText(first, 'bij d160');
    await ba.page.clock.fastForward(TOAST_VISIBLE_MS + 1000);
    await first.waitFor({ state: 'detached' });

    // Held by the pointer, it stays past its time; let go, it goes.
    await flagOverHttp(va, 'd175');
    const held = ba.notifications.toasts.filter({ hasText: 'bij d175' });
    await held.hover();
    await ba.page.clock.fastForward(TOAST_VISIBLE_MS + 1000);
    // Another arrival shown means the page has handled the jump.
    await flagOverHttp(va, 'd220');
    await waitForText(ba.notifications.toasts.last(), 'bij d220');
    expect(await held.count()).toBe(1);
    await ba.page.mouse.move(0, 0);
    await ba.page.clock.fastForward(TOAST_VISIBLE_MS + 1000);
    await held.waitFor({ state: 'detached' });

    // A burst shows its newest few; the count has them all.
    for (const section of ['d230', 'd240', 'd350', 'd720']) await flagOverHttp(va, section);
    await ba.notifications.waitForUnread(7);
    await waitForText(ba.notifications.toasts.last(), 'bij d720');
    expect(await ba.notifications.toasts.count()).toBe(MAX_TOASTS);
    expectNoPageErrors(ba, va);
  });

  it("the e-mail setting: a daily summary at 7 with an address is kept; a bad address shows the server's error at the field and changes nothing", async () => {
    const url = await start();
    const ba = await browser.newPhysician(url, 'ba.demo');
    await ba.notifications.open();
    await ba.notifications.openSettings();
    // The test server has no SMTP: the page says so.
    expect((await ba.notifications.settings()).emailAvailable).toBe(false);
    await ba.page.getByTestId('email-unavailable').waitFor();
    expectNothingSerious('the notification settings', await scan(ba.page));

    await ba.notifications.saveSettings({ email: 'anna.bakker@example.nl', mode: 'Dagelijks overzicht', digestHour: 7 });
    await waitForText(ba.notifications.settingsStatus, 'Uw instellingen zijn opgeslagen.');
    expect(await ba.notifications.settings()).toMatchObject({ email: 'anna.bakker@example.nl', mode: 'digest', digestHour: 7, language: 'nl' });
    // What the server keeps is what the page shows after a reload.
    await ba.page.reload();
    await ba.notifications.settingsForm.waitFor();
    expect(await ba.notifications.emailField.inputValue()).toBe('anna.bakker@example.nl');
    expect(await ba.notifications.settingsForm.getByRole('radio', { name: 'Dagelijks overzicht om 7:00' }).isChecked()).toBe(true);
    expect(await ba.notifications.settingsForm.getByLabel('Uur van het dagelijks overzicht').inputValue()).toBe('7');

    await ba.notifications.saveSettings({ email: 'geen-adres', mode: 'Direct' });
    const field = ba.notifications.emailField;
    await field.and(ba.page.locator('[aria-invalid="true"]')).waitFor();
    expect(await ba.notifications.description(field)).toContain('Dit is geen geldig e-mailadres.');
    expect(await field.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await ba.notifications.settings()).toMatchObject({ email: 'anna.bakker@example.nl', mode: 'digest', digestHour: 7 });
    expectNothingSerious('the notification settings with an error', await scan(ba.page));
    expectNoPageErrors(ba);
  });
});

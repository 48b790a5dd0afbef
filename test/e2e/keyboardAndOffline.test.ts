import { describe, expect, it } from 'vitest';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { expectNoPageErrors, useBrowser, useWorkspaceServer, waitForText } from '../helpers/browser.ts';

describe("keyboard comments on the other physician's text, and what the header says offline", () => {
  const browser = useBrowser();
  const server = useWorkspaceServer();

  it("by keyboard alone the VA reaches the BA's read-only text, selects a word with Shift+arrows and comments on it; typing there changes nothing", async () => {
    const { ba, va } = await browser.bothPhysicians(server().url);
    // The first section of the group shown: where Alt+↓ goes first.
    const section = 'd160';
    const position = 'Kan vier uur per dag werken.';
    await ba.editors.typeInOwn(section, position);
    await ba.workspace.waitUntilSaved();
    await va.editors.waitForExactText('other', section, position);
    await waitForText(va.page.getByTestId('keyboard-hint'), 'Ctrl+Alt+M');

    const theirs = va.editors.other(section);
    await va.page.keyboard.press('Alt+ArrowDown');
    await va.page.waitForFunction((id) => document.activeElement?.id === id, `section-${section}`);
    expect(await va.layout.tabTo(theirs, 10)).toBe(true);
    await va.page.keyboard.press('Control+Home');
    for (let i = 0; i < 'Kan '.length; i++) await va.page.keyboard.press('ArrowRight');
    for (let i = 0; i < 'vier'.length; i++) await va.page.keyboard.press('Shift+ArrowRight');
    expect(await va.page.evaluate(() => document.getSelection()?.toString())).toBe('vier');

    // Typing in the read-only column changes nothing (and the selection stays).
    await va.page.keyboard.type('x');
    await va.page.keyboard.press('Enter');
    expect(await va.editors.textOf('other', section)).toBe(position);

    // The shortcut the hint names starts a thread on the selection.
    await va.page.keyboard.press('Control+Alt+M');
    const form = va.page.getByTestId('new-thread');
    const question = 'Is dat inclusief reistijd?';
    await va.page.keyboard.type(question);
    expect(await va.layout.tabTo(form.getByRole('button', { name: 'Plaatsen' }), 5)).toBe(true);
    await va.page.keyboard.press('Enter');
    await form.waitFor({ state: 'detached' });
    const thread = va.comments.threadsIn(section).filter({ hasText: question }).first();
    const threadId = (await thread.getAttribute('data-thread-id'))!;
    await va.comments.waitForHighlight(theirs, threadId, 'vier');
    await ba.comments.waitForHighlight(ba.editors.own(section), threadId, 'vier');

    // The comment button is the next stop after the text: the same without the shortcut.
    await theirs.focus();
    await va.page.keyboard.press('Control+End');
    for (let i = 0; i < 'werken.'.length; i++) await va.page.keyboard.press('Shift+ArrowLeft');
    await va.page.keyboard.press('Tab');
    expect(await va.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(`comment-add-occupational-${section}`);
    await va.page.keyboard.press('Enter');
    await form.waitFor();
    expect(await form.innerText()).toContain('werken.');

    expect(await ba.editors.textOf('own', section)).toBe(position);
    expect(await server().stores.audit.list({ caseId: DEMO_CASE_ID, action: 'denied' })).toEqual([]);
    expectNoPageErrors(ba, va);
  });

  it('offline, the header counts the sections with unsaved text, not the keystrokes, and shows oneself offline; back online all is saved', async () => {
    const ba = await browser.newPhysician(server().url, 'ba.demo');
    await ba.openCase(DEMO_CASE_ID);
    await ba.workspace.presence('ba').and(ba.page.locator('[data-online="true"]')).waitFor();
    await waitForText(ba.page.getByTestId('connection-pending'), 'alles opgeslagen');

    await ba.page.context().setOffline(true);
    await ba.workspace.connection.and(ba.page.locator('[data-state="offline"]')).waitFor();
    await ba.workspace.presence('ba').and(ba.page.locator('[data-online="false"]')).waitFor();
    await waitForText(ba.workspace.presence('ba'), 'offline');

    await ba.editors.typeInOwn('d220', ' Offline in de ene sectie.');
    await ba.editors.typeInOwn('d230', ' En in de andere.');
    await waitForText(ba.page.getByTestId('connection-pending'), 'niet-opgeslagen tekst in 2 secties');
    expect(Number(await ba.workspace.connection.getAttribute('data-pending'))).toBeGreaterThan(2);
    expect(await ba.workspace.connection.getAttribute('data-unsaved-sections')).toBe('2');

    await ba.page.context().setOffline(false);
    await ba.workspace.waitUntilSaved();
    await waitForText(ba.page.getByTestId('connection-pending'), 'alles opgeslagen');
    await ba.workspace.presence('ba').and(ba.page.locator('[data-online="true"]')).waitFor();
    expectNoPageErrors(ba);
  });
});

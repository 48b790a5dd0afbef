import { beforeEach, describe, expect, it } from 'vitest';
import { TEMPLATE_V1 } from '../../shared/template/shipped.ts';
import { DEMO_CASE_ID, DEMO_PASSWORD } from '../../server/seed.ts';
import { useBrowser, useWorkspaceServer, waitForText } from '../helpers/browser.ts';
import type { TestServer } from '../helpers/testServer.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Getting to a case: logging in, the case list, the case header and who may
 * open a case at all. Working in the case: workspace.test.ts.
 */
describe('signing in and opening a case', () => {
  const browser = useBrowser();
  const workspace = useWorkspaceServer();
  let server: TestServer;
  beforeEach(() => {
    server = workspace();
  });

  it('an unauthenticated visit to a case shows the login page, and logging in opens that case', async () => {
    const visitor = await browser.newVisitor(server.url, `/cases/${DEMO_CASE_ID}`);
    await visitor.loginForm.waitFor();
    expect(await visitor.page.getByLabel('Gebruikersnaam').isVisible()).toBe(true);
    expect(await visitor.page.getByLabel('Wachtwoord').isVisible()).toBe(true);
    expect(await visitor.page.getByTestId('editor-occupational-d240').count()).toBe(0);

    await visitor.logIn('ba.demo', DEMO_PASSWORD);
    await visitor.page.getByTestId('editor-occupational-d240').waitFor();
    expect(visitor.pageErrors).toEqual([]);
  });

  it('wrong credentials show the Dutch error message as an alert', async () => {
    const visitor = await browser.newVisitor(server.url);
    await visitor.logIn('ba.demo', 'niet-het-wachtwoord');
    await waitForText(visitor.alert, 'Onbekende gebruikersnaam of onjuist wachtwoord.');
    expect(await visitor.loginForm.isVisible()).toBe(true);
    expect(await visitor.caseListHeading.count()).toBe(0);
  });

  it('the case header shows the case, the week of sick leave counted from the first sick day, the physicians and a live connection', async () => {
    const ba = await browser.newPhysician(server.url, 'ba.demo');
    await ba.openCase(DEMO_CASE_ID);
    const record = (await server.stores.records.getCase(DEMO_CASE_ID))!;
    // Day 1 of sickness is in week 1 (Wet verbetering poortwachter); the browser runs in this machine's time zone.
    const today = new Date();
    const todayUtc = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
    const week = Math.floor((todayUtc - Date.parse(`${record.firstSickDay}T00:00:00Z`)) / DAY_MS / 7) + 1;

    const header = ba.page.locator('header.case-header');
    expect(await header.getByRole('heading', { level: 1 }).innerText()).toBe(record.title);
    expect(await header.innerText()).toContain(record.employeePseudonym);
    expect(await header.innerText()).toContain(record.employer);
    expect(await ba.page.getByTestId('sickness-week').innerText()).toBe(`week ${week} van verzuim`);
    expect(await ba.workspace.connection.getAttribute('data-state')).toBe('connected');
    expect(await ba.workspace.connection.innerText()).toContain('verbonden');
    await ba.workspace.presence('ba').and(ba.page.locator('[data-online="true"]')).waitFor();
    expect(await ba.workspace.presence('ba').innerText()).toContain('Anna Bakker');
    expect(await ba.workspace.presence('va').getAttribute('data-online')).toBe('false');
    expect(await ba.workspace.presence('va').innerText()).toContain('Victor Visser');

    // The first group is shown, its sections in the template's order, each with all three editors.
    const first = TEMPLATE_V1.groups[0]!;
    expect(await ba.workspace.navButton(first.id).getAttribute('aria-current')).toBe('page');
    const shown = await ba.page.locator('[data-testid^="section-"]').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-testid')));
    expect(shown).toEqual(first.sections.map((section) => `section-${section.id}`));
    for (const section of first.sections) {
      for (const part of ['occupational', 'insurance', 'joint'] as const) expect(await ba.editors.editor(part, section.id).count()).toBe(1);
    }

    await ba.leaveCase();
    expect(ba.pageErrors).toEqual([]);
  });

  it.each(['outsider.demo', 'reviewer.demo'])('%s does not see the demo case, and its address shows no access and no editor', async (username) => {
    const physician = await browser.newPhysician(server.url, username);
    expect(await physician.page.locator(`a.case-link[href="/cases/${DEMO_CASE_ID}"]`).count()).toBe(0);

    await physician.goto(`/cases/${DEMO_CASE_ID}`);
    await waitForText(physician.alert, 'U heeft geen toegang tot dit dossier.');
    expect(await physician.page.locator('[data-testid^="editor-"]').count()).toBe(0);
    expect(physician.pageErrors).toEqual([]);
  });
});

import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CASE_ID, DEMO_PASSWORD } from '../../server/seed.ts';
import { useBrowser, waitForText } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';

/** The built client (`npm run build:client`), served by the real server. */
const CLIENT_DIR = fileURLToPath(new URL('../../dist/client', import.meta.url));
const SECTION = 'd240';

describe('walking skeleton in the browser', () => {
  const browser = useBrowser();
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ clientDir: CLIENT_DIR });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('an unauthenticated visit to a case shows the login page, and logging in opens that case', async () => {
    const visitor = await browser.newVisitor(server.url, `/cases/${DEMO_CASE_ID}`);
    await visitor.loginForm.waitFor();
    expect(await visitor.page.getByLabel('Gebruikersnaam').isVisible()).toBe(true);
    expect(await visitor.page.getByLabel('Wachtwoord').isVisible()).toBe(true);
    expect(await visitor.page.getByTestId(`editor-occupational-${SECTION}`).count()).toBe(0);

    await visitor.logIn('ba.demo', DEMO_PASSWORD);
    await visitor.page.getByTestId(`editor-occupational-${SECTION}`).waitFor();
    expect(visitor.pageErrors).toEqual([]);
  });

  it('wrong credentials show the Dutch error message as an alert', async () => {
    const visitor = await browser.newVisitor(server.url);
    await visitor.logIn('ba.demo', 'niet-het-wachtwoord');
    await waitForText(visitor.alert, 'Onbekende gebruikersnaam of onjuist wachtwoord.');
    expect(await visitor.loginForm.isVisible()).toBe(true);
    expect(await visitor.caseListHeading.count()).toBe(0);
  });

  it('BA and VA each write their own position and read the other, live and after a reload', async () => {
    const [ba, va] = await Promise.all([browser.newPhysician(server.url, 'ba.demo'), browser.newPhysician(server.url, 'va.demo')]);
    await Promise.all([ba.openCase(DEMO_CASE_ID), va.openCase(DEMO_CASE_ID)]);
    expect(await ba.ownEditor(SECTION).getAttribute('contenteditable')).toBe('true');
    expect(await ba.otherEditor(SECTION).getAttribute('contenteditable')).toBe('false');

    const baText = 'Belastbaar voor licht magazijnwerk, 4 uur per dag.';
    const vaText = 'Geen benutbare mogelijkheden tot week 40.';
    await ba.typeInOwn(SECTION, baText);
    await va.typeInOwn(SECTION, vaText);
    await waitForText(va.otherEditor(SECTION), baText);
    await waitForText(ba.otherEditor(SECTION), vaText);

    // The other physician's column is read-only: typing into it changes nothing there.
    await va.typeAtEnd(va.otherEditor(SECTION), ' VA schrijft mee');
    expect(await va.otherEditor(SECTION).getAttribute('contenteditable')).toBe('false');
    expect(await va.textOf('other', SECTION)).toBe(baText);

    // A reload starts from the server's copy: both positions are still there, nothing else.
    await ba.reload();
    await waitForText(ba.ownEditor(SECTION), baText);
    await waitForText(ba.otherEditor(SECTION), vaText);
    expect(await ba.textOf('own', SECTION)).toBe(baText);
    expect(await ba.textOf('other', SECTION)).toBe(vaText);

    expect(ba.pageErrors).toEqual([]);
    expect(va.pageErrors).toEqual([]);
  });
});

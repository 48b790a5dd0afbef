import { beforeEach, describe, it } from 'vitest';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { expectNothingSerious, scan } from '../helpers/axe.ts';
import { useBrowser, useWorkspaceServer, type PhysicianPage } from '../helpers/browser.ts';
import type { TestServer } from '../helpers/testServer.ts';

describe('accessibility of the workspace (axe-core)', () => {
  const browser = useBrowser();
  const workspace = useWorkspaceServer();
  let server: TestServer;
  beforeEach(() => {
    server = workspace();
  });

  it('the login page, also with an error message, has no serious or critical violations', async () => {
    const visitor = await browser.newVisitor(server.url);
    await visitor.loginForm.waitFor();
    expectNothingSerious('the login page', await scan(visitor.page));
    await visitor.logIn('ba.demo', 'niet-het-wachtwoord');
    await visitor.alert.waitFor();
    expectNothingSerious('the login page with an error', await scan(visitor.page));
  });

  it('the case list has no serious or critical violations', async () => {
    const ba = await browser.newPhysician(server.url, 'ba.demo');
    expectNothingSerious('the case list', await scan(ba.page));
  });

  it('an open case with content, differences, formatting and the other physician present has none', async () => {
    const [ba, va] = await Promise.all([browser.newPhysician(server.url, 'ba.demo'), browser.newPhysician(server.url, 'va.demo')]);
    await Promise.all([ba.openCase(DEMO_CASE_ID), va.openCase(DEMO_CASE_ID)]);
    await fillIn(ba, va);

    // The VA's caret (with its name label) is on the BA's screen while the BA is scanned.
    await ba.caretsIn(ba.otherEditor('d240')).waitFor();
    expectNothingSerious('the workspace (BA)', await scan(ba.page));
    expectNothingSerious('the workspace (VA)', await scan(va.page));

    await ba.showGroup('omgeving');
    expectNothingSerious('the workspace, environment group', await scan(ba.page));

    await ba.chooseLanguage('en');
    expectNothingSerious('the workspace in English', await scan(ba.page));
  });

  it('the overview matrix, with filled-in sections and differences, has none', async () => {
    const [ba, va] = await Promise.all([browser.newPhysician(server.url, 'ba.demo'), browser.newPhysician(server.url, 'va.demo')]);
    await Promise.all([ba.openCase(DEMO_CASE_ID), va.openCase(DEMO_CASE_ID)]);
    await fillIn(ba, va);
    await ba.showOverview();
    await ba.matrixRow('d240').and(ba.page.locator('[data-difference="major"]')).waitFor();
    await ba.matrixRow('d230').and(ba.page.locator('[data-difference="minor"]')).waitFor();
    expectNothingSerious('the overview matrix', await scan(ba.page));
  });

  it('the workflow: a flag, a proposal with changes, an agreement, a dialog and a dispute have none', async () => {
    const [ba, va] = await Promise.all([browser.newPhysician(server.url, 'ba.demo'), browser.newPhysician(server.url, 'va.demo')]);
    await Promise.all([ba.openCase(DEMO_CASE_ID), va.openCase(DEMO_CASE_ID)]);
    // d175 agreed, d220 proposed and changed since, d230 flagged.
    for (const [section, text] of [
      ['d175', 'Samen: lost eenvoudige problemen op.'],
      ['d220', 'Samen: twee taken tegelijk.'],
    ] as const) {
      await ba.typeAtEnd(ba.jointEditor(section), text);
      await ba.waitUntilSaved();
      await ba.proposeAgreement(section);
    }
    await va.waitForStatus('d175', 'proposed');
    await va.signAgreement('d175');
    await va.waitForStatus('d175', 'agreed');
    await ba.typeAtEnd(ba.jointEditor('d220'), ' Geen drukte.');
    await va.proposalDiff('d220').and(va.page.locator('[data-changed="true"]')).waitFor();
    await va.flagDisagreement('d230', 'Verschil in dagstructuur.');
    expectNothingSerious('the workflow in section cards', await scan(va.page));

    await va.sectionButton('d230', 'Escaleren naar geschil').click();
    await va.dialog.waitFor();
    expectNothingSerious('the dispute form', await scan(va.page));
    await va.dialog.getByLabel('Vraag die het geschil moet beantwoorden').fill('Hoeveel structuur is nodig?');
    await va.dialog.getByRole('button', { name: 'Geschil openen' }).click();
    await va.disputes.first().getByLabel('Reviewer kiezen').waitFor();
    expectNothingSerious('the disputes', await scan(va.page));
  });
});

/** Some content in every kind of editor, a minor and a major difference, bold text and a list. */
async function fillIn(ba: PhysicianPage, va: PhysicianPage): Promise<void> {
  await ba.typeInOwn('d240', 'Belastbaar voor licht werk.');
  await ba.section('d240').getByRole('button', { name: 'Vet' }).first().click();
  await ba.page.keyboard.type(' Geen deadlines.');
  await ba.page.keyboard.press('Enter');
  await ba.page.keyboard.press('Control+Shift+8');
  await ba.page.keyboard.type('geen nachtdiensten');
  await va.typeInOwn('d240', 'Beperkt belastbaar.');
  await ba.typeAtEnd(ba.jointEditor('d240'), 'Samen: opbouw in zes weken.');
  await ba.chooseQualifier('d240', '1');
  await va.chooseQualifier('d240', '3');
  await ba.chooseQualifier('d230', '2');
  await va.chooseQualifier('d230', '3');
  await ba.waitForDifference('d240', 'major');
  await ba.waitForDifference('d230', 'minor');
  await va.ownEditor('d240').click();
}

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
    await ba.editors.caretsIn(ba.editors.other('d240')).waitFor();
    expectNothingSerious('the workspace (BA)', await scan(ba.page));
    expectNothingSerious('the workspace (VA)', await scan(va.page));

    await ba.workspace.showGroup('omgeving');
    expectNothingSerious('the workspace, environment group', await scan(ba.page));

    await ba.workspace.chooseLanguage('en');
    expectNothingSerious('the workspace in English', await scan(ba.page));
  });

  it('the overview matrix, with filled-in sections and differences, has none', async () => {
    const [ba, va] = await Promise.all([browser.newPhysician(server.url, 'ba.demo'), browser.newPhysician(server.url, 'va.demo')]);
    await Promise.all([ba.openCase(DEMO_CASE_ID), va.openCase(DEMO_CASE_ID)]);
    await fillIn(ba, va);
    await ba.workspace.showOverview();
    await ba.workspace.matrixRow('d240').and(ba.page.locator('[data-difference="major"]')).waitFor();
    await ba.workspace.matrixRow('d230').and(ba.page.locator('[data-difference="minor"]')).waitFor();
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
      await ba.editors.typeAtEnd(ba.editors.joint(section), text);
      await ba.workspace.waitUntilSaved();
      await ba.workflow.propose(section);
    }
    await va.workflow.waitForStatus('d175', 'proposed');
    await va.workflow.sign('d175');
    await va.workflow.waitForStatus('d175', 'agreed');
    await ba.editors.typeAtEnd(ba.editors.joint('d220'), ' Geen drukte.');
    await va.workflow.proposalDiff('d220').and(va.page.locator('[data-changed="true"]')).waitFor();
    await va.workflow.flag('d230', 'Verschil in dagstructuur.');
    expectNothingSerious('the workflow in section cards', await scan(va.page));

    await va.workflow.sectionButton('d230', 'Escaleren naar geschil').click();
    await va.dialog.waitFor();
    expectNothingSerious('the dispute form', await scan(va.page));
    await va.dialog.getByLabel('Vraag die het geschil moet beantwoorden').fill('Hoeveel structuur is nodig?');
    await va.dialog.getByRole('button', { name: 'Geschil openen' }).click();
    await va.disputes.all.first().getByLabel('Reviewer kiezen').waitFor();
    expectNothingSerious('the disputes', await scan(va.page));
  });
});

/** Some content in every kind of editor, a minor and a major difference, bold text and a list. */
async function fillIn(ba: PhysicianPage, va: PhysicianPage): Promise<void> {
  await ba.editors.typeInOwn('d240', 'Belastbaar voor licht werk.');
  await ba.workspace.section('d240').getByRole('button', { name: 'Vet' }).first().click();
  await ba.page.keyboard.type(' Geen deadlines.');
  await ba.page.keyboard.press('Enter');
  await ba.page.keyboard.press('Control+Shift+8');
  await ba.page.keyboard.type('geen nachtdiensten');
  await va.editors.typeInOwn('d240', 'Beperkt belastbaar.');
  await ba.editors.typeAtEnd(ba.editors.joint('d240'), 'Samen: opbouw in zes weken.');
  await ba.editors.chooseQualifier('d240', '1');
  await va.editors.chooseQualifier('d240', '3');
  await ba.editors.chooseQualifier('d230', '2');
  await va.editors.chooseQualifier('d230', '3');
  await ba.editors.waitForDifference('d240', 'major');
  await ba.editors.waitForDifference('d230', 'minor');
  await va.editors.own('d240').click();
}

import { describe, expect, it } from 'vitest';
import { qualifierOption } from '../../shared/qualifiers.ts';
import { templateSections } from '../../shared/template/index.ts';
import { TEMPLATE_V1 } from '../../shared/template/shipped.ts';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { expectNothingSerious, scan } from '../helpers/axe.ts';
import { expectNoPageErrors, useBrowser, useWorkspaceServer, waitForText, type PhysicianPage } from '../helpers/browser.ts';
import { position, writeDoc } from '../helpers/docWriter.ts';
import { WorkflowClient } from '../helpers/workflowClient.ts';

const AGREED = 'd240';
const AGREED_TEXT = 'Vier uur per dag, met vaste pauzes.';
const AGREED_QUALIFIER = '2';
const RESIDUAL = 'e250';
const BA_POSITION = 'De werkplek belemmert licht.';
const VA_POSITION = 'De werkplek belemmert ernstig.';
const INVITATION = /^Aart de Deskundige is uitgenodigd door Anna Bakker \(bedrijfsarts\) op \d+ \w+ \d{4} om \d\d:\d\d$/;

/** Opens the view where the physicians invite the arbeidsdeskundige. */
async function showLabourExpert(physician: PhysicianPage) {
  await physician.workspace.showGroup('labour-expert');
  return physician.page.getByTestId('labour-expert-panel');
}

describe('the arbeidsdeskundige', () => {
  const browser = useBrowser();
  const server = useWorkspaceServer();

  it('the BA invites, the VA sees who invited whom; the labour expert reads the handover without editor or document connection, until the VA objects', async () => {
    // One section agreed through the API: what the labour expert is handed over.
    const baApi = new WorkflowClient(server(), await server().login('ba.demo'), DEMO_CASE_ID);
    const vaApi = new WorkflowClient(server(), await server().login('va.demo'), DEMO_CASE_ID);
    await baApi.writeJoint(AGREED, AGREED_TEXT);
    await baApi.setQualifier('joint', AGREED, AGREED_QUALIFIER);
    const proposed = await baApi.propose(AGREED);
    expect((await vaApi.sign(AGREED, proposed.body.workflow.sections[AGREED]!.proposal!.hash)).status).toBe(200);
    // And one left in residual disagreement by a closed dispute, with both positions.
    await writeDoc(server(), baApi.token, DEMO_CASE_ID, 'occupational', position(RESIDUAL, BA_POSITION, '1'));
    await writeDoc(server(), vaApi.token, DEMO_CASE_ID, 'insurance', position(RESIDUAL, VA_POSITION, '3'));
    expect((await baApi.flag(RESIDUAL)).status).toBe(200);
    const dispute = (await baApi.openDispute([RESIDUAL])).body.workflow.disputes.at(-1)!;
    expect((await vaApi.closeDispute(dispute.id, { [RESIDUAL]: 'residual' })).status).toBe(200);

    const { ba, va } = await browser.bothPhysicians(server().url);
    const baPanel = await showLabourExpert(ba);
    const vaPanel = await showLabourExpert(va);
    await baPanel.getByTestId('labour-expert-choice').selectOption({ label: 'Aart de Deskundige — UWV Demo' });
    await baPanel.getByRole('button', { name: 'Uitnodigen' }).click();
    await waitForText(baPanel.getByTestId('labour-expert-invitation'), 'Aart de Deskundige is uitgenodigd door Anna Bakker');
    expect(await baPanel.getByTestId('labour-expert-invitation').innerText()).toMatch(INVITATION);
    // The inviter revokes; only the other physician objects.
    expect(await baPanel.getByRole('button', { name: 'Uitnodiging intrekken' }).count()).toBe(1);
    expect(await baPanel.getByRole('button', { name: 'Bezwaar maken' }).count()).toBe(0);
    // The VA learns it from the push.
    await waitForText(vaPanel.getByTestId('labour-expert-invitation'), 'Aart de Deskundige is uitgenodigd door Anna Bakker');
    expect(await vaPanel.getByTestId('labour-expert-invitation').innerText()).toMatch(INVITATION);
    expect(await vaPanel.getByRole('button', { name: 'Bezwaar maken' }).count()).toBe(1);

    const ad = await browser.newPhysician(server().url, 'ad.demo');
    const sockets: string[] = [];
    const refused: string[] = [];
    ad.page.on('websocket', (socket) => sockets.push(socket.url()));
    ad.page.on('response', (response) => {
      if (response.status() >= 400) refused.push(`${response.status()} ${response.url()}`);
    });
    // The case list (the work queue) again, now watched: it asks for nothing the labour expert is refused either.
    await ad.page.reload();
    await ad.caseListHeading.waitFor();
    await ad.page.locator(`a.case-link[href="/cases/${DEMO_CASE_ID}"]`).click();
    const page = ad.page.getByTestId('labour-expert-page');
    await page.waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Magazijnmedewerker — terugkeer na uitval');
    expect(await page.innerText()).toContain('WN-2026-0147');
    const agreed = page.getByTestId(`agreed-${AGREED}`);
    const section = templateSections(TEMPLATE_V1).find((s) => s.id === AGREED)!;
    await waitForText(agreed.getByRole('heading'), `${section.icf} ${section.label.nl}`);
    expect(await agreed.innerText()).toContain(AGREED_TEXT);
    expect(await page.getByTestId(`agreed-qualifier-${AGREED}`).innerText()).toBe(qualifierOption('icf-d', AGREED_QUALIFIER)!.label.nl);
    const lines = async (testId: string) => (await page.getByTestId(testId).innerText()).split('\n').filter(Boolean);
    expect(await lines(`residual-${RESIDUAL}-ba`)).toEqual(['Bedrijfsarts', BA_POSITION, `Kwalificatie: ${qualifierOption('icf-e', '1')!.label.nl}`]);
    expect(await lines(`residual-${RESIDUAL}-va`)).toEqual(['Verzekeringsarts', VA_POSITION, `Kwalificatie: ${qualifierOption('icf-e', '3')!.label.nl}`]);
    // Read-only: no editor, no document connection, no request the server refuses; no employer summary released yet.
    expect(await ad.page.locator('.ProseMirror, [contenteditable="true"]').count()).toBe(0);
    expect(await page.getByTestId('labour-expert-employer').count()).toBe(0);
    const dossier = await ad.download(page.getByRole('link', { name: 'Dossier (PDF)' }));
    expect(dossier.content.subarray(0, 5).toString()).toBe('%PDF-');
    expect(sockets.filter((url) => url.includes('/collab'))).toEqual([]);
    expect(sockets.length, 'the realtime channel of the user (not of the case) is open').toBeGreaterThan(0);
    expect(refused).toEqual([]);
    expectNothingSerious("the labour expert's page", await scan(ad.page));
    await ad.workspace.chooseLanguage('en');
    await waitForText(page.getByTestId('labour-expert-agreed').getByRole('heading', { level: 2 }), 'Agreed positions');
    expect(await page.getByRole('link', { name: 'Dossier (PDF)' }).getAttribute('href')).toBe(`/api/cases/${DEMO_CASE_ID}/export/dossier.pdf?lang=en`);
    expect(await page.getByTestId(`residual-${RESIDUAL}-ba`).innerText()).toContain(`Qualifier: ${qualifierOption('icf-e', '1')!.label.en}`);
    await ad.workspace.chooseLanguage('nl');

    // The VA objects: the invitation ends, for both physicians and for the labour expert.
    await vaPanel.getByRole('button', { name: 'Bezwaar maken' }).click();
    await vaPanel.getByLabel('Reden van bezwaar (optioneel)').fill('Geen onafhankelijke arbeidsdeskundige');
    expectNothingSerious('the objection form', await scan(va.page));
    await vaPanel.getByRole('button', { name: 'Bezwaar indienen' }).click();
    await vaPanel.getByTestId('labour-expert-none').waitFor();
    await baPanel.getByTestId('labour-expert-none').waitFor();
    refused.length = 0;
    await ad.page.reload();
    await waitForText(ad.page.getByTestId('labour-expert-refused'), 'U heeft geen toegang (meer) tot deze casus.');
    // Only its own view was asked for at the reload (nothing prefetched for the physicians' page).
    expect(refused).toEqual([`403 ${server().url}/api/cases/${DEMO_CASE_ID}/labour-expert-view`]);
    expect(sockets.filter((url) => url.includes('/collab'))).toEqual([]);
    expectNoPageErrors(ba, va, ad);
  });

  it('a physician closes the case after confirming: both see why and when, and nothing is offered any more', async () => {
    const { ba, va } = await browser.bothPhysicians(server().url);
    const baPanel = await showLabourExpert(ba);
    const vaPanel = await showLabourExpert(va);
    await baPanel.getByText('Casus sluiten', { exact: true }).click();
    await baPanel.getByLabel('Reden van sluiten').selectOption('wia-besluit');
    expectNothingSerious('the close control', await scan(ba.page));
    const confirmed = ba.page.waitForEvent('dialog').then(async (dialog) => {
      expect(dialog.message()).toContain('De casus sluiten (WIA-besluit)?');
      await dialog.accept();
    });
    await baPanel.getByRole('button', { name: 'Sluiten', exact: true }).click();
    await confirmed;
    for (const panel of [baPanel, vaPanel]) {
      await waitForText(panel.getByTestId('case-closed'), 'Casus gesloten (WIA-besluit) op');
      expect(await panel.getByRole('button').count()).toBe(0);
      expect(await panel.locator('select').count()).toBe(0);
    }
    // The case header says so too, whichever view is open.
    for (const { page } of [ba, va]) await waitForText(page.getByTestId('case-header-closed'), 'Casus gesloten (WIA-besluit) op');
    expectNoPageErrors(ba, va);
  });
});

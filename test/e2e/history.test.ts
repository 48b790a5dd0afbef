import { describe, expect, it } from 'vitest';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { expectNothingSerious, scan } from '../helpers/axe.ts';
import { expectNoPageErrors, useBrowser, useWorkspaceServer, waitForText } from '../helpers/browser.ts';
import { expectNoDutch } from '../helpers/language.ts';

describe('the history of a case and the summary for the employer in the browser', () => {
  const server = useWorkspaceServer();
  const browser = useBrowser();

  it('the BA saves a version, writes more, saves another, and the comparison marks the inserted words as added', async () => {
    const ba = await browser.newPhysician(server().url, 'ba.demo');
    await ba.openCase(DEMO_CASE_ID);
    await ba.editors.typeInOwn('d240', 'Kan vier uur per dag werken.');
    await ba.workspace.waitUntilSaved();
    await ba.history.show();
    await ba.history.saveVersion('Eerste versie');

    await ba.workspace.showGroup('persoonlijk');
    await ba.editors.typeAtEnd(ba.editors.own('d240'), ' Zonder deadlines.');
    await waitForText(ba.editors.own('d240'), 'Zonder deadlines.');
    await ba.workspace.waitUntilSaved();
    await ba.history.show();
    await ba.history.saveVersion('Tweede versie');

    // The newest version is compared at first; the older one is picked here (the server may have taken milestone versions too).
    expect(await ba.history.picked('to')).toMatch(/Tweede versie$/);
    await ba.history.pick('from', 'Eerste versie');
    await ba.history.sectionDiff('d240').and(ba.page.locator('[data-changed="true"][open]')).waitFor();
    await waitForText(ba.history.added('d240', 'occupational'), 'Zonder deadlines.');
    // Named in words, not by colour only.
    expect(await ba.history.added('d240', 'occupational').innerText()).toContain('toegevoegd');
    expect(await ba.history.removed('d240', 'occupational').count()).toBe(0);
    expect(await ba.history.partDiff('d240', 'joint').getAttribute('data-changed')).toBe('false');
    // A section nobody touched is collapsed.
    const unchanged = ba.history.sectionDiff('d430');
    expect(await unchanged.getAttribute('data-changed')).toBe('false');
    expect(await unchanged.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(false);
    expectNothingSerious('the history view', await scan(ba.page));

    // In English, the view has no Dutch left but what the physician wrote (and the server's labels of milestone versions).
    await ba.workspace.chooseLanguage('en');
    await waitForText(ba.history.view, 'History of the case');
    await waitForText(ba.history.added('d240', 'occupational'), 'added');
    await expectNoDutch(ba, /Eerste versie|Tweede versie|Kan vier uur per dag werken\.|Zonder deadlines\.|Week \d+: [^\n·]*/g);
    expectNoPageErrors(ba);
  });

  it('the employer summary warns about "burn-out" without blocking, releases version 1; the VA sees a notice and the releases, and downloads the PDF', async () => {
    const { ba, va } = await browser.bothPhysicians(server().url);
    await ba.employer.show();
    await ba.employer.text('d240').fill('Werknemer heeft een burn-out en kan vier uur per dag werken.');
    await waitForText(ba.employer.warnings('d240'), "Let op: 'burn-out' lijkt medische informatie.");
    await ba.employer.waitUntilSaved();
    expectNothingSerious('the employer summary', await scan(ba.page));
    await ba.employer.release();
    await waitForText(ba.employer.releaseStatus, 'Versie 1 vrijgegeven op');
    await ba.employer.view.getByTestId('release-1').waitFor();

    await va.employer.show();
    await waitForText(va.employer.view, 'Alleen de bedrijfsarts stelt de samenvatting voor de werkgever op');
    expect(await va.employer.view.getByRole('textbox').count()).toBe(0);
    // The VA reads which versions were released, and may download the latest.
    await va.employer.view.getByTestId('release-1').waitFor();
    const pdf = await va.download(va.employer.view.getByTestId('export-employer'));
    expect(pdf.content.subarray(0, 5).toString()).toBe('%PDF-');

    // The exports are linked from the case header.
    const fhir = await ba.page.getByTestId('header-exports').getByTestId('export-fhir').getAttribute('href');
    expect(fhir).toBe(`/api/cases/${DEMO_CASE_ID}/export/fhir`);
    expectNoPageErrors(ba, va);
  });
});

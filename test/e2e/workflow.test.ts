import { afterEach, describe, expect, it } from 'vitest';
import { localDate } from '../../shared/sickness.ts';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import type { AppConfig } from '../../server/app.ts';
import { expectNoDutch } from '../helpers/language.ts';
import { CLIENT_DIR, expectNoPageErrors, useBrowser, waitForText } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const daysFromToday = (days: number) => localDate(new Date(Date.now() + days * DAY_MS));

describe('the consultation workflow in the browser: flags, agreed positions and the dispute route', () => {
  const browser = useBrowser();
  let server: TestServer | null = null;

  afterEach(async () => {
    await server?.close();
    server = null;
  });

  async function start(config: Partial<AppConfig> = {}): Promise<TestServer> {
    server = await startTestServer({ clientDir: CLIENT_DIR, config });
    return server;
  }

  it('BA flags d240 and the VA sees it live; both draft; the VA proposes, the BA signs; d430 goes through a dispute with a reviewer whose access ends when it closes', async () => {
    const { url } = await start();
    const { ba, va } = await browser.bothPhysicians(url);
    await Promise.all([ba.workflow.waitForStatus('d240', 'open'), va.workflow.waitForStatus('d240', 'open')]);

    // The BA flags a disagreement; the VA's screen follows without a reload.
    const rationale = 'De BA ziet stress als kern van de beperking; de VA acht de werknemer belastbaarder.';
    await ba.workflow.flag('d240', rationale, 'capacity');
    // The button that opened the dialog is gone; focus lands on the section, not on the page.
    await expect.poll(() => ba.workspace.focusedId()).toBe('section-d240');
    await va.workflow.waitForStatus('d240', 'disagreement');
    await waitForText(va.page.getByTestId('flag-d240'), 'gemeld door Anna Bakker (bedrijfsarts)');
    expect(await va.page.getByTestId('flag-rationale-d240').innerText()).toBe(rationale);
    // Only the flagger may withdraw it.
    expect(await va.workflow.sectionButton('d240', 'Melding intrekken').count()).toBe(0);
    expect(await ba.workflow.sectionButton('d240', 'Melding intrekken').count()).toBe(1);

    // Both write the joint draft.
    const first = 'Samen: 4 uur per dag, zonder deadlines.';
    const second = ' Opbouw in zes weken.';
    await ba.editors.typeAtEnd(ba.editors.joint('d240'), first);
    await va.editors.waitForExactText('joint', 'd240', first);
    await va.editors.typeAtEnd(va.editors.joint('d240'), second);
    const agreedText = first + second;
    await ba.editors.waitForExactText('joint', 'd240', agreedText);
    await Promise.all([ba.workspace.waitUntilSaved(), va.workspace.waitUntilSaved()]);

    // The VA proposes; the BA sees exactly what would be signed, and that nothing changed since.
    await va.workflow.propose('d240');
    await ba.workflow.waitForStatus('d240', 'proposed');
    expect(await ba.workflow.proposalText('d240').innerText()).toBe(agreedText);
    await ba.workflow.proposalDiff('d240').and(ba.page.locator('[data-changed="false"]')).waitFor();
    expect(await va.workflow.sectionButton('d240', 'Ondertekenen').count()).toBe(0);
    await waitForText(va.workspace.section('d240'), 'Wacht op ondertekening door de bedrijfsarts.');

    await ba.workflow.sign('d240');
    for (const physician of [ba, va]) {
      await physician.workflow.waitForStatus('d240', 'agreed');
      expect(await physician.page.getByTestId('agreement-text-d240').innerText()).toBe(agreedText);
      const signatures = await physician.page.getByTestId('agreement-signatures-d240').innerText();
      expect(signatures).toContain('Voorgesteld door Victor Visser (verzekeringsarts)');
      expect(signatures).toContain('Ondertekend door Anna Bakker (bedrijfsarts)');
      // The agreed text is locked: the joint draft is read-only, and it can be reopened.
      await physician.editors.joint('d240').and(physician.page.locator('[aria-readonly="true"]')).waitFor();
      expect(await physician.workflow.sectionButton('d240', 'Heropenen').count()).toBe(1);
    }
    // A margin comment on the agreed text, for the reviewer to read later.
    const threadId = await ba.comments.commentOn('joint', 'd240', '4 uur per dag', 'Is de opbouw haalbaar?');
    await va.workspace.showOverview();
    await va.page.getByTestId('matrix-status-d240').and(va.page.locator('[data-status="agreed"]')).waitFor();

    // d430: positions, a flag by the VA, then the BA escalates it into a dispute.
    await Promise.all([ba.workspace.showGroup('dynamisch'), va.workspace.showGroup('dynamisch')]);
    await ba.editors.typeInOwn('d430', 'BA: tillen tot 10 kg, niet boven schouderhoogte.');
    await va.editors.typeInOwn('d430', 'VA: tillen tot 5 kg, af en toe.');
    await Promise.all([ba.workspace.waitUntilSaved(), va.workspace.waitUntilSaved()]);
    await va.workflow.flag('d430', 'Wij verschillen over het tilgewicht.', 'capacity');
    await ba.workflow.waitForStatus('d430', 'disagreement');

    await ba.workflow.sectionButton('d430', 'Escaleren naar geschil').click();
    const form = ba.dialog;
    expect(await form.getByRole('checkbox', { name: /^d430 / }).isChecked()).toBe(true);
    expect(await form.getByRole('radio', { name: 'Expliciete keuze' }).isChecked()).toBe(true);
    await form.getByLabel('Vraag die het geschil moet beantwoorden').fill('Hoeveel kan de werknemer tillen en hoe vaak?');
    await form.getByLabel('Toelichting').fill('Drie overleggen zonder toenadering.');
    // A target date already passed: the peer review is overdue from the start.
    await form.getByLabel('Collegiale toetsing uiterlijk').fill(daysFromToday(-1));
    await form.getByLabel('Afsluiting uiterlijk').fill(daysFromToday(30));
    await form.getByRole('button', { name: 'Geschil openen' }).click();
    await form.waitFor({ state: 'detached' });

    // The BA is taken to the new dispute; the VA's section shows it escalated.
    const baDispute = ba.disputes.all.first();
    await baDispute.waitFor();
    expect(await ba.page.evaluate(() => document.activeElement?.closest('article')?.hasAttribute('data-dispute-id'))).toBe(true);
    await va.workflow.waitForStatus('d430', 'escalated');
    await ba.disputes.waitForStage(baDispute, 'opened', 'reached');
    await ba.disputes.waitForStage(baDispute, 'peer_review', 'pending');
    expect(await ba.disputes.timelineStage(baDispute, 'peer_review').getAttribute('data-overdue')).toBe('true');
    expect(await ba.disputes.timelineStage(baDispute, 'closed').getAttribute('data-overdue')).toBe('false');

    // Before the invitation the reviewer sees no case at all.
    const reviewer = await browser.newPhysician(url, 'reviewer.demo');
    await reviewer.page.getByText('Er zijn nog geen dossiers aan u gekoppeld.').waitFor();

    // The BA invites the reviewer, chosen from the candidates.
    await baDispute.getByLabel('Reviewer kiezen').selectOption({ label: 'Renée de Roos (verzekeringsarts)' });
    await baDispute.getByRole('button', { name: 'Uitnodigen' }).click();
    await ba.disputes.waitForStage(baDispute, 'peer_review', 'reached');

    // The reviewer now sees only that case, and opens it read-only.
    await reviewer.page.reload();
    await reviewer.caseListHeading.waitFor();
    await reviewer.page.locator('a.case-link').first().waitFor();
    expect(await reviewer.page.locator('a.case-link').count()).toBe(1);
    await reviewer.openCaseAsReviewer(DEMO_CASE_ID);
    const localCopies = () => reviewer.page.evaluate(async () => (await indexedDB.databases()).filter((db) => db.name?.includes('cases/demo/')).length);
    expect(await localCopies()).toBe(3);
    for (const part of ['occupational', 'insurance', 'joint'] as const) {
      expect(await reviewer.editors.editor(part, 'd240').getAttribute('aria-readonly')).toBe('true');
    }
    expect(await reviewer.page.locator('select[data-testid^="qualifier-"]').count()).toBe(0);
    expect(await reviewer.page.getByRole('toolbar').count()).toBe(0);
    await reviewer.workflow.waitForStatus('d240', 'agreed');
    // The reviewer reads the comments but writes none: no reply, no resolving, no new thread on a selection.
    await waitForText(reviewer.comments.thread(threadId).getByTestId('thread-quote'), '4 uur per dag');
    await waitForText(reviewer.comments.commentsOf(threadId).first(), 'Is de opbouw haalbaar?');
    expect(await reviewer.comments.thread(threadId).getByTestId('thread-reply').count()).toBe(0);
    await reviewer.editors.selectWords(reviewer.editors.editor('joint', 'd240'), 'zonder deadlines');
    expect(await reviewer.comments.button('joint', 'd240').count()).toBe(0);
    // No action in a section: the only buttons are disclosures that reading takes (the section's definition, the agreement's full fingerprint, folding the comment margin).
    for (const section of ['d160', 'd240']) {
      const buttons = reviewer.workspace.section(section).getByRole('button');
      expect(
        await buttons
          .filter({ hasNotText: 'Volledig kenmerk tonen' })
          .filter({ hasNotText: /Opmerkingen \(\d+\)/ })
          .filter({ hasNotText: 'Definitie' })
          .count(),
      ).toBe(0);
    }
    expect(await reviewer.workspace.section('d240').getByRole('button', { name: 'Volledig kenmerk tonen' }).count()).toBe(1);

    // In the disputes the only thing the reviewer can do is record their opinion.
    await reviewer.disputes.show();
    const reviewerDispute = reviewer.disputes.all.first();
    await reviewerDispute.waitFor();
    expect(await reviewer.page.getByTestId('disputes-panel').getByRole('button').allInnerTexts()).toEqual(['Advies vastleggen']);
    const opinion = 'Tillen tot 7,5 kg is verantwoord, niet repeterend; herbeoordelen na zes weken.';
    await reviewerDispute.getByLabel('Uw advies').fill(opinion);
    await reviewerDispute.getByRole('button', { name: 'Advies vastleggen' }).click();
    await waitForText(reviewerDispute.getByTestId('opinion-text'), opinion);
    await waitForText(baDispute.getByTestId('opinion-text'), opinion);

    // The BA records a formal route (asked for by the employee) and its outcome.
    await baDispute.getByRole('button', { name: 'Formele route vastleggen' }).click();
    await ba.dialog.getByLabel('Soort').selectOption('deskundigenoordeel');
    await ba.dialog.getByLabel('Aangevraagd door').selectOption('employee');
    await ba.dialog.getByLabel('Vraagstelling').fill('Heeft de werkgever voldoende re-integratie-inspanningen verricht?');
    await ba.dialog.getByRole('button', { name: 'Vastleggen' }).click();
    await ba.dialog.waitFor({ state: 'detached' });
    await ba.disputes.waitForStage(baDispute, 'formal_route', 'reached');
    const outcome = 'UWV: passende arbeid binnen 7,5 kg tillen.';
    await baDispute.getByLabel('Uitkomst', { exact: true }).fill(outcome);
    await baDispute.getByRole('button', { name: 'Uitkomst vastleggen' }).click();
    await waitForText(baDispute.getByTestId('formal-outcome'), outcome);

    // The VA closes the dispute as documented residual disagreement.
    await va.disputes.show();
    const vaDispute = va.disputes.all.first();
    await waitForText(vaDispute.getByTestId('formal-outcome'), outcome);
    await vaDispute.getByRole('button', { name: 'Geschil afsluiten' }).click();
    const outcomeChoice = va.dialog.getByLabel(/^Uitkomst voor d430 /);
    expect(await outcomeChoice.inputValue()).toBe('residual');
    await va.dialog.getByRole('button', { name: 'Afsluiten', exact: true }).click();
    await va.dialog.waitFor({ state: 'detached' });

    // Every stage on the timeline, with who and when, on both screens.
    for (const [physician, dispute] of [
      [ba, baDispute],
      [va, vaDispute],
    ] as const) {
      await physician.disputes.waitForStage(dispute, 'closed', 'reached');
      await dispute.getByTestId('outcome-d430').and(physician.page.locator('[data-outcome="residual"]')).waitFor();
      for (const stage of ['opened', 'peer_review', 'formal_route'] as const) {
        expect(await physician.disputes.timelineStage(dispute, stage).getAttribute('data-state')).toBe('reached');
        expect(await physician.disputes.timelineStage(dispute, stage).innerText()).toContain('Anna Bakker (bedrijfsarts)');
      }
      expect(await physician.disputes.timelineStage(dispute, 'closed').innerText()).toContain('Victor Visser (verzekeringsarts)');
      expect(await physician.disputes.timelineStage(dispute, 'peer_review').innerText()).toContain('bereikt na de streefdatum');
      expect(await physician.disputes.timelineStage(dispute, 'closed').getAttribute('data-overdue')).toBe('false');
    }
    await va.workspace.showGroup('dynamisch');
    await va.workflow.waitForStatus('d430', 'resolved');

    // The reviewer's open page says their access ended; the case has left their list.
    await reviewer.page.getByTestId('access-ended').waitFor();
    await waitForText(reviewer.alert, 'Uw toegang tot dit dossier is beëindigd');
    expect(await reviewer.page.locator('.editor').count()).toBe(0);
    // Nor does the reviewer's browser keep a copy of the case's documents.
    await expect.poll(localCopies).toBe(0);
    await reviewer.page.getByRole('link', { name: 'Terug naar dossiers' }).click();
    await reviewer.caseListHeading.waitFor();
    await reviewer.page.getByText('Er zijn nog geen dossiers aan u gekoppeld.').waitFor();
    expect(await reviewer.page.locator('a.case-link').count()).toBe(0);
    await reviewer.goto(`/cases/${DEMO_CASE_ID}`);
    await waitForText(reviewer.alert, 'U heeft geen toegang tot dit dossier.');
    expectNoPageErrors(ba, va, reviewer);
  });

  it('a signature on a draft that changed after the proposal is refused with an explanation; proposing again and signing then works, and reopening unlocks the draft', async () => {
    const { url } = await start();
    const { ba, va } = await browser.bothPhysicians(url);
    const proposed = 'Samen: lost eenvoudige problemen zelfstandig op.';
    await ba.editors.typeAtEnd(ba.editors.joint('d175'), proposed);
    await ba.workspace.waitUntilSaved();
    await ba.workflow.propose('d175');
    await va.workflow.waitForStatus('d175', 'proposed');
    expect(await va.workflow.proposalText('d175').innerText()).toBe(proposed);

    // The BA goes on writing after the proposal; the VA sees what changed.
    const added = ' Complexe problemen met hulp.';
    await ba.editors.typeAtEnd(ba.editors.joint('d175'), added);
    await ba.workspace.waitUntilSaved();
    await va.editors.waitForExactText('joint', 'd175', proposed + added);
    await va.workflow.proposalDiff('d175').and(va.page.locator('[data-changed="true"]')).waitFor();
    await waitForText(va.workflow.proposalDiff('d175').locator('ins'), 'Complexe problemen met hulp.');

    // Signing now is refused: the signature would not cover the draft as it stands.
    await va.workflow.sign('d175');
    const refusal = va.page.getByTestId('sign-error-d175');
    await refusal.and(va.page.locator('[data-error="sign.stale-draft"]')).waitFor();
    await waitForText(refusal, 'Het gezamenlijk concept is gewijzigd sinds het voorstel');
    await va.workflow.waitForStatus('d175', 'proposed');

    // The VA proposes the current draft; the BA reads and signs it.
    await va.workflow.sectionButton('d175', 'Huidig concept opnieuw voorstellen').click();
    await refusal.waitFor({ state: 'detached' });
    await waitForText(ba.workspace.section('d175'), 'door Victor Visser (verzekeringsarts)');
    expect(await ba.workflow.proposalText('d175').innerText()).toBe(proposed + added);
    await ba.workflow.proposalDiff('d175').and(ba.page.locator('[data-changed="false"]')).waitFor();
    expect(await va.workflow.sectionButton('d175', 'Ondertekenen').count()).toBe(0);
    await ba.workflow.sign('d175');
    await Promise.all([ba.workflow.waitForStatus('d175', 'agreed'), va.workflow.waitForStatus('d175', 'agreed')]);
    await va.editors.joint('d175').and(va.page.locator('[aria-readonly="true"]')).waitFor();

    // Reopening asks for a reason, and unlocks the joint draft for both.
    await va.workflow.sectionButton('d175', 'Heropenen').click();
    await va.dialog.getByLabel('Reden').fill('Nieuwe informatie van de behandelaar.');
    await va.dialog.getByRole('button', { name: 'Heropenen' }).click();
    await va.dialog.waitFor({ state: 'detached' });
    await Promise.all([ba.workflow.waitForStatus('d175', 'open'), va.workflow.waitForStatus('d175', 'open')]);
    await ba.editors.joint('d175').and(ba.page.locator('[aria-readonly="false"]')).waitFor();
    expect(await va.page.getByTestId('agreement-d175').count()).toBe(0);
    expectNoPageErrors(ba, va);
  });

  it('a persistent disagreement is highlighted with a prompt to escalate, which opens a persistent dispute; closing it at once skips peer review and formal route; the English page has no Dutch', async () => {
    // Every disagreement is persistent at once: no need to wait 28 days.
    const { url } = await start({ PERSISTENT_DAYS: 0 });
    const { ba, va } = await browser.bothPhysicians(url);

    await ba.workflow.flag('d160', 'Verschil in concentratieduur.', 'hours');
    await va.workflow.statusChip('d160').and(va.page.locator('[data-status="disagreement"][data-persistent="true"]')).waitFor();
    // Withdrawn, the flag and the prompt are gone; flagged again, both return.
    await ba.workflow.sectionButton('d160', 'Melding intrekken').click();
    await Promise.all([ba.workflow.waitForStatus('d160', 'open'), va.workflow.waitForStatus('d160', 'open')]);
    expect(await va.page.getByTestId('persistent-banner').count()).toBe(0);
    await va.workflow.flag('d160', 'Verschil in concentratieduur, opnieuw.', 'hours');
    const banner = ba.page.getByTestId('persistent-banner');
    await waitForText(banner, 'd160 Aandacht richten');

    await banner.getByRole('button', { name: 'Aanhoudende onenigheid escaleren' }).click();
    expect(await ba.dialog.getByRole('checkbox', { name: /^d160 / }).isChecked()).toBe(true);
    expect(await ba.dialog.getByRole('radio', { name: /^Aanhoudende onenigheid/ }).isChecked()).toBe(true);
    await ba.dialog.getByLabel('Vraag die het geschil moet beantwoorden').fill('Hoe lang kan de werknemer zich concentreren?');
    await ba.dialog.getByRole('button', { name: 'Geschil openen' }).click();
    await ba.dialog.waitFor({ state: 'detached' });
    const dispute = ba.disputes.all.first();
    await waitForText(dispute, 'Aanhoudende onenigheid');
    await va.workflow.waitForStatus('d160', 'escalated');
    expect(await va.page.getByTestId('persistent-banner').count()).toBe(0);

    // Closed at once: the stages in between are marked skipped.
    await dispute.getByRole('button', { name: 'Geschil afsluiten' }).click();
    await ba.dialog.getByLabel(/^Uitkomst voor d160 /).selectOption('withdrawn');
    await ba.dialog.getByRole('button', { name: 'Afsluiten', exact: true }).click();
    await ba.disputes.waitForStage(dispute, 'closed', 'reached');
    await ba.disputes.waitForStage(dispute, 'peer_review', 'skipped');
    await ba.disputes.waitForStage(dispute, 'formal_route', 'skipped');
    await waitForText(ba.disputes.timelineStage(dispute, 'formal_route'), 'overgeslagen');
    await va.workflow.waitForStatus('d160', 'resolved');

    // In English, the disputes and the sections with their workflow show no Dutch interface text.
    await ba.workspace.chooseLanguage('en');
    await waitForText(dispute, 'Persistent disagreement');
    await expectNoDutch(ba, /Verschil in concentratieduur[^\n]*|Hoe lang kan de werknemer[^\n]*/g);
    await ba.workspace.showGroup('persoonlijk');
    await waitForText(ba.workflow.statusChip('d160'), 'resolved');
    await expectNoDutch(ba, /Verschil in concentratieduur[^\n]*|Hoe lang kan de werknemer[^\n]*/g);
    expectNoPageErrors(ba, va);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/poortwachter.ts';
import { proposeConsultation } from '../../shared/sessionProposal.ts';
import { localDate } from '../../shared/sickness.ts';
import { scan } from '../helpers/axe.ts';
import { CLIENT_DIR, expectNoPageErrors, useBrowser, waitForText } from '../helpers/browser.ts';
import { api } from '../helpers/http.ts';
import { Poortwachter } from '../helpers/pages/poortwachter.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';
import { WorkflowClient } from '../helpers/workflowClient.ts';

/**
 * A case in week 89 of sickness (day 3 of it): the re-integration report
 * (weeks 87–91) is due now, so the BA may record doubt, and the WIA
 * application (from week 91) falls due in 12 days, so a consultation is proposed.
 */
const DAYS_SICK = 7 * 88 + 2;

describe('the Poortwachter timeline, the proposal near a milestone and the doubt at the actueel oordeel in the browser', () => {
  const browser = useBrowser();
  let server: TestServer;
  let caseId: string;
  let firstSickDay: string;

  beforeAll(async () => {
    server = await startTestServer({ clientDir: CLIENT_DIR });
    firstSickDay = addDays(localDate(new Date()), -DAYS_SICK);
    const created = await api(server.url, 'POST', '/api/cases', {
      token: await server.login('admin.demo'),
      body: { title: 'Poortwachter', employeePseudonym: 'WN-P', employer: 'Werkgever', firstSickDay, ba: 'ba.demo', va: 'va.demo' },
    });
    expect(created.status).toBe(201);
    caseId = created.body.id as string;
    // One open disagreement (d240); d430 was flagged and withdrawn, so it is no longer open.
    const ba = new WorkflowClient(server, await server.login('ba.demo'), caseId);
    expect((await ba.flag('d240', 'Verschil in belastbaarheid.')).status).toBe(200);
    expect((await ba.flag('d430', 'Tilgewicht.')).status).toBe(200);
    expect((await ba.withdrawFlag('d430')).status).toBe(200);
  });
  afterAll(() => server.close());

  it('the header shows the week and the next milestone; the proposal plans a session with the open disagreement; the BA records doubt; no overflow at 1024 px; axe finds nothing', async () => {
    const ba = await browser.newPhysician(server.url, 'ba.demo');
    await ba.page.setViewportSize({ width: 1024, height: 800 });
    await ba.openCase(caseId);
    const pw = new Poortwachter(ba);

    // The timeline: week 89, the report due now (a diamond, "nu"), the WIA application next (a ring, "volgende").
    expect(await pw.timeline.getAttribute('data-week')).toBe('89');
    expect(await pw.nowMarker.innerText()).toBe('wk 89');
    expect(await pw.nextMilestone.getAttribute('data-key')).toBe('re-integratieverslag');
    await waitForText(pw.nextMilestone, 'Volgende mijlpaal: Re-integratieverslag met actueel oordeel bedrijfsarts (week 87–91');
    expect(await pw.marker('re-integratieverslag').getAttribute('data-kind')).toBe('current');
    expect(await pw.marker('wia-aanvraag').getAttribute('data-kind')).toBe('next');
    expect(await pw.marker('probleemanalyse').getAttribute('data-kind')).toBe('past');
    // The accessible list names every milestone with its weeks, date and state.
    expect(await pw.markers.count()).toBe(19);
    expect(await pw.marker('wia-aanvraag').textContent()).toMatch(/^WIA-aanvraag, week 91–93, \d+ \w+ \d{4}: volgende$/);
    // Hover shows the same text.
    await pw.marker('ziekmelding-uwv').hover();
    expect(await pw.marker('ziekmelding-uwv').locator('.pw-marker__tip').isVisible()).toBe(true);

    // The proposal: the WIA application in 12 days; the dialog opens with the suggested time and only d240 on the agenda.
    await waitForText(pw.proposal, 'Mijlpaal week 91–93 — WIA-aanvraag over 12 dagen. Plan een consult met de verzekeringsarts?');
    expect(await pw.proposal.getAttribute('data-milestone')).toBe('wia-aanvraag');
    await pw.planFromProposal();
    const expected = proposeConsultation({ firstSickDay, today: localDate(new Date()), workflow: { sections: {}, sessions: [] } })!;
    expect(await ba.dialog.getByLabel('Datum').inputValue()).toBe(expected.suggestedDate);
    expect(await ba.dialog.getByLabel('Begintijd').inputValue()).toBe('10:00');
    expect(await ba.sessions.agendaCheckbox('d240').isChecked()).toBe(true);
    expect(await ba.dialog.locator('input[type="checkbox"]:checked').count()).toBe(1);
    await ba.dialog.getByRole('button', { name: 'Annuleren' }).click();
    await ba.dialog.waitFor({ state: 'detached' });

    // The RIV window is open: no doubt yet, then the BA records it and the status asks for a consultation.
    expect(await pw.rivStatus.getAttribute('data-state')).toBe('none');
    await pw.recordDoubt('Belastbaarheid wisselt per week.');
    await pw.rivStatus.and(ba.page.locator('[data-state="required"]')).waitFor();
    await waitForText(pw.rivStatus, 'Consultatie met de VA vereist vóór het re-integratieverslag');

    expect(await pw.horizontalOverflow()).toEqual({ header: false, page: false });
    expect(await scan(ba.page)).toEqual([]);

    // Dismissed for this milestone, the proposal stays away after a reload (the next one is 18 days off).
    await pw.dismissProposal();
    await ba.reload();
    await pw.timeline.waitFor();
    expect(await pw.proposal.count()).toBe(0);
    expectNoPageErrors(ba);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseListEntry } from '../../shared/api.ts';
import { TEMPLATE_V1 } from '../../shared/template/shipped.ts';
import { dateIn, URGENCY_SORT, viewQueue, type QueueFilter } from '../../shared/workQueueView.ts';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { scan } from '../helpers/axe.ts';
import { CLIENT_DIR, expectNoPageErrors, useBrowser, useWorkspaceServer, waitForText, type PhysicianPage } from '../helpers/browser.ts';
import { api } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';
import { WorkflowClient } from '../helpers/workflowClient.ts';

const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '.000Z');

/** A case for ba.demo and va.demo, created by the administrator through the API. */
async function createCase(server: TestServer, admin: string, fields: { title: string; employeePseudonym: string; employer: string; firstSickDay?: string }) {
  const created = await api(server.url, 'POST', '/api/cases', {
    token: admin,
    body: { firstSickDay: '2026-01-05', ...fields, ba: 'ba.demo', va: 'va.demo' },
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

/** The VA writes an agreed text into a section's joint draft and proposes it: it then waits for the BA's signature. */
async function vaProposes(server: TestServer, vaToken: string, caseId: string, section = 'd240'): Promise<void> {
  const va = new WorkflowClient(server, vaToken, caseId);
  await va.writeJoint(section, 'Gezamenlijk: vier uur per dag belastbaar.');
  expect((await va.propose(section)).status).toBe(200);
}

/** The ids the page should show first: the shared ordering and filters over what the server answers. */
async function expectedIds(server: TestServer, token: string, filters: QueueFilter[], search = ''): Promise<string[]> {
  const rows = (await api<CaseListEntry[]>(server.url, 'GET', '/api/cases', { token })).body;
  return viewQueue(rows, { search, filters: new Set(filters), sort: URGENCY_SORT }, { today: dateIn(new Date()) }).map((row) => row.id);
}

describe('the case list as a work queue', () => {
  const browser = useBrowser();
  const workspace = useWorkspaceServer();
  const ids: Record<'proposed' | 'other', string> = { proposed: '', other: '' };

  beforeAll(async () => {
    const server = workspace();
    const admin = await server.login('admin.demo');
    ids.proposed = await createCase(server, admin, {
      title: 'Heftruckchauffeur — rugklachten',
      employeePseudonym: 'WN-2026-0311',
      employer: 'Transport Oost B.V.',
    });
    ids.other = await createCase(server, admin, { title: 'Verpleegkundige — burn-out', employeePseudonym: 'WN-2026-0412', employer: 'Zorggroep West' });
    await vaProposes(server, await server.login('va.demo'), ids.proposed);
  });

  it('"wacht op mij" shows exactly the case whose proposal waits for my signature; the VA, who proposed, has none', async () => {
    const { url } = workspace();
    const ba = await browser.newPhysician(url, 'ba.demo');
    await ba.queue.waitForCases(await expectedIds(workspace(), await workspace().login('ba.demo'), []));
    expect((await ba.queue.caseIds()).sort()).toEqual([DEMO_CASE_ID, ids.proposed, ids.other].sort());
    // Urgency first: the waiting signature is on top.
    expect((await ba.queue.caseIds())[0]).toBe(ids.proposed);

    await ba.queue.toggle('Wacht op mij');
    await ba.queue.waitForCases([ids.proposed]);
    await waitForText(ba.queue.range, '1–1 van 1');
    await ba.queue.toggle('Wacht op mij');
    await ba.queue.waitForCases(await expectedIds(workspace(), await workspace().login('ba.demo'), []));

    const va = await browser.newPhysician(url, 'va.demo');
    await va.queue.toggle('Wacht op mij');
    await va.queue.noMatch.waitFor();
    // The proposal is an open disagreement for both.
    await va.queue.toggle('Onenigheid');
    await va.queue.noMatch.waitFor();
    await va.queue.toggle('Wacht op mij');
    await va.queue.waitForCases([ids.proposed]);
    expectNoPageErrors(ba, va);
  });

  it('search narrows as you type, by pseudonym and by employer, whatever the case', async () => {
    const ba = await browser.newPhysician(workspace().url, 'ba.demo');
    await ba.queue.search('wn-2026-04');
    await ba.queue.waitForCases([ids.other]);
    await ba.queue.search('TRANSPORT');
    await ba.queue.waitForCases([ids.proposed]);
    await ba.queue.search('zorggroep west');
    await ba.queue.waitForCases([ids.other]);
    await ba.queue.search('burn');
    await ba.queue.waitForCases([ids.other]);
    await ba.queue.search('niemand');
    await ba.queue.noMatch.waitFor();
    await ba.queue.searchBox.fill('');
    expect(await ba.queue.rows.count()).toBe(3);
  });

  it('sorts by a column header with the keyboard (aria-sort follows), and Enter on a row opens its case', async () => {
    const ba = await browser.newPhysician(workspace().url, 'ba.demo');
    const byPseudonym = ['WN-2026-0147', 'WN-2026-0311', 'WN-2026-0412'];
    const pseudonyms = () => ba.queue.rows.locator('td:first-child a').allInnerTexts();
    await ba.queue.rows.first().waitFor();
    expect(await ba.queue.header('Werknemer').getAttribute('aria-sort')).toBeNull();

    await ba.queue.sortByKeyboard('Werknemer');
    await ba.queue.header('Werknemer').and(ba.page.locator('[aria-sort="ascending"]')).waitFor();
    expect(await pseudonyms()).toEqual(byPseudonym);
    await ba.queue.sortByKeyboard('Werknemer', 'Space');
    await ba.queue.header('Werknemer').and(ba.page.locator('[aria-sort="descending"]')).waitFor();
    expect(await pseudonyms()).toEqual([...byPseudonym].reverse());
    // Another column takes over the sort; "urgency first" brings the default back.
    await ba.queue.sortByKeyboard('Werkgever');
    await ba.queue.header('Werkgever').and(ba.page.locator('[aria-sort="ascending"]')).waitFor();
    expect(await ba.queue.header('Werknemer').getAttribute('aria-sort')).toBeNull();
    expect(await ba.queue.caseIds()).toEqual([DEMO_CASE_ID, ids.proposed, ids.other]);
    await ba.page.getByRole('button', { name: 'Urgentie eerst' }).press('Enter');
    await ba.page.locator('thead th[aria-sort]').waitFor({ state: 'detached' });
    expect((await ba.queue.caseIds())[0]).toBe(ids.proposed);

    await ba.queue.row(ids.proposed).getByRole('link').focus();
    await ba.page.keyboard.press('Enter');
    await ba.waitForWorkspace();
    expect(new URL(ba.page.url()).pathname).toBe(`/cases/${ids.proposed}`);
  });

  it('the milestone column reads "wk n <milestone> · <date>", in English too', async () => {
    const ba = await browser.newPhysician(workspace().url, 'ba.demo');
    const milestone = ba.queue.row(ids.other).locator('.queue-milestone');
    expect(await milestone.innerText()).toMatch(/^wk \d+ .+ · \d+ \w+/);
    await ba.workspace.chooseLanguage('en');
    const filters = ba.page.getByRole('group', { name: 'Filters' });
    await filters.getByRole('button', { name: 'Waiting for me', exact: true }).waitFor();
    await filters.getByRole('button', { name: 'Milestone within 14 days', exact: true }).waitFor();
    expect(await ba.page.locator('thead').innerText()).toContain('Next milestone');
    await ba.workspace.chooseLanguage('nl');
  });
});

describe('the work queue with 500 cases', () => {
  const browser = useBrowser();
  let server: TestServer;
  let baToken: string;
  const CASES = 500;
  const pseudonym = (i: number) => `WN-Q-${String(i).padStart(3, '0')}`;
  const caseId = (i: number) => `queue-${String(i).padStart(3, '0')}`;

  beforeAll(async () => {
    server = await startTestServer({ clientDir: CLIENT_DIR });
    const [ba, va] = await Promise.all(['ba.demo', 'va.demo'].map((name) => server.stores.records.findUserByUsername(name)));
    const day = (i: number) => new Date(Date.now() - (7 + ((i * 37) % 600)) * 86_400_000).toISOString().slice(0, 10);
    // Straight into the store: the list reads cases as the server stores them, however they were made.
    for (let i = 1; i <= CASES; i++) {
      await server.stores.records.createCase(
        {
          id: caseId(i),
          title: `Dossier ${i}`,
          employeePseudonym: pseudonym(i),
          employer: ['Bouwbedrijf Noord', 'Zorggroep West', 'Transport Oost'][i % 3]!,
          firstSickDay: day(i),
          templateVersion: TEMPLATE_V1.version,
        },
        [
          { caseId: caseId(i), userId: ba!.id, caseRole: 'ba' },
          { caseId: caseId(i), userId: va!.id, caseRole: 'va' },
        ],
      );
    }
    baToken = await server.login('ba.demo');
    const vaToken = await server.login('va.demo');
    for (const i of [7, 260, 499]) await vaProposes(server, vaToken, caseId(i));
    for (const i of [3, 120, 480]) expect((await new WorkflowClient(server, baToken, caseId(i)).flag('d430')).status).toBe(200);
    for (const [i, hours] of [
      [42, 2],
      [43, 24 * 9],
    ] as const)
      expect(
        (await new WorkflowClient(server, baToken, caseId(i)).post('/sessions', { scheduledAt: inHours(hours), durationMinutes: 30, mode: 'video' })).status,
      ).toBe(201);
  }, 120_000);
  afterAll(() => server.close());

  async function openList(): Promise<PhysicianPage> {
    const ba = await browser.newPhysician(server.url, 'ba.demo');
    await ba.page.setViewportSize({ width: 1024, height: 768 });
    await waitForText(ba.queue.range, `1–50 van ${CASES + 1}`);
    return ba;
  }

  it('pages through all of them, and search and filters cover every case, not only the page shown', async () => {
    const ba = await openList();
    const all = await expectedIds(server, baToken, []);
    await ba.queue.waitForCases(all.slice(0, 50));
    expect(all.slice(0, 3).sort()).toEqual([caseId(7), caseId(260), caseId(499)].sort());
    expect(await ba.queue.pagerButton('Vorige').isDisabled()).toBe(true);

    await ba.queue.pagerButton('Volgende').click();
    await waitForText(ba.queue.range, `51–100 van ${CASES + 1}`);
    await ba.queue.waitForCases(all.slice(50, 100));
    for (let page = 3; page <= 11; page++) await ba.queue.pagerButton('Volgende').press('Enter');
    await waitForText(ba.queue.range, `501–501 van ${CASES + 1}`);
    await ba.queue.waitForCases(all.slice(500));
    expect(await ba.queue.pagerButton('Volgende').isDisabled()).toBe(true);

    // A filter starts again at the first page, over all the cases.
    await ba.queue.toggle('Wacht op mij');
    await ba.queue.waitForCases(await expectedIds(server, baToken, ['awaitingMe']));
    expect((await ba.queue.caseIds()).sort()).toEqual([caseId(7), caseId(260), caseId(499)]);
    await ba.queue.toggle('Onenigheid');
    await waitForText(ba.queue.range, '1–3 van 3');
    await ba.queue.toggle('Wacht op mij');
    await ba.queue.waitForCases(await expectedIds(server, baToken, ['disagreement']));
    expect(await ba.queue.caseIds()).toHaveLength(6);
    await ba.queue.toggle('Onenigheid');

    for (const [label, filter] of [
      ['Sessie deze week', 'sessionThisWeek'],
      ['Mijlpaal binnen 14 dagen', 'milestoneSoon'],
    ] as const) {
      const expected = await expectedIds(server, baToken, [filter]);
      await ba.queue.toggle(label);
      await waitForText(ba.queue.range, expected.length ? `1–${Math.min(50, expected.length)} van ${expected.length}` : '0–0 van 0');
      await ba.queue.waitForCases(expected.slice(0, 50));
      await ba.queue.toggle(label);
    }
    expect(await expectedIds(server, baToken, ['milestoneSoon'])).not.toHaveLength(0);

    await ba.queue.search(pseudonym(437));
    await ba.queue.waitForCases([caseId(437)]);
    await ba.queue.search('wn-q-1');
    await waitForText(ba.queue.range, '1–50 van 100');
    await ba.queue.search('zorggroep');
    await ba.queue.waitForCases((await expectedIds(server, baToken, [], 'zorggroep')).slice(0, 50));
    expectNoPageErrors(ba);
  });

  it('at 1024×768 nothing scrolls sideways or is clipped in a cell, in Dutch and in English, and axe finds no violation', async () => {
    const ba = await openList();
    expect(await ba.queue.overflow()).toEqual({ pageOverflows: false, clippedCells: [] });
    expect(await scan(ba.page)).toEqual([]);
    await ba.workspace.chooseLanguage('en');
    await ba.page
      .getByTestId('queue-range')
      .filter({ hasText: `1–50 of ${CASES + 1}` })
      .waitFor();
    expect(await ba.queue.overflow()).toEqual({ pageOverflows: false, clippedCells: [] });
    await ba.workspace.chooseLanguage('nl');
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_SECTION_TEXT_CHARS } from '../../shared/limits.ts';
import { TEMPLATE_V1 } from '../../shared/template/shipped.ts';
import { formatDocName } from '../../shared/docNames.ts';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { expectNoPageErrors, useBrowser, useWorkspaceServer, waitForText } from '../helpers/browser.ts';
import { storedSectionText } from '../helpers/collabClient.ts';
import type { TestServer } from '../helpers/testServer.ts';
import { WorkflowClient } from '../helpers/workflowClient.ts';

const SECTION = 'd240';
const SIGNED = 'Vier uur per dag, met pauzes.';

describe('an agreed draft, as the server keeps it', () => {
  const browser = useBrowser();
  const workspace = useWorkspaceServer();
  let server: TestServer;
  beforeEach(() => {
    server = workspace();
  });

  it('an edit made offline to a draft signed meanwhile is refused: the page says so and shows the signed text again, locked', async () => {
    const { ba, va } = await browser.bothPhysicians(server.url);
    const baApi = new WorkflowClient(server, await server.login('ba.demo'), DEMO_CASE_ID);
    const vaApi = new WorkflowClient(server, await server.login('va.demo'), DEMO_CASE_ID);
    await baApi.writeJoint(SECTION, SIGNED);
    const proposed = await vaApi.propose(SECTION);
    await waitForText(va.editors.joint(SECTION), SIGNED);
    await va.workflow.waitForStatus(SECTION, 'proposed');

    // The VA goes offline; the BA signs meanwhile, so the VA's page still shows the proposal.
    await va.workspace.offlineReady();
    await va.page.context().setOffline(true);
    await va.workspace.connection.and(va.page.locator('[data-state="offline"]')).waitFor();
    expect((await baApi.sign(SECTION, proposed.body.workflow.sections[SECTION]!.proposal!.hash)).status).toBe(200);
    await ba.workflow.waitForStatus(SECTION, 'agreed');
    await va.editors.typeAtEnd(va.editors.joint(SECTION), ' Of vijf.');
    await waitForText(va.editors.joint(SECTION), 'Of vijf.');

    await va.page.context().setOffline(false);
    const notice = va.page.getByTestId('collab-notices');
    await waitForText(notice, 'niet opgeslagen');
    await waitForText(notice, 'vergrendeld');
    await va.editors.waitForExactText('joint', SECTION, SIGNED);
    await va.workflow.waitForStatus(SECTION, 'agreed');
    await expect.poll(() => va.editors.joint(SECTION).getAttribute('aria-readonly')).toBe('true');
    await va.workspace.waitUntilSaved();
    // Not retried: the store, the BA and a reload all hold the signed text.
    expect(await storedSectionText(server.stores, formatDocName({ caseId: DEMO_CASE_ID, part: 'joint' }), SECTION)).toBe(SIGNED);
    expect(await ba.editors.textOf('joint', SECTION)).toBe(SIGNED);
    await va.reload();
    expect(await va.editors.textOf('joint', SECTION)).toBe(SIGNED);
    expectNoPageErrors(ba, va);

    expect((await vaApi.reopen(SECTION)).status).toBe(200);
  });

  it('reloaded offline, with the status of the sections unknown, the page offers no joint draft to edit', async () => {
    const ba = await browser.newPhysician(server.url, 'ba.demo');
    await ba.openCase(DEMO_CASE_ID);
    expect(await ba.editors.joint(SECTION).getAttribute('aria-readonly')).toBe('false');
    await ba.workspace.offlineReady();
    await ba.page.context().setOffline(true);
    await ba.workspace.connection.and(ba.page.locator('[data-state="offline"]')).waitFor();
    await ba.page.reload();
    await ba.editors.joint(SECTION).waitFor();
    await waitForText(ba.page.getByTestId(`joint-hint-${SECTION}`), 'onbekend');
    expect(await ba.editors.joint(SECTION).getAttribute('aria-readonly')).toBe('true');
    // The physician's own position stays theirs to write offline.
    expect(await ba.editors.own(SECTION).getAttribute('aria-readonly')).toBe('false');
    await ba.page.context().setOffline(false);
    await ba.workspace.connection.and(ba.page.locator('[data-state="connected"]')).waitFor({ timeout: 15_000 });
    await expect.poll(() => ba.editors.joint(SECTION).getAttribute('aria-readonly'), { timeout: 10_000 }).toBe('false');
  });

  it('a section that an older version stored with content the editor cannot show is named as such; the rest of the page works', async () => {
    const caseId = 'vergif';
    const users = await Promise.all(['ba.demo', 'va.demo'].map((name) => server.stores.records.findUserByUsername(name)));
    await server.stores.records.createCase(
      {
        id: caseId,
        title: 'Oud dossier',
        employeePseudonym: 'WN-OUD',
        employer: 'Oud B.V.',
        firstSickDay: '2026-03-02',
        templateVersion: TEMPLATE_V1.version,
      },
      [
        { caseId, userId: users[0]!.id, caseRole: 'ba' },
        { caseId, userId: users[1]!.id, caseRole: 'va' },
      ],
    );
    for (const part of ['joint', 'occupational'] as const) {
      const poison = new Y.Doc();
      poison.getText('d220').insert(0, 'geen alinea');
      await server.stores.docs.append(formatDocName({ caseId, part }), [Y.encodeStateAsUpdate(poison)]);
    }
    const { ba, va } = await browser.bothPhysicians(server.url, caseId);
    await waitForText(ba.editors.joint('d220'), 'niet kan tonen');
    await waitForText(ba.editors.own('d220'), 'niet kan tonen');
    await ba.editors.typeInOwn(SECTION, 'Gewoon verder.');
    await waitForText(va.editors.other(SECTION), 'Gewoon verder.');
    await ba.workflow.flag('d220', 'Oude inhoud');
    await va.workflow.waitForStatus('d220', 'disagreement');
    expectNoPageErrors(ba, va);
  });

  it('a change past the length of a section is refused in the editor and said so; nothing of it reaches the server', async () => {
    const ba = await browser.newPhysician(server.url, 'ba.demo');
    await ba.openCase(DEMO_CASE_ID);
    await ba.editors.placeCaret(ba.editors.own('d175'), 'end');
    await ba.page.keyboard.insertText('x'.repeat(MAX_SECTION_TEXT_CHARS + 1));
    await waitForText(ba.workspace.section('d175'), 'niet langer worden dan');
    expect(await ba.editors.textOf('own', 'd175')).toBe('');
    await ba.editors.typeInOwn('d175', 'Wel kort.');
    await ba.workspace.waitUntilSaved();
    expect(await storedSectionText(server.stores, formatDocName({ caseId: DEMO_CASE_ID, part: 'occupational' }), 'd175')).toBe('Wel kort.');
    expectNoPageErrors(ba);
  });
});

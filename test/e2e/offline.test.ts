import { beforeEach, describe, expect, it } from 'vitest';
import { formatDocName } from '../../shared/docNames.ts';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { useBrowser, useWorkspaceServer, waitForText } from '../helpers/browser.ts';
import { connectDoc, sectionText } from '../helpers/collabClient.ts';
import type { TestServer } from '../helpers/testServer.ts';

const SECTION = 'd240';

describe('working offline', () => {
  const browser = useBrowser();
  const workspace = useWorkspaceServer();
  let server: TestServer;
  beforeEach(() => {
    server = workspace();
  });

  it('typing offline survives a reload while offline, and merges without loss when the connection returns', async () => {
    const [ba, va] = await Promise.all([browser.newPhysician(server.url, 'ba.demo'), browser.newPhysician(server.url, 'va.demo')]);
    await Promise.all([ba.openCase(DEMO_CASE_ID), va.openCase(DEMO_CASE_ID)]);
    await ba.workspace.offlineReady();

    await ba.page.context().setOffline(true);
    await ba.workspace.connection.and(ba.page.locator('[data-state="offline"]')).waitFor();

    const offlineOwn = 'Offline geschreven: belastbaar 4 uur per dag.';
    const offlineJoint = 'BA offline in het concept.';
    await ba.editors.typeInOwn(SECTION, offlineOwn);
    await ba.editors.typeAtEnd(ba.editors.joint(SECTION), offlineJoint);
    // Meanwhile the VA, online, writes too.
    const vaOwn = 'VA online: geen beperkingen voor stress.';
    const vaJoint = 'VA online in het concept.';
    await va.editors.typeInOwn(SECTION, vaOwn);
    await va.editors.typeAtEnd(va.editors.joint(SECTION), vaJoint);

    const pendingBefore = Number(await ba.workspace.connection.getAttribute('data-pending'));
    expect(pendingBefore).toBeGreaterThanOrEqual(offlineOwn.length);
    // Own position and joint draft of one section: one section, however many keystrokes.
    await waitForText(ba.workspace.connection, 'niet-opgeslagen tekst in 1 sectie');

    // Reload with no network at all: the service worker serves the app, IndexedDB the text.
    await ba.page.reload();
    await ba.editors.own(SECTION).waitFor();
    await waitForText(ba.editors.own(SECTION), offlineOwn);
    await waitForText(ba.editors.joint(SECTION), offlineJoint);
    await ba.workspace.connection.and(ba.page.locator('[data-state="offline"]')).waitFor();
    expect(Number(await ba.workspace.connection.getAttribute('data-pending'))).toBe(pendingBefore);
    const afterReload = ' Na herladen.';
    await ba.editors.typeAtEnd(ba.editors.own(SECTION), afterReload);
    // Nothing reached the VA yet.
    expect(await va.editors.textOf('other', SECTION)).toBe('');

    await ba.page.context().setOffline(false);
    await ba.workspace.connection.and(ba.page.locator('[data-state="connected"][data-pending="0"]')).waitFor({ timeout: 15_000 });

    const baFinal = `${offlineOwn}${afterReload}`;
    await waitForText(va.editors.other(SECTION), baFinal);
    await waitForText(ba.editors.other(SECTION), vaOwn);
    for (const physician of [ba, va]) {
      await waitForText(physician.editors.joint(SECTION), offlineJoint);
      await waitForText(physician.editors.joint(SECTION), vaJoint);
    }
    expect(await ba.editors.textOf('joint', SECTION)).toBe(await va.editors.textOf('joint', SECTION));

    // And the server has it: a fresh client reads the BA's offline work from the store.
    const reader = connectDoc(server.collabUrl, formatDocName({ caseId: DEMO_CASE_ID, part: 'occupational' }), await server.login('va.demo'));
    try {
      await reader.synced();
      expect(sectionText(reader.doc, SECTION)).toBe(baFinal);
    } finally {
      reader.destroy();
    }
    expect(ba.pageErrors).toEqual([]);
  });

  it('logging out removes every local copy of case data from the browser, after a warning when changes are unconfirmed', async () => {
    const ba = await browser.newPhysician(server.url, 'ba.demo');
    await ba.openCase(DEMO_CASE_ID);
    await ba.editors.typeInOwn(SECTION, ' Lokaal bewaard.');
    await ba.workspace.connection.and(ba.page.locator('[data-pending="0"]')).waitFor();
    const localCopies = () =>
      ba.page.evaluate(async () => ({
        databases: (await indexedDB.databases()).map((db) => db.name ?? '').filter((name) => name.startsWith('cw:')),
        keys: Object.keys(localStorage).filter((key) => key.startsWith('cw:')),
      }));
    const before = await localCopies();
    expect(before.databases.length).toBe(3);
    expect(before.keys.some((key) => key.startsWith('cw:case:'))).toBe(true);

    // Unconfirmed work: the physician is asked before it is thrown away, and may stay.
    await ba.page.context().setOffline(true);
    await ba.editors.typeAtEnd(ba.editors.own(SECTION), ' Nog niet verstuurd.');
    const dialogs: string[] = [];
    ba.page.once('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await ba.page.getByRole('button', { name: 'Uitloggen' }).click();
    await expect.poll(() => dialogs.length).toBe(1);
    expect(dialogs[0]).toContain('nog niet op de server opgeslagen');
    expect((await localCopies()).databases.length).toBe(3);

    await ba.page.context().setOffline(false);
    await ba.workspace.connection.and(ba.page.locator('[data-state="connected"][data-pending="0"]')).waitFor({ timeout: 15_000 });
    await ba.page.getByRole('button', { name: 'Uitloggen' }).click();
    await ba.loginForm.waitFor();
    await expect.poll(localCopies).toEqual({ databases: [], keys: [] });
  });
});

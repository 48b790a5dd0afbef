import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { formatDocName } from '../../shared/docNames.ts';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { useBrowser, waitForText, type PhysicianPage } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';

/** The built client (`npm run build:client`), served by the real server. */
const CLIENT_DIR = fileURLToPath(new URL('../../dist/client', import.meta.url));
const SECTION = 'd240';
/** The navigation group that holds the section (the first group of the template). */
const SECTION_GROUP = 'persoonlijk';
const OCCUPATIONAL = formatDocName({ caseId: DEMO_CASE_ID, part: 'occupational' });

describe('margin comments in the browser (issue 5)', () => {
  const browser = useBrowser();
  let server: TestServer | null = null;

  afterEach(async () => {
    await server?.close();
    server = null;
  });

  /** The BA and the VA, each in their own browser, with the demo case open. */
  async function bothPhysicians(url: string): Promise<{ ba: PhysicianPage; va: PhysicianPage }> {
    const [ba, va] = await Promise.all([browser.newPhysician(url, 'ba.demo'), browser.newPhysician(url, 'va.demo')]);
    await Promise.all([ba.openCase(DEMO_CASE_ID), va.openCase(DEMO_CASE_ID)]);
    expect([ba.role, va.role]).toEqual(['ba', 'va']);
    return { ba, va };
  }

  /** Everything the server holds of the BA's document: what is stored, and its copy in memory. */
  async function storedBytes(test: TestServer): Promise<string> {
    const stored = await test.stores.docs.load(OCCUPATIONAL);
    const held = await test.workspace.collab.registry.read(OCCUPATIONAL, (doc) => Y.encodeStateAsUpdate(doc));
    return Buffer.concat([...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates, held]).toString('base64');
  }

  it("the VA comments on the BA's read-only text; the highlight follows the words while the BA edits; replies, resolution and unread counts are live; deleting the words leaves the thread detached", async () => {
    server = await startTestServer({ clientDir: CLIENT_DIR });
    const { ba, va } = await bothPhysicians(server.url);
    const words = 'vier uur per dag';
    const position = 'Kan vier uur per dag werken met vaste pauzes.';
    await ba.typeInOwn(SECTION, position);
    await ba.waitUntilSaved();
    await va.waitForExactText('other', SECTION, position);

    // The VA selects words in the BA's column, read-only for the VA, and starts a thread on them.
    expect(await va.otherEditor(SECTION).getAttribute('contenteditable')).toBe('false');
    const before = await storedBytes(server);
    const question = 'Waarop baseer je de vier uur?';
    const threadId = await va.commentOn('occupational', SECTION, words, question);
    await va.waitForHighlight(va.otherEditor(SECTION), threadId, words);
    await waitForText(va.thread(threadId).getByTestId('thread-quote'), words);

    // Commenting wrote nothing into the BA's document, and nothing was refused on the VA's behalf.
    expect(await storedBytes(server)).toBe(before);
    expect(await server.stores.audit.list({ caseId: DEMO_CASE_ID, action: 'denied' })).toEqual([]);

    // The BA sees the thread live, on the same words of their own column, as one unread comment.
    await ba.thread(threadId).waitFor();
    await ba.waitForHighlight(ba.ownEditor(SECTION), threadId, words);
    await ba.waitForUnread(1);
    expect(await ba.thread(threadId).getAttribute('data-unread')).toBe('1');

    // The BA writes before the words, at the start and right next to them: the highlight stays on the words.
    // ("ongeveer" types a "v" right before the "v" of "vier": the typed one must not become the first commented letter.)
    await ba.typeAtStart(ba.ownEditor(SECTION), 'Volgens werknemer: ');
    await ba.selectInOwn(ba.ownEditor(SECTION), words, { caretBefore: true });
    await ba.page.keyboard.type('ongeveer ');
    const edited = `Volgens werknemer: Kan ongeveer ${words} werken met vaste pauzes.`;
    await va.waitForExactText('other', SECTION, edited);
    await va.waitForHighlight(va.otherEditor(SECTION), threadId, words);
    expect(await va.highlightedText(va.otherEditor(SECTION), threadId)).toBe(words);
    await ba.waitForHighlight(ba.ownEditor(SECTION), threadId, words);

    // The BA replies: live in the VA's margin, and one unread comment for the VA (the BA's own reply read it for the BA).
    const answer = 'Op basis van de FML en het gesprek van vorige week.';
    await ba.replyTo(threadId, answer);
    await ba.waitForUnread(0);
    await waitForText(va.commentsOf(threadId).nth(1), answer);
    await va.waitForUnread(1);
    expect(await va.thread(threadId).getAttribute('data-unread')).toBe('1');
    await waitForText(va.navButton('comments'), '1 ongelezen');

    // Editing someone else's comment is not offered; one's own is.
    const vaOwn = va.commentsOf(threadId).nth(0);
    const fromBa = va.commentsOf(threadId).nth(1);
    expect(await fromBa.getByRole('button', { name: 'Bewerken' }).count()).toBe(0);
    expect(await fromBa.getByRole('button', { name: 'Verwijderen' }).count()).toBe(0);
    expect(await vaOwn.getByRole('button', { name: 'Bewerken' }).count()).toBe(1);
    expect(await ba.commentsOf(threadId).nth(0).getByRole('button', { name: 'Bewerken' }).count()).toBe(0);

    // The BA resolves the thread; the VA sees it resolved at once.
    await ba.thread(threadId).getByRole('button', { name: 'Oplossen' }).click();
    await va.thread(threadId).and(va.page.locator('[data-state="resolved"]')).waitFor();
    await waitForText(va.thread(threadId).getByTestId('thread-resolved'), 'Opgelost door Anna Bakker');

    // The case list shows the VA's unread comment too.
    await va.leaveCase();
    await waitForText(va.page.getByTestId(`case-unread-${DEMO_CASE_ID}`), '1 ongelezen opmerking');
    await va.openCase(DEMO_CASE_ID);
    await va.waitForUnread(1);

    // The VA opens the thread from the case's inbox: read, and its text is shown.
    await va.showComments();
    expect(await va.inboxThreads.first().getAttribute('data-thread-id')).toBe(threadId);
    expect(await va.inboxThreads.first().getAttribute('data-unread')).toBe('1');
    await va.openFromInbox(threadId);
    await va.waitForUnread(0);
    await va.navButton(SECTION_GROUP).and(va.page.locator('[aria-current="page"]')).waitFor();
    await expect.poll(() => va.page.evaluate(() => document.activeElement?.getAttribute('data-thread-id'))).toBe(threadId);
    expect(await va.thread(threadId).getAttribute('data-unread')).toBe('0');

    // The VA reopens it and edits their own comment; the BA sees both live.
    await va.thread(threadId).getByRole('button', { name: 'Heropenen' }).click();
    await ba.thread(threadId).and(ba.page.locator('[data-state="open"]')).waitFor();
    await vaOwn.getByRole('button', { name: 'Bewerken' }).click();
    await vaOwn.getByLabel('Opmerking bewerken').fill('Waarop baseer je de vier uur per dag?');
    await vaOwn.getByRole('button', { name: 'Opslaan' }).click();
    await waitForText(ba.commentsOf(threadId).nth(0).getByTestId('comment-text'), 'Waarop baseer je de vier uur per dag?');
    await waitForText(ba.commentsOf(threadId).nth(0), 'bewerkt');

    // The BA deletes the quoted words: the thread stays, detached, with its quote, for both.
    await ba.selectInOwn(ba.ownEditor(SECTION), words);
    await ba.page.keyboard.press('Backspace');
    await va.waitForExactText('other', SECTION, 'Volgens werknemer: Kan ongeveer  werken met vaste pauzes.');
    for (const physician of [va, ba]) {
      await physician.thread(threadId).and(physician.page.locator('[data-detached="true"]')).waitFor();
      await waitForText(physician.thread(threadId).getByTestId('thread-detached'), 'Tekst verwijderd');
      expect(await physician.thread(threadId).getByTestId('thread-quote').innerText()).toContain(words);
      expect(await physician.page.locator(`.editor [data-thread-id="${threadId}"]`).count()).toBe(0);
    }
    expect(ba.pageErrors).toEqual([]);
    expect(va.pageErrors).toEqual([]);
  });
});

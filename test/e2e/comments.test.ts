import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { formatDocName } from '../../shared/docNames.ts';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { CLIENT_DIR, expectNoPageErrors, useBrowser, waitForText } from '../helpers/browser.ts';
import { api } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';

const SECTION = 'd240';
/** The navigation group that holds the section (the first group of the template). */
const SECTION_GROUP = 'persoonlijk';
const OCCUPATIONAL = formatDocName({ caseId: DEMO_CASE_ID, part: 'occupational' });

describe('margin comments in the browser', () => {
  const browser = useBrowser();
  let server: TestServer | null = null;

  afterEach(async () => {
    await server?.close();
    server = null;
  });

  /** Everything the server holds of the BA's document: what is stored, and its copy in memory. */
  async function storedBytes(test: TestServer): Promise<string> {
    const stored = await test.stores.docs.load(OCCUPATIONAL);
    const held = await test.workspace.collab.registry.read(OCCUPATIONAL, (doc) => Y.encodeStateAsUpdate(doc));
    return Buffer.concat([...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates, held]).toString('base64');
  }

  it("the VA comments on the BA's read-only text; the highlight follows the words while the BA edits; replies, resolution and unread counts are live; deleting the words leaves the thread detached", async () => {
    server = await startTestServer({ clientDir: CLIENT_DIR });
    const { ba, va } = await browser.bothPhysicians(server.url);
    const words = 'vier uur per dag';
    const position = 'Kan vier uur per dag werken met vaste pauzes.';
    await ba.editors.typeInOwn(SECTION, position);
    await ba.workspace.waitUntilSaved();
    await va.editors.waitForExactText('other', SECTION, position);

    // The VA selects words in the BA's column, read-only for the VA, and starts a thread on them.
    expect(await va.editors.other(SECTION).getAttribute('aria-readonly')).toBe('true');
    const before = await storedBytes(server);
    const question = 'Waarop baseer je de vier uur?';
    const threadId = await va.comments.commentOn('occupational', SECTION, words, question);
    await va.comments.waitForHighlight(va.editors.other(SECTION), threadId, words);
    await waitForText(va.comments.thread(threadId).getByTestId('thread-quote'), words);

    // Commenting wrote nothing into the BA's document, and nothing was refused on the VA's behalf.
    expect(await storedBytes(server)).toBe(before);
    expect(await server.stores.audit.list({ caseId: DEMO_CASE_ID, action: 'denied' })).toEqual([]);

    // The BA sees the thread live, on the same words of their own column, as one unread comment.
    await ba.comments.thread(threadId).waitFor();
    await ba.comments.waitForHighlight(ba.editors.own(SECTION), threadId, words);
    await ba.comments.waitForUnread(1);
    expect(await ba.comments.thread(threadId).getAttribute('data-unread')).toBe('1');

    // The BA writes before the words, at the start and right next to them: the highlight stays on the words.
    // ("ongeveer" types a "v" right before the "v" of "vier": the typed one must not become the first commented letter.)
    await ba.editors.typeAtStart(ba.editors.own(SECTION), 'Volgens werknemer: ');
    await ba.editors.selectInOwn(ba.editors.own(SECTION), words, { caretBefore: true });
    await ba.page.keyboard.type('ongeveer ');
    const edited = `Volgens werknemer: Kan ongeveer ${words} werken met vaste pauzes.`;
    await va.editors.waitForExactText('other', SECTION, edited);
    await va.comments.waitForHighlight(va.editors.other(SECTION), threadId, words);
    expect(await va.comments.highlightedText(va.editors.other(SECTION), threadId)).toBe(words);
    await ba.comments.waitForHighlight(ba.editors.own(SECTION), threadId, words);

    // The BA replies: live in the VA's margin, and one unread comment for the VA (the BA's own reply read it for the BA).
    const answer = 'Op basis van de FML en het gesprek van vorige week.';
    await ba.comments.replyTo(threadId, answer);
    await ba.comments.waitForUnread(0);
    await waitForText(va.comments.commentsOf(threadId).nth(1), answer);
    await va.comments.waitForUnread(1);
    expect(await va.comments.thread(threadId).getAttribute('data-unread')).toBe('1');
    await waitForText(va.workspace.navButton('comments'), '1 ongelezen');

    // Editing someone else's comment is not offered; one's own is.
    const vaOwn = va.comments.commentsOf(threadId).nth(0);
    const fromBa = va.comments.commentsOf(threadId).nth(1);
    expect(await fromBa.getByRole('button', { name: 'Bewerken' }).count()).toBe(0);
    expect(await fromBa.getByRole('button', { name: 'Verwijderen' }).count()).toBe(0);
    expect(await vaOwn.getByRole('button', { name: 'Bewerken' }).count()).toBe(1);
    expect(await ba.comments.commentsOf(threadId).nth(0).getByRole('button', { name: 'Bewerken' }).count()).toBe(0);

    // The BA resolves the thread; the VA sees it resolved at once.
    await ba.comments.thread(threadId).getByRole('button', { name: 'Oplossen' }).click();
    await va.comments.thread(threadId).and(va.page.locator('[data-state="resolved"]')).waitFor();
    await waitForText(va.comments.thread(threadId).getByTestId('thread-resolved'), 'Opgelost door Anna Bakker');

    // The case list shows the VA's unread comment too.
    await va.leaveCase();
    await waitForText(va.page.getByTestId(`case-unread-${DEMO_CASE_ID}`), '1 ongelezen opmerking');
    await va.openCase(DEMO_CASE_ID);
    await va.comments.waitForUnread(1);

    // The VA opens the thread from the case's inbox: read, and its text is shown.
    await va.comments.show();
    expect(await va.comments.inboxThreads.first().getAttribute('data-thread-id')).toBe(threadId);
    expect(await va.comments.inboxThreads.first().getAttribute('data-unread')).toBe('1');
    await va.comments.openFromInbox(threadId);
    await va.comments.waitForUnread(0);
    await va.workspace.navButton(SECTION_GROUP).and(va.page.locator('[aria-current="page"]')).waitFor();
    await expect.poll(() => va.page.evaluate(() => document.activeElement?.getAttribute('data-thread-id'))).toBe(threadId);
    expect(await va.comments.thread(threadId).getAttribute('data-unread')).toBe('0');

    // The VA reopens it and edits their own comment; the BA sees both live.
    await va.comments.thread(threadId).getByRole('button', { name: 'Heropenen' }).click();
    await ba.comments.thread(threadId).and(ba.page.locator('[data-state="open"]')).waitFor();
    await vaOwn.getByRole('button', { name: 'Bewerken' }).click();
    await vaOwn.getByLabel('Opmerking bewerken').fill('Waarop baseer je de vier uur per dag?');
    await vaOwn.getByRole('button', { name: 'Opslaan' }).click();
    await waitForText(ba.comments.commentsOf(threadId).nth(0).getByTestId('comment-text'), 'Waarop baseer je de vier uur per dag?');
    await waitForText(ba.comments.commentsOf(threadId).nth(0), 'bewerkt');

    // The BA deletes the quoted words: the thread stays, detached, with its quote, for both.
    await ba.editors.selectInOwn(ba.editors.own(SECTION), words);
    await ba.page.keyboard.press('Backspace');
    await va.editors.waitForExactText('other', SECTION, 'Volgens werknemer: Kan ongeveer  werken met vaste pauzes.');
    for (const physician of [va, ba]) {
      await physician.comments.thread(threadId).and(physician.page.locator('[data-detached="true"]')).waitFor();
      await waitForText(physician.comments.thread(threadId).getByTestId('thread-detached'), 'Tekst verwijderd');
      expect(await physician.comments.thread(threadId).getByTestId('thread-quote').innerText()).toContain(words);
      expect(await physician.page.locator(`.editor [data-thread-id="${threadId}"]`).count()).toBe(0);
    }
    expectNoPageErrors(ba, va);
  });

  it('the BA comments on words of the joint draft and of their own column; the VA sees both live on the same words; the BA deletes their first comment, live for the VA, who cannot delete it', async () => {
    server = await startTestServer({ clientDir: CLIENT_DIR });
    const { ba, va } = await browser.bothPhysicians(server.url);
    const position = 'Belastbaar voor licht werk met vaste pauzes.';
    const draft = 'Samen: opbouw in zes weken naar vier uur per dag.';
    const ownWords = 'licht werk';
    const jointWords = 'opbouw in zes weken';
    await ba.editors.typeInOwn(SECTION, position);
    await ba.editors.typeAtEnd(ba.editors.joint(SECTION), draft);
    await ba.workspace.waitUntilSaved();
    await va.editors.waitForExactText('other', SECTION, position);
    await va.editors.waitForExactText('joint', SECTION, draft);

    // The BA starts a thread on words of the joint draft and one on words of their own column.
    const proposal = 'Is zes weken niet te kort? Ik denk eerder aan acht.';
    const jointThread = await ba.comments.commentOn('joint', SECTION, jointWords, proposal);
    const note = 'Licht werk: niet tillen boven 10 kg.';
    const ownThread = await ba.comments.commentOn('occupational', SECTION, ownWords, note);
    await ba.comments.waitForHighlight(ba.editors.joint(SECTION), jointThread, jointWords);
    await ba.comments.waitForHighlight(ba.editors.own(SECTION), ownThread, ownWords);

    // The VA sees both live, on the same words: in the joint draft and in the BA's column (read-only for the VA).
    await va.comments.thread(jointThread).waitFor();
    await va.comments.thread(ownThread).waitFor();
    await va.comments.waitForHighlight(va.editors.joint(SECTION), jointThread, jointWords);
    await va.comments.waitForHighlight(va.editors.other(SECTION), ownThread, ownWords);
    await waitForText(va.comments.thread(jointThread).getByTestId('thread-quote'), jointWords);
    // The margin names the editor of each thread, the BA's position before the joint draft.
    expect(await va.comments.threadsIn(SECTION).evaluateAll((threads) => threads.map((thread) => thread.getAttribute('data-thread-id')))).toEqual([
      ownThread,
      jointThread,
    ]);
    expect(await va.comments.thread(ownThread).getByRole('heading').innerText()).toBe('Bij standpunt BA');
    expect(await va.comments.thread(jointThread).getByRole('heading').innerText()).toBe('Bij gezamenlijk concept');
    await va.comments.waitForUnread(2);

    // The BA adds a second comment to the joint-draft thread.
    const addition = 'Of vier weken, met een evaluatie halverwege.';
    await ba.comments.replyTo(jointThread, addition);
    await waitForText(va.comments.commentsOf(jointThread).nth(1), addition);
    await va.comments.waitForUnread(3);

    // Deleting (and editing) is offered to the BA on their own comments, not to the VA on the BA's; the server refuses the VA too.
    const vaFirst = va.comments.commentsOf(jointThread).nth(0);
    const baFirst = ba.comments.commentsOf(jointThread).nth(0);
    await waitForText(vaFirst.getByTestId('comment-text'), proposal);
    expect(await vaFirst.getByRole('button', { name: 'Verwijderen' }).count()).toBe(0);
    expect(await vaFirst.getByRole('button', { name: 'Bewerken' }).count()).toBe(0);
    expect(await baFirst.getByRole('button', { name: 'Verwijderen' }).count()).toBe(1);
    const commentId = (await vaFirst.getAttribute('data-comment-id'))!;
    const refused = await api(server.url, 'DELETE', `/api/cases/${DEMO_CASE_ID}/threads/${jointThread}/comments/${commentId}`, {
      token: await server.login('va.demo'),
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error?.id).toBe('comment.only-author');

    // The BA deletes the thread's first comment, after confirming.
    await baFirst.getByRole('button', { name: 'Verwijderen' }).click();
    await baFirst.getByRole('group', { name: 'Deze opmerking verwijderen?' }).getByRole('button', { name: 'Ja, verwijderen' }).click();

    // For both, live: the comment keeps its place and author, without its text or any action; the thread, its reply and its words stay.
    for (const physician of [ba, va]) {
      const deleted = physician.comments.commentsOf(jointThread).nth(0);
      await deleted.and(physician.page.locator('[data-deleted="true"]')).waitFor();
      await waitForText(deleted, 'Deze opmerking is verwijderd.');
      expect(await deleted.innerText()).toContain('Anna Bakker');
      expect(await deleted.innerText()).not.toContain(proposal);
      expect(await deleted.getByTestId('comment-text').count()).toBe(0);
      expect(await deleted.getByRole('button').count()).toBe(0);
      expect(await physician.comments.commentsOf(jointThread).count()).toBe(2);
      expect(await physician.comments.commentsOf(jointThread).nth(1).getByTestId('comment-text').innerText()).toBe(addition);
      expect(await physician.comments.thread(jointThread).getByTestId('thread-quote').innerText()).toContain(jointWords);
      await physician.comments.waitForHighlight(physician.editors.joint(SECTION), jointThread, jointWords);
      expect(await physician.comments.thread(ownThread).getAttribute('data-state')).toBe('open');
    }
    // A deleted comment is no longer unread for the VA.
    await va.comments.waitForUnread(2);
    expect(await va.comments.thread(jointThread).getAttribute('data-unread')).toBe('1');
    expectNoPageErrors(ba, va);
  });
});

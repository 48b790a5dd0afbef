import type { Locator, Page } from 'playwright-core';
import { waitFor } from '../waitFor.ts';
import type { PhysicianPage } from '../browser.ts';
import { type EditorPart, UI_TIMEOUT_MS } from './common.ts';

/** Margin comments: threads on words of an editor, replies, unread counts and the inbox. */
export class Comments {
  constructor(private readonly user: PhysicianPage) {}

  private get page(): Page {
    return this.user.page;
  }

  /** The button that starts a thread on the selection in one editor. */
  button(part: EditorPart, section: string): Locator {
    return this.page.getByTestId(`comment-add-${part}-${section}`);
  }

  /** Selects `words` in an editor, starts a thread on them with `text`, and returns the new thread's id. */
  async commentOn(part: EditorPart, section: string, words: string, text: string): Promise<string> {
    await this.user.editors.selectWords(this.user.editors.editor(part, section), words);
    await this.button(part, section).click();
    const form = this.page.getByTestId('new-thread');
    await form.getByLabel('Uw opmerking').fill(text);
    await form.getByRole('button', { name: 'Plaatsen' }).click();
    await form.waitFor({ state: 'detached' });
    const thread = this.threadsIn(section).filter({ hasText: text }).first();
    await thread.waitFor();
    return (await thread.getAttribute('data-thread-id'))!;
  }

  /** The threads in a section's margin, in the order of their text. */
  threadsIn(section: string): Locator {
    return this.user.workspace.section(section).getByTestId('thread');
  }

  /** A thread in the margin: `data-state` open or resolved, `data-detached`, `data-unread`. */
  thread(threadId: string): Locator {
    return this.page.locator(`article[data-testid="thread"][data-thread-id="${threadId}"]`);
  }

  /** The comments of a thread, oldest first. */
  commentsOf(threadId: string): Locator {
    return this.thread(threadId).getByTestId('comment');
  }

  async replyTo(threadId: string, text: string): Promise<void> {
    const form = this.thread(threadId).getByTestId('thread-reply');
    await form.getByLabel('Uw antwoord').fill(text);
    await form.getByRole('button', { name: 'Antwoorden' }).click();
    await this.commentsOf(threadId).filter({ hasText: text }).waitFor();
  }

  /**
   * The text an editor highlights for a thread, without carets: the words the
   * thread is anchored to as this browser resolves its anchor now.
   */
  async highlightedText(editor: Locator, threadId: string): Promise<string> {
    return editor.evaluate((element, threadId) => {
      const copy = element.cloneNode(true) as HTMLElement;
      for (const caret of copy.querySelectorAll('.collab-caret')) caret.remove();
      return [...copy.querySelectorAll(`[data-thread-id="${threadId}"]`)].map((span) => span.textContent ?? '').join('');
    }, threadId);
  }

  /** Waits until an editor highlights exactly `text` for a thread. */
  async waitForHighlight(editor: Locator, threadId: string, text: string): Promise<void> {
    let shown = '';
    try {
      await waitFor(async () => (shown = await this.highlightedText(editor, threadId)) === text, { timeoutMs: UI_TIMEOUT_MS, what: 'the highlight' });
    } catch (error) {
      throw new Error(`Expected thread ${threadId} to highlight ${JSON.stringify(text)} (${this.user.role}); it highlights ${JSON.stringify(shown)}`, {
        cause: error,
      });
    }
  }

  /** The case header's comments button: `data-count` is this user's unread comments in the case. */
  get unread(): Locator {
    return this.page.getByTestId('comments-unread');
  }

  async waitForUnread(count: number): Promise<void> {
    await this.unread.and(this.page.locator(`[data-count="${count}"]`)).waitFor();
  }

  /** The case's inbox of comments (the navigation's "Opmerkingen"). */
  async show(): Promise<void> {
    await this.user.workspace.showGroup('comments');
    await this.page.getByTestId('comments-inbox').waitFor();
  }

  /** The threads in the inbox, in its order (unread first); `data-unread`, `data-state`. */
  get inboxThreads(): Locator {
    return this.page.getByTestId('inbox-thread');
  }

  /** Opens a thread from the inbox: it is marked read, and its text is shown. */
  async openFromInbox(threadId: string): Promise<void> {
    await this.inboxThreads
      .and(this.page.locator(`[data-thread-id="${threadId}"]`))
      .getByRole('button')
      .click();
    await this.thread(threadId).waitFor();
  }
}

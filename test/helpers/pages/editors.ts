import type { Locator, Page } from 'playwright-core';
import { waitFor } from '../waitFor.ts';
import type { PhysicianPage } from '../browser.ts';
import { type EditorPart, type PositionPart, UI_TIMEOUT_MS, waitForText } from './common.ts';

/** The editors of the sections: the two positions and the joint draft, their text, carets, selections, qualifiers and differences. */
export class Editors {
  constructor(private readonly user: PhysicianPage) {}

  private get page(): Page {
    return this.user.page;
  }

  editor(part: EditorPart, section: string): Locator {
    return this.page.getByTestId(`editor-${part}-${section}`);
  }

  get ownPart(): PositionPart {
    return this.user.role === 'va' ? 'insurance' : 'occupational';
  }

  get otherPart(): PositionPart {
    return this.user.role === 'va' ? 'occupational' : 'insurance';
  }

  own(section: string): Locator {
    return this.editor(this.ownPart, section);
  }

  other(section: string): Locator {
    return this.editor(this.otherPart, section);
  }

  joint(section: string): Locator {
    return this.editor('joint', section);
  }

  /**
   * The text of a section's position, one line per paragraph (list items
   * included), without the carets and name labels the editor overlays on it.
   */
  async textOf(column: EditorPart | 'own' | 'other', section: string): Promise<string> {
    const part = column === 'own' ? this.ownPart : column === 'other' ? this.otherPart : column;
    return this.editor(part, section).evaluate((editor) => {
      const copy = editor.cloneNode(true) as HTMLElement;
      for (const caret of copy.querySelectorAll('.collab-caret')) caret.remove();
      return [...copy.querySelectorAll('p')].map((paragraph) => paragraph.textContent ?? '').join('\n');
    });
  }

  /** Types at the end of the physician's own position and waits for the editor to show it. */
  async typeInOwn(section: string, text: string): Promise<void> {
    await this.typeAtEnd(this.own(section), text);
    await waitForText(this.own(section), text);
  }

  /** Types into an editor the way a user would: click into it, go to the end, type. */
  async typeAtEnd(editor: Locator, text: string): Promise<void> {
    await this.placeCaret(editor, 'end');
    await this.page.keyboard.type(text);
  }

  /** Types at the very start of an editor: click into it, Ctrl+Home, type. */
  async typeAtStart(editor: Locator, text: string): Promise<void> {
    await this.placeCaret(editor, 'start');
    await this.page.keyboard.type(text);
  }

  /** Clicks into an editor and puts the caret at its start (Ctrl+Home) or end (Ctrl+End). */
  async placeCaret(editor: Locator, where: 'start' | 'end'): Promise<void> {
    // On a loaded host a key pressed right after the click can reach the page before the editor
    // has focus; the user would press it again, and so does the test (a few times, then it fails).
    for (let attempt = 1; ; attempt++) {
      await editor.click();
      await this.page.keyboard.press(where === 'end' ? 'Control+End' : 'Control+Home');
      if (await caretSettled(editor, where)) return;
      if (attempt === CARET_ATTEMPTS) throw new Error(`the editor's caret did not reach the ${where}`);
    }
  }

  /**
   * Waits until a section's position shows exactly `text` (see textOf) and
   * returns how long that took; `what` names it in the error.
   */
  async waitForExactText(column: EditorPart | 'own' | 'other', section: string, text: string, timeoutMs = UI_TIMEOUT_MS): Promise<number> {
    const start = Date.now();
    let shown = '';
    try {
      await waitFor(async () => (shown = await this.textOf(column, section)) === text, { timeoutMs, what: 'the text' });
    } catch (error) {
      throw new Error(`Expected the ${column} editor of ${section} (${this.user.role}) to show ${JSON.stringify(text)}; it shows ${JSON.stringify(shown)}`, {
        cause: error,
      });
    }
    return Date.now() - start;
  }

  /** The other physician's carets drawn in one editor. */
  caretsIn(editor: Locator): Locator {
    return editor.locator('.collab-caret');
  }

  /** Every other physician's caret on the page. */
  get allCarets(): Locator {
    return this.page.locator('.collab-caret');
  }

  /**
   * Selects the first occurrence of `words` in an editor, as a drag of the
   * mouse over them would: a browser selection, also in a read-only editor.
   */
  async selectWords(editor: Locator, words: string): Promise<void> {
    await editor.evaluate((element, words) => {
      const found = findWords(element, words);
      const range = document.createRange();
      range.setStart(found.start.node, found.start.offset);
      range.setEnd(found.end.node, found.end.offset);
      const selection = document.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);

      function findWords(root: Element, text: string) {
        // The other physician's caret and its name label are no text of the document.
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
          acceptNode: (node) => (node.parentElement?.closest('.collab-caret') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
        });
        const nodes: Text[] = [];
        for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
        const all = nodes.map((node) => node.data).join('');
        const from = all.indexOf(text);
        if (from < 0) throw new Error(`"${text}" is not in the editor: "${all}"`);
        const at = (index: number, end: boolean) => {
          let passed = 0;
          for (const node of nodes) {
            if (index < passed + node.length || (end && index === passed + node.length)) return { node, offset: index - passed };
            passed += node.length;
          }
          throw new Error('past the end');
        };
        return { start: at(from, false), end: at(from + text.length, true) };
      }
    }, words);
  }

  /**
   * In an editable editor, selects `words` (or puts the caret right before
   * them, `caretBefore`) through the editor itself, and focuses it.
   */
  async selectInOwn(editor: Locator, words: string, { caretBefore = false } = {}): Promise<void> {
    await this.selectWords(editor, words);
    await editor.evaluate((element, caretBefore) => {
      // Tiptap puts its editor on the ProseMirror element.
      interface View {
        posAtDOM(node: Node, offset: number): number;
      }
      const editor = (
        element as unknown as { editor: { view: View; chain(): { focus(): { setTextSelection(range: { from: number; to: number }): { run(): boolean } } } } }
      ).editor;
      const range = document.getSelection()!.getRangeAt(0);
      const from = editor.view.posAtDOM(range.startContainer, range.startOffset);
      const to = caretBefore ? from : editor.view.posAtDOM(range.endContainer, range.endOffset);
      editor.chain().focus().setTextSelection({ from, to }).run();
    }, caretBefore);
  }

  /** A select in the physician's own column, an output in the other's. */
  qualifier(part: PositionPart, section: string): Locator {
    return this.page.getByTestId(`qualifier-${part}-${section}`);
  }

  /** Chooses an ICF qualifier for a section in the physician's own column ('' for none). */
  async chooseQualifier(section: string, code: string): Promise<void> {
    await this.qualifier(this.ownPart, section).selectOption(code);
  }

  /** Waits until the other physician's qualifier of a section shows `code`. */
  async waitForOtherQualifier(section: string, code: string): Promise<void> {
    await this.qualifier(this.otherPart, section)
      .and(this.page.locator(`[data-value="${code}"]`))
      .waitFor();
  }

  /** The section's difference marker; `data-level` is none, minor or major. */
  difference(section: string): Locator {
    return this.page.getByTestId(`difference-${section}`);
  }

  async waitForDifference(section: string, level: 'none' | 'minor' | 'major'): Promise<void> {
    await this.difference(section)
      .and(this.page.locator(`[data-level="${level}"]`))
      .waitFor();
  }
}

/** How often placeCaret clicks and presses the key before it gives up. */
const CARET_ATTEMPTS = 3;

/**
 * Waits until the editor has taken over the caret that a click and Ctrl+Home
 * or Ctrl+End moved: the browser moves its selection at once, the editor
 * reads it on the next `selectionchange`, and a test types faster than that.
 * (An editor update in between used to put the caret back; see
 * client/src/editor/caretFirst.ts.) False when it has not within a few seconds.
 */
async function caretSettled(editor: Locator, where: 'start' | 'end'): Promise<boolean> {
  if ((await editor.getAttribute('contenteditable')) !== 'true') return true;
  return editor.evaluate(async (element, where) => {
    // Tiptap puts its editor on the ProseMirror element; Selection.atStart/atEnd are static, inherited by every selection class.
    interface Selection {
      empty: boolean;
      head: number;
      constructor: { atStart(doc: unknown): Selection; atEnd(doc: unknown): Selection };
    }
    const editor = (element as unknown as { editor: { state: { doc: unknown; selection: Selection } } }).editor;
    // Time rather than frames: a loaded machine renders few frames a second.
    for (const deadline = Date.now() + 5000; Date.now() < deadline;) {
      const { doc, selection } = editor.state;
      const target = where === 'end' ? selection.constructor.atEnd(doc) : selection.constructor.atStart(doc);
      if (selection.empty && selection.head === target.head) return true;
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    return false;
  }, where);
}

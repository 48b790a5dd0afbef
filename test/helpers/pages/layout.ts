import type { Locator, Page } from 'playwright-core';
import type { PhysicianPage } from '../browser.ts';

/** Box of an element on the page, in CSS pixels. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** How the workspace is laid out, and how a keyboard user moves through it. */
export class Layout {
  constructor(private readonly user: PhysicianPage) {}

  private get page(): Page {
    return this.user.page;
  }

  /** The widths of a section's two position columns (BA, VA), in CSS pixels. */
  async columnWidths(section: string): Promise<number[]> {
    return this.user.workspace
      .section(section)
      .locator('.columns > .column')
      .evaluateAll((columns) => columns.map((column) => column.getBoundingClientRect().width));
  }

  /** The page scrolls sideways: the document is wider than the window. */
  async pageOverflows(): Promise<boolean> {
    return this.page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  }

  /** The box of an element, and of the window. */
  async box(locator: Locator): Promise<Box> {
    return locator.evaluate((element) => {
      const { left, top, right, bottom } = element.getBoundingClientRect();
      return { left, top, right, bottom };
    });
  }

  async viewportWidth(): Promise<number> {
    return this.page.evaluate(() => document.documentElement.clientWidth);
  }

  /** The navigation's collapse button. */
  get navToggle(): Locator {
    return this.page.getByTestId('nav-toggle');
  }

  get main(): Locator {
    return this.page.locator('.workspace__main');
  }

  /** Presses Tab until `target` has focus (at most `limit` times); false when it never got it. */
  async tabTo(target: Locator, limit = 40, key = 'Tab'): Promise<boolean> {
    const handle = await target.elementHandle();
    for (let i = 0; i < limit; i++) {
      await this.page.keyboard.press(key);
      if (await this.page.evaluate((element) => document.activeElement === element, handle)) return true;
    }
    return false;
  }

  /**
   * For the other physician's caret in an editor: its name label's box, and
   * the boxes of the editor's text on the lines above the caret's line
   * (Range.getClientRects of every text node, the carets' own text left out).
   */
  async caretLabelAndLinesAbove(editor: Locator): Promise<{ label: Box; linesAbove: Box[] }> {
    return editor.evaluate((element) => {
      const caret = element.querySelector('.collab-caret');
      const label = caret?.querySelector('.collab-caret__label');
      if (!caret || !label) throw new Error('no caret with a label in the editor');
      const caretBox = caret.getBoundingClientRect();
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT, {
        acceptNode: (node) => (node.parentElement?.closest('.collab-caret') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
      });
      const linesAbove: { left: number; top: number; right: number; bottom: number }[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) {
          if (rect.width > 0 && rect.top + rect.height / 2 < caretBox.top)
            linesAbove.push({ left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom });
        }
      }
      const { left, top, right, bottom } = label.getBoundingClientRect();
      return { label: { left, top, right, bottom }, linesAbove };
    });
  }
}

/** Two boxes share some area. */
export function intersects(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

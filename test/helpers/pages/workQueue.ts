import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { WorkspacePage } from '../browser.ts';
import { UI_TIMEOUT_MS } from './common.ts';

/** A work-queue filter by its Dutch label. */
export type QueueFilterLabel = 'Wacht op mij' | 'Onenigheid' | 'Geschil' | 'Sessie deze week' | 'Mijlpaal binnen 14 dagen';

/** The case list as a work queue: search, filter toggles, sortable headers, pages. */
export class WorkQueuePage {
  constructor(private readonly user: WorkspacePage) {}

  private get page(): Page {
    return this.user.page;
  }

  get table(): Locator {
    return this.page.getByTestId('work-queue');
  }

  get rows(): Locator {
    return this.table.locator('tbody tr');
  }

  get searchBox(): Locator {
    return this.page.getByRole('searchbox', { name: 'Zoeken' });
  }

  /** "1–50 van 501". */
  get range(): Locator {
    return this.page.getByTestId('queue-range');
  }

  get noMatch(): Locator {
    return this.page.getByText('Geen dossiers voldoen aan de zoekopdracht en de filters.');
  }

  filter(label: QueueFilterLabel): Locator {
    return this.page.getByRole('group', { name: 'Filters' }).getByRole('button', { name: label, exact: true });
  }

  /** The header of a column by its (Dutch) label, e.g. "Werknemer". */
  header(label: string): Locator {
    return this.table.locator('thead th').filter({ has: this.page.getByRole('button', { name: label }) });
  }

  pagerButton(label: 'Vorige' | 'Volgende'): Locator {
    return this.page.getByRole('navigation', { name: 'Pagina’s' }).getByRole('button', { name: label, exact: true });
  }

  /** The row of a case. */
  row(caseId: string): Locator {
    return this.table.locator(`tbody tr[data-case-id="${caseId}"]`);
  }

  /** The case ids of the rows shown, top to bottom. */
  async caseIds(): Promise<string[]> {
    if ((await this.table.count()) === 0) return [];
    return this.rows.evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.caseId ?? ''));
  }

  /** Waits until the rows shown are exactly these, in this order. */
  async waitForCases(expected: string[]): Promise<void> {
    await expect.poll(() => this.caseIds(), { timeout: UI_TIMEOUT_MS }).toEqual(expected);
  }

  /** Types into the search box key by key, as a physician does. */
  async search(text: string): Promise<void> {
    await this.searchBox.fill('');
    await this.searchBox.pressSequentially(text);
  }

  async toggle(label: QueueFilterLabel): Promise<void> {
    const button = this.filter(label);
    const before = await button.getAttribute('aria-pressed');
    await button.click();
    await this.page
      .locator(`[aria-pressed="${before === 'true' ? 'false' : 'true'}"]`)
      .and(button)
      .waitFor();
  }

  /** Sorts by a column with the keyboard only: focus its header's button, press the key. */
  async sortByKeyboard(label: string, key: 'Enter' | 'Space' = 'Enter'): Promise<void> {
    await this.header(label).getByRole('button').focus();
    await this.page.keyboard.press(key);
  }

  /** Whether the page scrolls sideways, and the cells whose content is wider or taller than the cell. */
  async overflow(): Promise<{ pageOverflows: boolean; clippedCells: string[] }> {
    return this.page.evaluate(() => {
      const root = document.documentElement;
      const cells = [...document.querySelectorAll<HTMLElement>('[data-testid="work-queue"] th, [data-testid="work-queue"] td')];
      const clipped = cells.filter((cell) => cell.scrollWidth > cell.clientWidth || cell.scrollHeight > cell.clientHeight);
      return { pageOverflows: root.scrollWidth > root.clientWidth, clippedCells: clipped.map((cell) => cell.innerText.slice(0, 60)) };
    });
  }
}

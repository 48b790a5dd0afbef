import type { Locator, Page } from 'playwright-core';
import type { PhysicianPage } from '../browser.ts';

/** The case workspace around the sections: the connection, the navigation, the overview matrix, presence and the language. */
export class WorkspaceView {
  constructor(private readonly user: PhysicianPage) {}

  private get page(): Page {
    return this.user.page;
  }

  /** The case's connection indicator: `data-state`, and `data-pending` unconfirmed changes. */
  get connection(): Locator {
    return this.page.getByTestId('connection-indicator');
  }

  /** Every change of this browser has been confirmed as durable by the server. */
  async waitUntilSaved(): Promise<void> {
    await this.connection.and(this.page.locator('[data-state="connected"][data-pending="0"]')).waitFor();
  }

  /** Waits until the service worker controls the page, so the app shell opens without a network. */
  async offlineReady(): Promise<void> {
    await this.page.waitForFunction(async () => {
      await navigator.serviceWorker.ready;
      return navigator.serviceWorker.controller !== null;
    });
  }

  navButton(view: string): Locator {
    return this.page.getByTestId(`nav-${view}`);
  }

  /** Shows one group of the template (or `overview`, the matrix), as a click in the navigation does. */
  async showGroup(view: string): Promise<void> {
    await this.navButton(view).click();
    await this.navButton(view).and(this.page.locator('[aria-current="page"]')).waitFor();
  }

  async showOverview(): Promise<void> {
    await this.showGroup('overview');
    await this.page.locator('table.matrix').waitFor();
  }

  section(section: string): Locator {
    return this.page.getByTestId(`section-${section}`);
  }

  /** The section's heading: where focus lands after a jump. */
  sectionHeading(section: string): Locator {
    return this.page.locator(`h2[id="section-${section}"]`);
  }

  /** The id of the element that has focus ('' for none). */
  async focusedId(): Promise<string> {
    return this.page.evaluate(() => document.activeElement?.id ?? '');
  }

  matrixRow(section: string): Locator {
    return this.page.getByTestId(`matrix-row-${section}`);
  }

  matrixCell(kind: 'filled-ba' | 'filled-va' | 'qualifier-ba' | 'qualifier-va', section: string): Locator {
    return this.page.getByTestId(`matrix-${kind}-${section}`);
  }

  /** Chooses a section in the matrix (the button with its name). */
  async openFromMatrix(section: string): Promise<void> {
    await this.matrixRow(section).getByRole('button').click();
  }

  /** The header's entry for a physician: `data-online`, `data-section`. */
  presence(role: 'ba' | 'va'): Locator {
    return this.page.getByTestId(`presence-${role}`);
  }

  /** Switches the interface language with the picker in the top bar. */
  async chooseLanguage(language: 'nl' | 'en'): Promise<void> {
    await this.page.locator('label.language select').selectOption(language);
    await this.page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
  }
}

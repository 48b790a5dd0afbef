import type { Locator, Page } from 'playwright-core';
import type { PhysicianPage } from '../browser.ts';
import type { EditorPart } from './common.ts';

/** The history view: versions by week of sickness, their comparison and the case log. */
export class History {
  constructor(private readonly user: PhysicianPage) {}

  private get page(): Page {
    return this.user.page;
  }

  get view(): Locator {
    return this.page.getByTestId('history-view');
  }

  async show(): Promise<void> {
    await this.user.workspace.showGroup('history');
    await this.view.waitFor();
  }

  /** The versions listed, newest first: each `data-reason`. */
  get versions(): Locator {
    return this.page.getByTestId('version-list').locator('li.version-item');
  }

  /** "Versie vastleggen" with this label, waiting until the list shows it. */
  async saveVersion(label: string): Promise<void> {
    await this.view.getByRole('button', { name: 'Versie vastleggen' }).click();
    await this.user.dialog.getByLabel('Omschrijving van deze versie').fill(label);
    await this.user.dialog.getByRole('button', { name: 'Versie vastleggen' }).click();
    await this.user.dialog.waitFor({ state: 'detached' });
    await this.versions.filter({ hasText: label }).waitFor();
  }

  picker(which: 'from' | 'to'): Locator {
    return this.page.getByTestId(`compare-${which}`);
  }

  /** The label of the version a picker shows now. */
  async picked(which: 'from' | 'to'): Promise<string> {
    return this.picker(which).evaluate((select) => (select instanceof HTMLSelectElement ? (select.selectedOptions[0]?.textContent ?? '') : ''));
  }

  /** Picks the version with this label (the end of the option's text) as the older or the newer one. */
  async pick(which: 'from' | 'to', label: string): Promise<void> {
    const value = await this.picker(which)
      .locator('option')
      .filter({ hasText: new RegExp(`· ${label}$`) })
      .getAttribute('value');
    if (value === null) throw new Error(`No version labelled ${label}`);
    await this.picker(which).selectOption(value);
  }

  /** The comparison of one section: a <details>, open when it changed (`data-changed`). */
  sectionDiff(section: string): Locator {
    return this.page.getByTestId(`diff-${section}`);
  }

  partDiff(section: string, part: EditorPart): Locator {
    return this.page.getByTestId(`diff-${section}-${part}`);
  }

  /** Text marked as added in one part of a section's comparison. */
  added(section: string, part: EditorPart): Locator {
    return this.partDiff(section, part).locator('ins');
  }

  removed(section: string, part: EditorPart): Locator {
    return this.partDiff(section, part).locator('del');
  }

  /** The lines of the case log, newest first: each `data-key`. */
  get logLines(): Locator {
    return this.page.getByTestId('event-log').locator('li');
  }
}

/** The employer summary: the BA's words per section, the warnings, the release. */
export class EmployerSummaryPage {
  constructor(private readonly user: PhysicianPage) {}

  private get page(): Page {
    return this.user.page;
  }

  get view(): Locator {
    return this.page.getByTestId('employer-summary');
  }

  async show(): Promise<void> {
    await this.user.workspace.showGroup('employer');
    await this.view.waitFor();
  }

  text(section: string): Locator {
    return this.page.getByTestId(`summary-${section}`).getByRole('textbox');
  }

  warnings(section: string): Locator {
    return this.page.getByTestId(`summary-warnings-${section}`);
  }

  /** The save status: `data-status` saved, dirty, saving or failed. */
  get status(): Locator {
    return this.page.getByTestId('summary-status');
  }

  async waitUntilSaved(): Promise<void> {
    await this.status.and(this.page.locator('[data-status="saved"]')).waitFor();
  }

  async release(): Promise<void> {
    await this.view.getByRole('button', { name: 'Vrijgeven' }).click();
  }

  get releaseStatus(): Locator {
    return this.page.getByTestId('release-status');
  }
}

import type { Locator, Page } from 'playwright-core';
import { waitFor } from '../waitFor.ts';
import type { PhysicianPage } from '../browser.ts';
import { UI_TIMEOUT_MS } from './common.ts';

/** Consultation sessions: planning them, the live session and its outcomes. */
export class Sessions {
  constructor(private readonly user: PhysicianPage) {}

  private get page(): Page {
    return this.user.page;
  }

  async show(): Promise<void> {
    await this.user.workspace.showGroup('sessions');
    await this.panel.waitFor();
  }

  get panel(): Locator {
    return this.page.getByTestId('sessions-panel');
  }

  /** A session in the sessions view: `data-status` scheduled, live, concluded or cancelled. */
  card(sessionId: string): Locator {
    return this.page.getByTestId(`session-${sessionId}`);
  }

  /** The sessions listed under one status (the live one has its own panel, liveSession). */
  listed(status: 'scheduled' | 'concluded' | 'cancelled'): Locator {
    return this.page.getByTestId(`sessions-${status}`).locator('article[data-session-id]');
  }

  async waitForStatus(sessionId: string, status: 'scheduled' | 'concluded' | 'cancelled'): Promise<void> {
    await this.listed(status)
      .and(this.page.locator(`[data-session-id="${sessionId}"]`))
      .waitFor();
  }

  /** A local date and time `minutes` from now, as the date and time inputs take them in this browser. */
  async localDateTime(minutes: number): Promise<{ date: string; time: string }> {
    return this.page.evaluate((minutes) => {
      const at = new Date(Date.now() + minutes * 60_000);
      const pad = (n: number) => String(n).padStart(2, '0');
      return { date: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`, time: `${pad(at.getHours())}:${pad(at.getMinutes())}` };
    }, minutes);
  }

  /** Fills in the date, time, duration and mode of the open schedule or reschedule dialog. */
  async fillTiming(timing: { date: string; time: string; duration?: number; mode?: string }): Promise<void> {
    await this.user.dialog.getByLabel('Datum').fill(timing.date);
    await this.user.dialog.getByLabel('Begintijd').fill(timing.time);
    if (timing.duration !== undefined) await this.user.dialog.getByLabel('Duur (minuten)').fill(String(timing.duration));
    if (timing.mode !== undefined) await this.user.dialog.getByLabel('Vorm').selectOption(timing.mode);
  }

  /** The checkbox of a section in the open dialog's agenda ("d240 …"). */
  agendaCheckbox(section: string): Locator {
    return this.user.dialog.getByRole('checkbox', { name: new RegExp(`^${section} `) });
  }

  /** Submits the open schedule dialog and returns the id of the session it planned. */
  async submitSchedule(): Promise<string> {
    const before = new Set(await this.listed('scheduled').evaluateAll((articles) => articles.map((a) => a.getAttribute('data-session-id'))));
    await this.user.dialog.getByRole('button', { name: 'Plannen', exact: true }).click();
    await this.user.dialog.waitFor({ state: 'detached' });
    let id: string | null = null;
    await waitFor(
      async () => {
        const now = await this.listed('scheduled').evaluateAll((articles) => articles.map((a) => a.getAttribute('data-session-id')));
        id = now.find((candidate) => candidate && !before.has(candidate)) ?? null;
        return id !== null;
      },
      { timeoutMs: UI_TIMEOUT_MS, what: 'the new session' },
    );
    return id!;
  }

  /** The live session's panel: `data-session-id`, and `data-current` the agenda item both screens show. */
  get live(): Locator {
    return this.page.getByTestId('live-session');
  }

  async waitForCurrentItem(section: string): Promise<void> {
    await this.live.and(this.page.locator(`[data-current="${section}"]`)).waitFor();
    await this.page
      .getByTestId('live-item')
      .and(this.page.locator(`[data-section="${section}"]`))
      .waitFor();
  }

  /** A physician in the live session's presence list: `data-present`. */
  presence(role: 'ba' | 'va'): Locator {
    return this.page.getByTestId(`session-presence-${role}`);
  }

  async waitForPresent(role: 'ba' | 'va', present = true): Promise<void> {
    await this.presence(role)
      .and(this.page.locator(`[data-present="${present}"]`))
      .waitFor();
  }

  /** An item in the live session's agenda: `data-current`, `data-outcome`. */
  agendaItem(section: string): Locator {
    return this.page.getByTestId(`agenda-item-${section}`);
  }

  async waitForOutcome(section: string, outcome: 'agreed' | 'still_disagree' | 'escalated' | 'deferred'): Promise<void> {
    await this.agendaItem(section)
      .and(this.page.locator(`[data-outcome="${outcome}"]`))
      .waitFor();
  }

  /** Records the outcome (by its Dutch label) of the current agenda item, with notes for the minutes. */
  async recordOutcome(label: string, notes: string): Promise<void> {
    const form = this.page.getByTestId('outcome-form');
    await form.getByRole('radio', { name: label, exact: true }).check();
    await form.getByLabel('Notities voor het verslag').fill(notes);
    await form.getByRole('button', { name: /^Uitkomst (vastleggen|bijwerken)$/ }).click();
  }
}

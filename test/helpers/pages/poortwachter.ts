import type { Locator, Page } from 'playwright-core';
import type { PhysicianPage } from '../browser.ts';

/** The Poortwachter timeline in the case header, the consultation proposal near a milestone and the RIV status. */
export class Poortwachter {
  constructor(private readonly user: PhysicianPage) {}

  private get page(): Page {
    return this.user.page;
  }

  /** The timeline: `data-week` is today's week of sickness. */
  get timeline(): Locator {
    return this.page.getByTestId('poortwachter-timeline');
  }

  /** The line's label for today's week ("wk 89"). */
  get nowMarker(): Locator {
    return this.page.getByTestId('pw-now');
  }

  /** The summary of the next milestone; `data-key` names it. */
  get nextMilestone(): Locator {
    return this.page.getByTestId('pw-next');
  }

  /** The milestones as the accessible list holds them. */
  get markers(): Locator {
    return this.timeline.getByRole('listitem');
  }

  marker(key: string): Locator {
    return this.timeline.locator(`li[data-key="${key}"]`);
  }

  /** The proposal to plan a consultation; `data-milestone` names the milestone. */
  get proposal(): Locator {
    return this.page.getByTestId('session-proposal');
  }

  async planFromProposal(): Promise<void> {
    await this.proposal.getByRole('button', { name: 'Consult plannen' }).click();
    await this.page.getByTestId('schedule-dialog').waitFor();
  }

  async dismissProposal(): Promise<void> {
    await this.proposal.getByRole('button', { name: 'Niet voor deze mijlpaal' }).click();
    await this.proposal.waitFor({ state: 'detached' });
  }

  /** The actueel oordeel: `data-state` none, required or held. */
  get rivStatus(): Locator {
    return this.page.getByTestId('riv-status');
  }

  async recordDoubt(reason: string): Promise<void> {
    await this.rivStatus.getByRole('button', { name: 'Twijfel vastleggen' }).click();
    const dialog = this.page.getByTestId('riv-doubt-dialog');
    await dialog.getByLabel('Toelichting (optioneel, medisch vertrouwelijk)').fill(reason);
    await dialog.getByRole('button', { name: 'Vastleggen' }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** Whether the header, or the page, is wider than the window: content that would scroll sideways. */
  async horizontalOverflow(): Promise<{ header: boolean; page: boolean }> {
    return this.page.evaluate(() => {
      const header = document.querySelector('.case-header')!;
      return { header: header.scrollWidth > header.clientWidth, page: document.documentElement.scrollWidth > window.innerWidth };
    });
  }
}

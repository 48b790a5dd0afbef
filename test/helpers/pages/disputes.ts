import type { Locator, Page } from 'playwright-core';
import type { PhysicianPage } from '../browser.ts';

/** The disputes view: each dispute and the stages of its timeline. */
export class Disputes {
  constructor(private readonly user: PhysicianPage) {}

  private get page(): Page {
    return this.user.page;
  }

  async show(): Promise<void> {
    await this.user.workspace.showGroup('disputes');
    await this.page.getByTestId('disputes-panel').waitFor();
  }

  /** Every dispute shown, open ones first. */
  get all(): Locator {
    return this.page.locator('article[data-dispute-id]');
  }

  /** A stage in a dispute's timeline: `data-state` reached, skipped or pending; `data-overdue`. */
  timelineStage(dispute: Locator, stage: 'opened' | 'peer_review' | 'formal_route' | 'closed'): Locator {
    return dispute.getByTestId(`timeline-${stage}`);
  }

  async waitForStage(dispute: Locator, stage: 'opened' | 'peer_review' | 'formal_route' | 'closed', state: 'reached' | 'skipped' | 'pending'): Promise<void> {
    await this.timelineStage(dispute, stage)
      .and(this.page.locator(`[data-state="${state}"]`))
      .waitFor();
  }
}

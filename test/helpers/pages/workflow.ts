import type { Locator, Page } from 'playwright-core';
import type { PhysicianPage } from '../browser.ts';

/** The workflow of a section: its status, the disagreement flag, the proposal and the signatures. */
export class SectionWorkflow {
  constructor(private readonly user: PhysicianPage) {}

  private get page(): Page {
    return this.user.page;
  }

  /** A section's status chip in its card: `data-status`, `data-persistent`. */
  statusChip(section: string): Locator {
    return this.page.getByTestId(`status-${section}`);
  }

  async waitForStatus(section: string, status: string): Promise<void> {
    await this.statusChip(section)
      .and(this.page.locator(`[data-status="${status}"]`))
      .waitFor();
  }

  /** A button in a section's card, by its exact name. */
  sectionButton(section: string, name: string): Locator {
    return this.user.workspace.section(section).getByRole('button', { name, exact: true });
  }

  /** Flags a disagreement through the section's dialog. */
  async flag(section: string, rationale: string, kind = 'capacity'): Promise<void> {
    await this.sectionButton(section, 'Onenigheid melden').click();
    await this.user.dialog.getByLabel('Soort verschil').selectOption(kind);
    await this.user.dialog.getByLabel('Toelichting').fill(rationale);
    await this.user.dialog.getByRole('button', { name: 'Melden', exact: true }).click();
    await this.user.dialog.waitFor({ state: 'detached' });
    await this.waitForStatus(section, 'disagreement');
  }

  /** Proposes the section's joint draft (as the server stores it) as the agreed position. */
  async propose(section: string): Promise<void> {
    const button = this.user.workspace.section(section).getByRole('button', { name: /^(Concept voorstellen als gezamenlijk standpunt|Opnieuw voorstellen)$/ });
    await button.click();
    await this.waitForStatus(section, 'proposed');
  }

  /** The proposal shown in a section: its text, and whether the draft changed since (`data-changed`). */
  proposalText(section: string): Locator {
    return this.page.getByTestId(`proposal-text-${section}`);
  }

  proposalDiff(section: string): Locator {
    return this.page.getByTestId(`proposal-diff-${section}`);
  }

  async sign(section: string): Promise<void> {
    await this.sectionButton(section, 'Ondertekenen').click();
  }

  /** Reopens an agreed section, with a reason, through its dialog. */
  async reopen(section: string, reason: string): Promise<void> {
    await this.sectionButton(section, 'Heropenen').click();
    await this.user.dialog.getByLabel('Reden').fill(reason);
    await this.user.dialog.getByRole('button', { name: 'Heropenen' }).click();
    await this.user.dialog.waitFor({ state: 'detached' });
  }

  /** The agreed qualifier shown where the physicians' difference was. */
  agreedQualifier(section: string): Locator {
    return this.page.getByTestId(`agreed-qualifier-${section}`);
  }

  /** The agreement's fingerprint: `-short`, and `-full` once shown. */
  fingerprint(section: string, which: 'short' | 'full'): Locator {
    return this.page.getByTestId(`agreement-fingerprint-${section}-${which}`);
  }

  /** The section's past agreements, each with the reason it was reopened. */
  history(section: string): Locator {
    return this.page.getByTestId(`history-${section}`);
  }
}

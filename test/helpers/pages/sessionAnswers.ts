import type { Locator, Page } from 'playwright-core';
import type { PhysicianPage } from '../browser.ts';

/** The answer to a planned session on its card: accept, decline with another time, move to it; the video link; the reminders. */
export class SessionAnswers {
  constructor(private readonly user: PhysicianPage) {}

  private get page(): Page {
    return this.user.page;
  }

  /** The answer shown on the card: `data-answer` none, accepted or declined. */
  answer(sessionId: string): Locator {
    return this.page.getByTestId(`session-answer-${sessionId}`);
  }

  async waitForAnswer(sessionId: string, answer: 'none' | 'accepted' | 'declined'): Promise<void> {
    await this.answer(sessionId)
      .and(this.page.locator(`[data-answer="${answer}"]`))
      .waitFor();
  }

  /** The answer controls of a card (Accept and Decline for the invitee; moving to a proposal for the planner). */
  controls(sessionId: string): Locator {
    return this.page.getByTestId(`answer-actions-${sessionId}`);
  }

  async accept(sessionId: string): Promise<void> {
    await this.controls(sessionId).getByRole('button', { name: 'Accepteren', exact: true }).click();
    await this.waitForAnswer(sessionId, 'accepted');
  }

  /** Declines in the dialog, proposing a local date and time (as the inputs take them) and a reason. */
  async decline(sessionId: string, proposal: { date: string; time: string; reason: string }): Promise<void> {
    await this.controls(sessionId).getByRole('button', { name: 'Afwijzen', exact: true }).click();
    await this.user.dialog.getByLabel('Voorgestelde datum (optioneel)').fill(proposal.date);
    await this.user.dialog.getByLabel('Voorgestelde begintijd (optioneel)').fill(proposal.time);
    await this.user.dialog.getByLabel('Korte reden (optioneel, geen medische gegevens)').fill(proposal.reason);
    await this.user.dialog.getByRole('button', { name: 'Afwijzen', exact: true }).click();
    await this.user.dialog.waitFor({ state: 'detached' });
  }

  /** The planner's one action after a decline with another time: the session moves there. */
  moveToProposed(sessionId: string): Locator {
    return this.controls(sessionId).getByRole('button', { name: /^Verplaatsen naar het voorgestelde tijdstip/ });
  }

  /** The video link field of the open schedule or reschedule dialog. */
  get videoUrlField(): Locator {
    return this.user.dialog.getByLabel('Videolink (optioneel, begint met https://)');
  }

  videoLink(sessionId: string): Locator {
    return this.page.getByTestId(`video-link-${sessionId}`);
  }

  /** The reminder of a session, on whatever page the physician is. */
  reminder(sessionId: string): Locator {
    return this.page.getByTestId(`reminder-${sessionId}`);
  }
}

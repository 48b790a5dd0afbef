import type { Locator, Page } from 'playwright-core';
import type { WorkspacePage } from '../browser.ts';
import { codeAt } from '../totp.ts';

/** Two-step verification in the browser: the account page, the enrolment with its QR code and recovery codes, and the login's second step. */
export class SecondFactorPage {
  constructor(private readonly user: WorkspacePage) {}

  private get page(): Page {
    return this.user.page;
  }

  /** The account menu's link to the page. */
  async openFromMenu(): Promise<void> {
    await this.page.getByRole('link', { name: 'Tweestapsverificatie' }).click();
    await this.page.getByRole('heading', { name: 'Tweestapsverificatie', level: 1 }).waitFor();
  }

  get qrCode(): Locator {
    return this.page.getByRole('img', { name: 'QR-code om de werkplek aan uw authenticator-app toe te voegen' });
  }

  /** The key shown under the QR code, as an authenticator app takes it. */
  async shownSecret(): Promise<string> {
    return (await this.page.locator('code.totp-key').innerText()).trim();
  }

  get recoveryCodes(): Locator {
    return this.page.getByRole('region', { name: 'Uw herstelcodes' }).getByRole('listitem');
  }

  /** Types the app's current code for `secret` (the next step's when `steps` is 1) and submits. */
  async enterCode(secret: string, button: 'Instellen' | 'Bevestigen', steps = 0): Promise<void> {
    await this.page.getByLabel('Code uit de authenticator-app').fill(codeAt(secret, steps));
    await this.page.getByRole('button', { name: button }).click();
  }

  async keptRecoveryCodes(): Promise<void> {
    await this.page.getByRole('button', { name: 'Ik heb de codes bewaard, ga verder' }).click();
  }

  get codeStep(): Locator {
    return this.page.getByRole('group', { name: 'Voer uw code in' });
  }
}

import type { Locator, Page } from 'playwright-core';
import type { NotificationList, NotificationSettings } from '../../../shared/notifications.ts';
import type { WorkspacePage } from '../browser.ts';

/** The notifications across cases: the top bar's button, the live toasts, the inbox and the e-mail setting. */
export class Notifications {
  constructor(private readonly user: WorkspacePage) {}

  private get page(): Page {
    return this.user.page;
  }

  /** The top bar's button: its name says the unread count ("Meldingen, 3 ongelezen"), `data-count` holds it. */
  get button(): Locator {
    return this.page.getByTestId('notifications-button');
  }

  async waitForUnread(count: number): Promise<void> {
    await this.button.and(this.page.locator(`[data-count="${count}"]`)).waitFor();
  }

  /** The live region the toasts appear in (always in the page, so that a screen reader announces them). */
  get liveRegion(): Locator {
    return this.page.getByRole('region', { name: 'Nieuwe meldingen' });
  }

  get toasts(): Locator {
    return this.liveRegion.getByTestId('notification-toast');
  }

  /** Opens the inbox with the top bar's button and waits until it has loaded. */
  async open(): Promise<void> {
    await this.button.click();
    await this.inbox.and(this.page.locator('[data-status="ready"]')).waitFor();
  }

  get inbox(): Locator {
    return this.page.getByTestId('notifications-page');
  }

  /** The inbox's notifications, newest first: `data-unread`, `data-kind`, `data-case-id`. */
  get items(): Locator {
    return this.inbox.getByTestId('notification-item');
  }

  unreadItems(): Locator {
    return this.items.and(this.page.locator('[data-unread="true"]'));
  }

  async markRead(item: Locator): Promise<void> {
    await item.getByRole('button', { name: /^Markeer als gelezen/ }).click();
    await item.and(this.page.locator('[data-unread="false"]')).waitFor();
  }

  /** The inbox's list of cases with unread notifications, each with "Alles van dit dossier gelezen". */
  unreadCase(caseId: string): Locator {
    return this.inbox.getByTestId('notifications-cases').locator(`li[data-case-id="${caseId}"]`);
  }

  async markCaseRead(caseId: string): Promise<void> {
    await this.unreadCase(caseId)
      .getByRole('button', { name: /^Alles van dit dossier gelezen/ })
      .click();
  }

  async markAllRead(): Promise<void> {
    await this.inbox.getByRole('button', { name: 'Alles gelezen', exact: true }).click();
  }

  get loadMore(): Locator {
    return this.inbox.getByRole('button', { name: 'Meer laden', exact: true });
  }

  /** From the inbox to the e-mail setting, loaded. */
  async openSettings(): Promise<void> {
    await this.inbox.getByRole('link', { name: 'E-mailinstellingen' }).click();
    await this.settingsForm.waitFor();
  }

  get settingsForm(): Locator {
    return this.page.getByRole('form', { name: 'E-mail bij meldingen' });
  }

  get emailField(): Locator {
    return this.settingsForm.getByLabel('E-mailadres');
  }

  /** Fills in and saves the e-mail setting as a user would; `mode` by the start of its option's label. */
  async saveSettings(settings: { email: string; mode: 'Direct' | 'Dagelijks overzicht' | 'Nooit'; digestHour?: number }): Promise<void> {
    await this.emailField.fill(settings.email);
    if (settings.digestHour !== undefined) await this.settingsForm.getByLabel('Uur van het dagelijks overzicht').selectOption(String(settings.digestHour));
    await this.settingsForm.getByRole('radio', { name: new RegExp(`^${settings.mode}`) }).check();
    await this.settingsForm.getByRole('button', { name: 'Opslaan', exact: true }).click();
  }

  get settingsStatus(): Locator {
    return this.settingsForm.getByRole('status');
  }

  /** The description of a field (its hint and any error), as assistive technology reads it with the field. */
  async description(field: Locator): Promise<string> {
    return field.evaluate((element) =>
      (element.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .filter(Boolean)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
  }

  /** This user's notifications as the server lists them (the browser's own session). */
  async list(query = ''): Promise<NotificationList> {
    return this.fetchJson<NotificationList>('GET', `/api/notifications${query}`);
  }

  async settings(): Promise<NotificationSettings> {
    return this.fetchJson<NotificationSettings>('GET', '/api/notification-settings');
  }

  /** One same-origin request from the page, as its own scripts make them. */
  async fetchJson<T>(method: string, path: string, body?: unknown): Promise<T> {
    const { status, json } = await this.page.evaluate(
      async ({ method, path, body }) => {
        const response = await fetch(path, {
          method,
          credentials: 'same-origin',
          headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: response.status, json: (await response.json().catch(() => null)) as unknown };
      },
      { method, path, body },
    );
    if (status >= 400) throw new Error(`${method} ${path} answered ${status}: ${JSON.stringify(json)}`);
    return json as T;
  }
}

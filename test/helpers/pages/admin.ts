import type { Download, Locator } from 'playwright-core';
import type { WorkspacePage } from '../browser.ts';

type Tab = 'Gebruikers' | 'Organisaties' | 'Casussen' | 'Auditlog';

/** The administrator's screens (client/src/features/admin): users, organisations, cases and the audit log. */
export class AdminScreens {
  constructor(private readonly user: WorkspacePage) {}

  private get page() {
    return this.user.page;
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { name: 'Beheer', level: 1 });
  }

  tab(name: Tab): Locator {
    return this.page.getByRole('navigation', { name: 'Beheeronderdelen' }).getByRole('link', { name, exact: true });
  }

  /** Opens a tab and waits for its heading. */
  async show(name: Tab): Promise<void> {
    await this.tab(name).click();
    await this.page.getByRole('heading', { name, level: 2 }).waitFor();
  }

  userRow(username: string): Locator {
    return this.page.getByTestId('admin-users').locator(`tr[data-username="${username}"]`);
  }

  /** Fills in and submits the form for a new account. */
  async createUser(user: { username: string; name: string; role: string; password: string; organisation?: string }): Promise<void> {
    const form = this.page.getByTestId('create-user');
    await form.getByLabel('Gebruikersnaam', { exact: true }).fill(user.username);
    await form.getByLabel('Naam', { exact: true }).fill(user.name);
    await form.getByLabel('Rol', { exact: true }).selectOption({ label: user.role });
    if (user.organisation) await form.getByLabel('Organisatie', { exact: true }).selectOption({ label: user.organisation });
    await form.getByLabel('Wachtwoord', { exact: true }).fill(user.password);
    await form.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
  }

  organisationRow(name: string): Locator {
    return this.page
      .getByTestId('admin-organisations')
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name, exact: true }) });
  }

  /** Fills in and submits the form for a new organisation (platform administrators). */
  async createOrganisation(name: string, kind: string): Promise<void> {
    const form = this.page.getByTestId('create-organisation');
    await form.getByLabel('Naam', { exact: true }).fill(name);
    await form.getByLabel('Soort', { exact: true }).selectOption({ label: kind });
    await form.getByRole('button', { name: 'Organisatie aanmaken' }).click();
  }

  caseRow(caseId: string): Locator {
    return this.page.getByTestId('admin-cases').locator(`tr[data-case-id="${caseId}"]`);
  }

  member(caseId: string, caseRole: 'ba' | 'va'): Locator {
    return this.caseRow(caseId).locator(`td[data-role="${caseRole}"] .member`);
  }

  /** Gives a case role of a case to another physician through the case list. */
  async replaceMember(caseId: string, caseRole: 'ba' | 'va', optionLabel: string): Promise<void> {
    const cell = this.caseRow(caseId).locator(`td[data-role="${caseRole}"]`);
    await cell.getByRole('button', { name: /^Wijzigen/ }).click();
    await cell.getByRole('combobox').selectOption({ label: optionLabel });
    await cell.getByRole('button', { name: 'Toewijzen' }).click();
  }

  get auditRows(): Locator {
    return this.page.getByTestId('audit-rows').locator('tbody tr');
  }

  /** Filters the audit log by one case (chosen by its title). */
  async filterAuditByCase(title: string): Promise<void> {
    const form = this.page.getByTestId('audit-filter');
    await form.getByLabel('Casus').selectOption({ label: title });
    await form.getByRole('button', { name: 'Filteren' }).click();
  }

  /** Clicks "Exporteer CSV" and resolves with the download it starts. */
  async exportCsv(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId('audit-export').click()]);
    return download;
  }
}

import { readFile } from 'node:fs/promises';
import { formatDocName } from '../../shared/docNames.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { expectNothingSerious, scan } from '../helpers/axe.ts';
import { AdminClient } from '../helpers/adminClient.ts';
import { expectNoPageErrors, useBrowser, useWorkspaceServer, type WorkspacePage } from '../helpers/browser.ts';
import { storedSectionText } from '../helpers/collabClient.ts';
import { AdminScreens } from '../helpers/pages/admin.ts';
import { FIRST_SECTION, waitForText } from '../helpers/pages/common.ts';
import type { TestServer } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';

const PASSWORD = 'Zonnebloem-veld-42';

describe('the administrator in the browser', () => {
  const browser = useBrowser();
  const workspace = useWorkspaceServer();
  let server: TestServer;
  beforeEach(() => {
    server = workspace();
  });

  async function signInAdmin(): Promise<{ visitor: WorkspacePage; admin: AdminScreens }> {
    const visitor = await browser.newVisitor(server.url);
    await visitor.logIn('admin.demo', 'demo');
    const admin = new AdminScreens(visitor);
    await admin.heading.waitFor();
    return { visitor, admin };
  }

  it('lands on the administration, creates a user, and its three screens pass axe', async () => {
    const { visitor, admin } = await signInAdmin();
    expect(new URL(visitor.page.url()).pathname).toBe('/');
    await expect(admin.tab('Gebruikers').getAttribute('aria-current')).resolves.toBe('page');
    await admin.userRow('ba.demo').waitFor();
    expect(await visitor.page.getByRole('heading', { name: 'Mijn dossiers' }).count()).toBe(0);
    expectNothingSerious('the users screen', await scan(visitor.page));

    await admin.createUser({ username: 'ba.nieuw', name: 'Bea Nieuw', role: 'bedrijfsarts', password: PASSWORD });
    await waitForText(admin.userRow('ba.nieuw'), 'Bea Nieuw');
    await waitForText(admin.userRow('ba.nieuw'), 'actief');

    await admin.show('Casussen');
    expectNothingSerious('the cases screen', await scan(visitor.page));
    await admin.show('Auditlog');
    await admin.auditRows.first().waitFor();
    expectNothingSerious('the audit screen', await scan(visitor.page));
    expectNoPageErrors(visitor);
  });

  it('replacing the VA while the old VA has the case open ends their access on their page', async () => {
    const api = new AdminClient(server, await server.login('admin.demo'));
    await api.createUser('va.oud', 'verzekeringsarts');
    const caseId = await api.createCase('ba.demo', 'va.oud');
    const oldVa = await browser.newPhysician(server.url, 'va.oud', PASSWORD);
    await oldVa.openCase(caseId);
    expect(oldVa.role).toBe('va');
    await oldVa.editors.typeInOwn(FIRST_SECTION, 'Eerste regel');
    await waitFor(async () => (await storedSectionText(server.stores, formatDocName({ caseId, part: 'insurance' }), FIRST_SECTION)).includes('Eerste regel'), {
      what: 'the typing synced',
    });

    const { visitor, admin } = await signInAdmin();
    await admin.show('Casussen');
    await waitForText(admin.member(caseId, 'va'), 'Dr. va.oud');
    await admin.replaceMember(caseId, 'va', 'Victor Visser (va.demo)');
    await waitForText(admin.member(caseId, 'va'), 'Victor Visser');

    await oldVa.page.getByTestId('access-ended').waitFor();
    await waitForText(oldVa.page.getByTestId('access-ended'), 'U heeft geen toegang tot dit dossier.');
    expect(await oldVa.page.locator('[contenteditable="true"]').count()).toBe(0);
    await oldVa.page.keyboard.type(' nog meer');
    expect(await storedSectionText(server.stores, formatDocName({ caseId, part: 'insurance' }), FIRST_SECTION)).not.toContain('nog meer');
    expectNoPageErrors(visitor);
  });

  it('filters the audit log by case and exports what the filter holds as CSV', async () => {
    const api = new AdminClient(server, await server.login('admin.demo'));
    const caseId = await api.createCase('ba.demo', 'va.demo', 'Auditcasus');
    const { visitor, admin } = await signInAdmin();
    await admin.show('Auditlog');
    await admin.auditRows.first().waitFor();
    await admin.filterAuditByCase('Auditcasus');
    await waitFor(
      async () => {
        const cases = await admin.auditRows.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-case-id')));
        return cases.length > 0 && cases.every((id) => id === caseId);
      },
      { what: 'only rows of the case' },
    );

    const download = await admin.exportCsv();
    expect(download.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = (await readFile((await download.path())!, 'utf8')).trim().split('\r\n');
    expect(lines[0]).toBe('"at","userId","username","role","caseId","object","action","outcome","detail","ip","userAgent","organisationId"');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((line) => line.includes(`"${caseId}"`))).toBe(true);
    expectNoPageErrors(visitor);
  });
});

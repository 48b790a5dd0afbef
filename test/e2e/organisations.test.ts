import { beforeEach, describe, expect, it } from 'vitest';
import { expectNothingSerious, scan } from '../helpers/axe.ts';
import { AdminClient } from '../helpers/adminClient.ts';
import { expectNoPageErrors, useBrowser, useWorkspaceServer } from '../helpers/browser.ts';
import { AdminScreens } from '../helpers/pages/admin.ts';
import { waitForText } from '../helpers/pages/common.ts';
import type { TestServer } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';

const PASSWORD = 'Zonnebloem-veld-42';

describe('organisations in the browser', () => {
  const browser = useBrowser();
  const workspace = useWorkspaceServer();
  let server: TestServer;
  beforeEach(() => {
    server = workspace();
  });

  it('the platform administrator creates an organisation, an account in it, and requires a second factor; the screen passes axe', async () => {
    const visitor = await browser.newVisitor(server.url);
    await visitor.logIn('admin.demo', 'demo');
    const admin = new AdminScreens(visitor);
    await admin.show('Organisaties');
    await waitForText(admin.organisationRow('UWV Demo'), 'UWV');
    await waitForText(admin.organisationRow('Arbodienst Demo'), 'niet verplicht');
    expectNothingSerious('the organisations screen', await scan(visitor.page));

    await admin.createOrganisation('Arbo Oost', 'Arbodienst');
    await waitForText(admin.organisationRow('Arbo Oost'), 'Arbodienst');
    await admin.organisationRow('Arbo Oost').getByRole('button', { name: 'Tweede factor verplichten' }).click();
    await waitForText(admin.organisationRow('Arbo Oost'), 'verplicht');
    const created = (await server.stores.records.listOrganisations()).find((o) => o.name === 'Arbo Oost')!;
    await waitFor(async () => (await server.stores.records.getOrganisation(created.id))?.mfaRequired === true, { what: 'the requirement stored' });

    await admin.show('Gebruikers');
    await admin.createUser({ username: 'ba.oost', name: 'Bo Oost', role: 'bedrijfsarts', password: PASSWORD, organisation: 'Arbo Oost' });
    await waitForText(admin.userRow('ba.oost'), 'Arbo Oost');
    expect((await server.stores.records.findUserByUsername('ba.oost'))?.organisationId).toBe(created.id);
    expectNoPageErrors(visitor);
  });

  it("an organisation's administrator sees only their own organisation and its accounts, and cannot create organisations", async () => {
    const platform = new AdminClient(server, await server.login('admin.demo'));
    const made = await platform.call('POST', '/api/users', {
      username: 'admin.uwv',
      name: 'Beheer UWV',
      role: 'admin',
      password: PASSWORD,
      organisationId: 'demo-uwv',
    });
    expect(made.status).toBe(201);
    const visitor = await browser.newVisitor(server.url);
    await visitor.logIn('admin.uwv', PASSWORD);
    const admin = new AdminScreens(visitor);
    await admin.userRow('va.demo').waitFor();
    expect(await admin.userRow('ba.demo').count()).toBe(0);
    await admin.show('Organisaties');
    await waitForText(admin.organisationRow('UWV Demo'), 'UWV');
    expect(await admin.organisationRow('Arbodienst Demo').count()).toBe(0);
    expect(await visitor.page.getByTestId('create-organisation').count()).toBe(0);
    expectNoPageErrors(visitor);
  });
});

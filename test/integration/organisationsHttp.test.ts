import { beforeAll, describe, expect, it } from 'vitest';
import type { AdminCase, AdminUser, AuditPageResponse } from '../../shared/admin.ts';
import type { AdminOrganisation } from '../../shared/organisations.ts';
import { DEFAULT_ORGANISATION_ID } from '../../shared/organisations.ts';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { AdminClient } from '../helpers/adminClient.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';

const PASSWORD = 'Zonnebloem-veld-42';

let server: TestServer;
let platform: AdminClient;
/** The administrator of the demo arbodienst, created by the platform administrator. */
let arboAdmin: AdminClient;

const account = (username: string, role: AdminUser['role'], organisationId?: string) => ({
  username,
  name: `Dr. ${username}`,
  role,
  password: PASSWORD,
  ...(organisationId ? { organisationId } : {}),
});

beforeAll(async () => {
  server = await startTestServer();
  platform = new AdminClient(server, await server.login('admin.demo'));
  expect((await platform.call('POST', '/api/users', account('admin.arbo', 'admin', 'demo-arbo'))).status).toBe(201);
  arboAdmin = new AdminClient(server, await server.login('admin.arbo', PASSWORD));
});

describe('organisations (platform and organisation administrators)', () => {
  it('the demo seed has an arbodienst and UWV; the demo physicians belong to them and the demo administrator to the platform', async () => {
    const organisations = (await platform.call<AdminOrganisation[]>('GET', '/api/organisations')).body;
    expect(organisations.map((o) => [o.id, o.kind])).toEqual(
      expect.arrayContaining([
        ['demo-arbo', 'arbodienst'],
        ['demo-uwv', 'uwv'],
        [DEFAULT_ORGANISATION_ID, 'arbodienst'],
      ]),
    );
    const users = await platform.users();
    const of = (username: string) => users.find((u) => u.username === username)!;
    expect([of('ba.demo').organisationId, of('outsider.demo').organisationId]).toEqual(['demo-arbo', 'demo-arbo']);
    expect([of('va.demo').organisationId, of('reviewer.demo').organisationId]).toEqual(['demo-uwv', 'demo-uwv']);
    expect(of('admin.demo')).toMatchObject({ organisationId: DEFAULT_ORGANISATION_ID, platformAdmin: true });
    expect(of('admin.arbo')).toMatchObject({ organisationId: 'demo-arbo', platformAdmin: false });
  });

  it('the platform administrator creates an organisation; bad input is refused naming the field, a taken name with 409', async () => {
    const created = await platform.call<AdminOrganisation>('POST', '/api/organisations', { name: 'Verzekeraar Zuid', kind: 'verzekeraar' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Verzekeraar Zuid', kind: 'verzekeraar', mfaRequired: false, sso: null });
    const badKind = await platform.call('POST', '/api/organisations', { name: 'X', kind: 'ziekenhuis' });
    expect([badKind.status, badKind.body.error?.field]).toEqual([400, 'kind']);
    const taken = await platform.call('POST', '/api/organisations', { name: 'verzekeraar zuid', kind: 'verzekeraar' });
    expect([taken.status, taken.body.error?.field]).toEqual([409, 'name']);
  });

  it("an issuer's client secret never leaves the server", async () => {
    const oidc = {
      discoveryUrl: 'https://idp.example/.well-known/openid-configuration',
      clientId: 'cw',
      clientSecret: 'geheim-42',
      allowedRoles: ['bedrijfsarts'],
    };
    const created = await platform.call<AdminOrganisation>('POST', '/api/organisations', { name: 'Arbo SSO', kind: 'arbodienst', oidc });
    expect(created.status).toBe(201);
    expect(created.body.sso).toEqual({
      discoveryUrl: oidc.discoveryUrl,
      clientId: 'cw',
      usernameClaim: 'preferred_username',
      allowedRoles: ['bedrijfsarts'],
      justInTimeRole: null,
    });
    expect(JSON.stringify((await platform.call('GET', '/api/organisations')).body)).not.toContain('geheim-42');
    expect((await server.stores.records.getOrganisation(created.body.id))?.oidc?.clientSecret).toBe('geheim-42');
  });

  it("an organisation's administrator lists and creates only their own organisation's accounts", async () => {
    const listed = await arboAdmin.users();
    expect(new Set(listed.map((u) => u.organisationId))).toEqual(new Set(['demo-arbo']));
    expect(listed.map((u) => u.username)).toEqual(expect.arrayContaining(['ba.demo', 'outsider.demo', 'admin.arbo']));
    expect(listed.map((u) => u.username)).not.toContain('va.demo');

    const own = await arboAdmin.call<AdminUser>('POST', '/api/users', account('ba.arbo-nieuw', 'bedrijfsarts'));
    expect(own.status).toBe(201);
    expect((await server.stores.records.findUserByUsername('ba.arbo-nieuw'))?.organisationId).toBe('demo-arbo');

    const elsewhere = await arboAdmin.call('POST', '/api/users', account('va.elders', 'verzekeringsarts', 'demo-uwv'));
    expect([elsewhere.status, elsewhere.body.error?.id]).toEqual([403, 'organisation.other']);
    const platformAdmin = await arboAdmin.call('POST', '/api/users', { ...account('admin.stiekem', 'admin'), platformAdmin: true });
    expect(platformAdmin.status).toBe(403);
    expect(await server.stores.records.findUserByUsername('va.elders')).toBeNull();
    expect(await server.stores.records.findUserByUsername('admin.stiekem')).toBeNull();
  });

  it("an organisation's administrator cannot touch another organisation's account: 404 as for none, and nothing changes", async () => {
    const va = (await server.stores.records.findUserByUsername('va.demo'))!;
    for (const [method, path, body] of [
      ['POST', `/api/admin/users/${va.id}/deactivate`, undefined],
      ['POST', `/api/admin/users/${va.id}/password`, { password: 'Ander-wachtwoord-77' }],
      ['PUT', `/api/admin/users/${va.id}/role`, { role: 'admin' }],
    ] as const) {
      const refused = await arboAdmin.call(method, path, body);
      expect([method, path, refused.status, refused.body.error?.id]).toEqual([method, path, 404, 'user.not-found']);
    }
    const after = (await server.stores.records.findUserById(va.id))!;
    expect(after).toEqual(va);
    // The platform administrator still manages every account.
    expect((await platform.call('PUT', `/api/admin/users/${va.id}/role`, { role: 'verzekeringsarts' })).status).toBe(200);
  });

  it("an organisation's administrator sees the cases one of whose physicians is theirs, and places only their own physicians", async () => {
    const uwvOnly = await platform.call<{ id: string }>('POST', '/api/users', account('ba.zelf', 'bedrijfsarts', DEFAULT_ORGANISATION_ID));
    expect(uwvOnly.status).toBe(201);
    const foreign = await platform.createCase('ba.zelf', 'va.demo', 'Elders');
    const cases = (await arboAdmin.call<AdminCase[]>('GET', '/api/admin/cases')).body.map((c) => c.id);
    expect(cases).toContain(DEMO_CASE_ID);
    expect(cases).not.toContain(foreign);

    const outsider = (await server.stores.records.findUserByUsername('outsider.demo'))!;
    expect((await arboAdmin.assign(foreign, 'ba', outsider.id)).status).toBe(404);
    const reviewer = (await server.stores.records.findUserByUsername('reviewer.demo'))!;
    const otherOrganisation = await arboAdmin.assign(DEMO_CASE_ID, 'va', reviewer.id);
    expect([otherOrganisation.status, otherOrganisation.body.error?.field]).toEqual([400, 'userId']);
    expect((await server.stores.records.listMembers(DEMO_CASE_ID)).find((m) => m.caseRole === 'va')?.userId).not.toBe(reviewer.id);

    // A case with the other organisation's VA, named by username, links both organisations.
    expect(
      (
        await arboAdmin.call('POST', '/api/cases', {
          title: 'Samen',
          employeePseudonym: 'WN-1',
          employer: 'W',
          firstSickDay: '2026-01-05',
          ba: 'ba.demo',
          va: 'va.demo',
        })
      ).status,
    ).toBe(201);
    const none = await arboAdmin.call('POST', '/api/cases', {
      title: 'Niet van ons',
      employeePseudonym: 'WN-2',
      employer: 'W',
      firstSickDay: '2026-01-05',
      ba: 'ba.zelf',
      va: 'va.demo',
    });
    expect([none.status, none.body.error?.id]).toEqual([403, 'organisation.other']);
  });

  it('only the platform creates and renames organisations; an organisation administrator may require a second factor for their own, which ends their own password-only session', async () => {
    expect((await arboAdmin.call('POST', '/api/organisations', { name: 'Eigen', kind: 'arbodienst' })).status).toBe(403);
    expect((await arboAdmin.call('PATCH', '/api/organisations/demo-arbo', { name: 'Hernoemd' })).status).toBe(403);
    expect((await arboAdmin.call('PATCH', '/api/organisations/demo-uwv', { mfaRequired: true })).status).toBe(404);
    expect((await server.stores.records.getOrganisation('demo-uwv'))?.mfaRequired).toBe(false);
    const own = await arboAdmin.call<AdminOrganisation>('PATCH', '/api/organisations/demo-arbo', { mfaRequired: true });
    expect([own.status, own.body.mfaRequired]).toEqual([200, true]);
    // The administrator's own session was a password alone: from now on it is refused.
    expect((await arboAdmin.call('PATCH', '/api/organisations/demo-arbo', {})).status).toBe(401);
    expect((await platform.call('PATCH', '/api/organisations/demo-arbo', { mfaRequired: false })).status).toBe(200);
    arboAdmin = new AdminClient(server, await server.login('admin.arbo', PASSWORD));
    expect((await arboAdmin.call('PATCH', '/api/organisations/demo-arbo', {})).status).toBe(400);
    const listed = (await arboAdmin.call<AdminOrganisation[]>('GET', '/api/organisations')).body;
    expect(listed.map((o) => o.id)).toEqual(['demo-arbo']);
  });

  it("the audit records the actor's organisation, and an organisation's administrator reads only their organisation's rows", async () => {
    const rows = (await platform.audit({ user: (await server.stores.records.findUserByUsername('admin.arbo'))!.id })).body.rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.organisationId))).toEqual(new Set(['demo-arbo']));
    const own = await arboAdmin.call<AuditPageResponse>('GET', '/api/audit?limit=200');
    expect(own.status).toBe(200);
    expect(own.body.rows.length).toBeGreaterThan(0);
    expect(new Set(own.body.rows.map((r) => r.organisationId))).toEqual(new Set(['demo-arbo']));
    const platformRows = (await platform.audit({ limit: '200' })).body.rows;
    expect(platformRows.some((r) => r.organisationId === DEFAULT_ORGANISATION_ID)).toBe(true);
  });
});

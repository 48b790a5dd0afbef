import { describe, expect, it } from 'vitest';
import { DEFAULT_ORGANISATION_ID, type OidcSettings } from '../../shared/organisations.ts';
import { DuplicateError, type NewOrganisation } from '../../server/store/ports.ts';
import { useFreshStores, type MakeStores } from './fixture.ts';

const oidc: OidcSettings = {
  discoveryUrl: 'https://login.arbo.example/.well-known/openid-configuration',
  clientId: 'workspace',
  clientSecret: 's3cret',
  usernameClaim: 'preferred_username',
  allowedRoles: ['bedrijfsarts'],
  justInTimeRole: null,
};

const arbo: NewOrganisation = { id: 'org-arbo', name: 'Arbodienst Noord', kind: 'arbodienst', mfaRequired: false, oidc };
const uwv: NewOrganisation = { id: 'org-uwv', name: 'UWV', kind: 'uwv', mfaRequired: true, oidc: null };

/** The organisations of the RecordStore, on every adapter. */
export function organisationContract(name: string, makeStores: MakeStores): void {
  describe(`RecordStore organisations: ${name}`, () => {
    const stores = useFreshStores(makeStores);
    const records = () => stores().records;

    it('an empty store holds the default organisation, and accounts made without one belong to it', async () => {
      expect((await records().listOrganisations()).map((o) => o.id)).toEqual([DEFAULT_ORGANISATION_ID]);
      expect(await records().getOrganisation(DEFAULT_ORGANISATION_ID)).toMatchObject({ kind: 'arbodienst', mfaRequired: false, oidc: null });
      const user = await records().createUser({ id: 'u1', username: 'u1', name: 'U', role: 'admin', passwordHash: 'x' });
      expect(user).toMatchObject({ organisationId: DEFAULT_ORGANISATION_ID, platformAdmin: false });
    });

    it('a created organisation reads back whole, its issuer settings included, and lists by name', async () => {
      const created = await records().createOrganisation(uwv);
      await records().createOrganisation(arbo);
      expect(created).toEqual({ ...uwv, createdAt: expect.any(String) });
      expect(await records().getOrganisation('org-arbo')).toEqual({ ...arbo, createdAt: expect.any(String) });
      expect((await records().listOrganisations()).map((o) => o.name)).toEqual(['Arbodienst Noord', 'Standaardorganisatie', 'UWV']);
      expect(await records().getOrganisation('nope')).toBeNull();
    });

    it('a taken name in any letter case, or a taken id, is refused and changes nothing', async () => {
      await records().createOrganisation(uwv);
      for (const attempt of [
        { ...arbo, name: 'uwv' },
        { ...arbo, id: 'org-uwv' },
        { ...arbo, id: DEFAULT_ORGANISATION_ID },
      ]) {
        const error = await records()
          .createOrganisation(attempt)
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DuplicateError);
      }
      expect(await records().listOrganisations()).toHaveLength(2);
    });

    it('updateOrganisation changes the fields given and keeps the rest; a taken name is refused', async () => {
      await records().createOrganisation(arbo);
      await records().createOrganisation(uwv);
      const changed = await records().updateOrganisation('org-arbo', { mfaRequired: true, oidc: null });
      expect(changed).toEqual({ ...arbo, mfaRequired: true, oidc: null, createdAt: expect.any(String) });
      expect(await records().getOrganisation('org-arbo')).toEqual(changed);
      const renamed = await records().updateOrganisation('org-arbo', { name: 'Arbo Zuid' });
      expect(renamed?.name).toBe('Arbo Zuid');
      await expect(records().updateOrganisation('org-arbo', { name: 'UWV' })).rejects.toBeInstanceOf(DuplicateError);
      // The old name is free again once renamed.
      expect((await records().createOrganisation({ ...uwv, id: 'org-2', name: 'Arbodienst Noord' })).name).toBe('Arbodienst Noord');
      expect(await records().updateOrganisation('nope', { mfaRequired: true })).toBeNull();
    });

    it('the default organisation can be changed like any other', async () => {
      const changed = await records().updateOrganisation(DEFAULT_ORGANISATION_ID, { mfaRequired: true });
      expect(changed).toMatchObject({ id: DEFAULT_ORGANISATION_ID, mfaRequired: true });
      expect((await records().listOrganisations()).find((o) => o.id === DEFAULT_ORGANISATION_ID)?.mfaRequired).toBe(true);
    });

    it('an account belongs to the organisation it was created in', async () => {
      await records().createOrganisation(uwv);
      const user = await records().createUser({ id: 'v1', username: 'v1', name: 'V', role: 'verzekeringsarts', passwordHash: 'x', organisationId: 'org-uwv' });
      expect(user.organisationId).toBe('org-uwv');
      expect((await records().findUserById('v1'))?.organisationId).toBe('org-uwv');
      expect((await records().listUsers())[0]?.organisationId).toBe('org-uwv');
    });
  });
}

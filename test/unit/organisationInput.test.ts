import { describe, expect, it } from 'vitest';
import { CreateOrganisationInput } from '../../shared/organisations.ts';

const oidc = { discoveryUrl: 'https://idp.example/.well-known/openid-configuration', clientId: 'cw', clientSecret: 's', allowedRoles: ['bedrijfsarts'] };

describe('an organisation as the administrator enters it', () => {
  it('a just-in-time role must be one of the roles that may sign in, else the field is named', () => {
    expect(CreateOrganisationInput.safeParse({ name: 'A', kind: 'arbodienst', oidc: { ...oidc, justInTimeRole: 'bedrijfsarts' } }).success).toBe(true);
    const refused = CreateOrganisationInput.safeParse({ name: 'A', kind: 'arbodienst', oidc: { ...oidc, justInTimeRole: 'admin' } });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.path).toEqual(['oidc', 'justInTimeRole']);
  });

  it('defaults: no second factor required, no issuer, the username in preferred_username', () => {
    expect(CreateOrganisationInput.parse({ name: ' UWV ', kind: 'uwv' })).toEqual({ name: 'UWV', kind: 'uwv', mfaRequired: false, oidc: null });
    expect(CreateOrganisationInput.parse({ name: 'A', kind: 'arbodienst', oidc }).oidc?.usernameClaim).toBe('preferred_username');
    expect(CreateOrganisationInput.safeParse({ name: 'A', kind: 'ziekenhuis' }).success).toBe(false);
    expect(CreateOrganisationInput.safeParse({ name: 'A', kind: 'uwv', oidc: { ...oidc, discoveryUrl: 'ftp://x' } }).success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { IssuerUnreachableError, Issuers, SSO_DISCOVERY_TTL_MS } from '../../server/auth/sso/issuers.ts';
import { startOidcProvider } from '../helpers/oidcProvider.ts';

/** The discovery cache against a real provider on 127.0.0.1: kept per organisation for its TTL, fetched again when a setting changes. */
describe('issuer discovery cache', () => {
  it('keeps a discovery for its TTL per organisation, and fetches again after it or when the settings change', async () => {
    const provider = await startOidcProvider('http://localhost:1/api/auth/sso/callback');
    let now = 1_000_000;
    const issuers = new Issuers(() => now);
    const settings = provider.settings();

    const first = await issuers.configFor('arbo', settings);
    expect(first.serverMetadata().issuer).toBe(provider.issuer);
    expect(await issuers.configFor('arbo', settings)).toBe(first);
    expect(provider.discoveries()).toBe(1);

    await issuers.configFor('other-arbo', settings);
    expect(provider.discoveries()).toBe(2);

    const changed = await issuers.configFor('arbo', { ...settings, clientSecret: 'a-new-secret' });
    expect(changed).not.toBe(first);
    expect(changed.clientMetadata().client_secret).toBe('a-new-secret');
    expect(provider.discoveries()).toBe(3);

    now += SSO_DISCOVERY_TTL_MS - 1;
    await issuers.configFor('arbo', { ...settings, clientSecret: 'a-new-secret' });
    expect(provider.discoveries()).toBe(3);
    now += 1;
    await issuers.configFor('arbo', { ...settings, clientSecret: 'a-new-secret' });
    expect(provider.discoveries()).toBe(4);
  });

  it('a failed discovery is not kept, and plain http is allowed only on this machine', async () => {
    const provider = await startOidcProvider('http://localhost:1/api/auth/sso/callback');
    const issuers = new Issuers();
    const settings = provider.settings();
    await provider.close();
    await expect(issuers.configFor('arbo', settings)).rejects.toBeInstanceOf(IssuerUnreachableError);
    const remote = issuers.configFor('arbo', { ...settings, discoveryUrl: 'http://issuer.example.nl' });
    await expect(remote).rejects.toMatchObject({ code: 'http-not-allowed' });

    const again = await startOidcProvider('http://localhost:1/api/auth/sso/callback');
    const config = await issuers.configFor('arbo', again.settings());
    expect(config.serverMetadata().issuer).toBe(again.issuer);
  });
});

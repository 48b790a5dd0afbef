import { beforeAll, describe, expect, it } from 'vitest';
import type { OidcSettings } from '../../shared/organisations.ts';
import { SSO_FAILURE_PARAM } from '../../shared/sso.ts';
import { SESSION_COOKIE } from '../../server/auth/Authenticator.ts';
import { SSO_ONLY_PASSWORD } from '../../server/auth/sso/ssoLogin.ts';
import { SSO_TRANSACTION_COOKIE } from '../../server/auth/sso/ssoTransactions.ts';
import { api } from '../helpers/http.ts';
import { startOidcProvider, type TestOidcProvider } from '../helpers/oidcProvider.ts';
import { SsoWalker } from '../helpers/ssoClient.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';

const ARBO = 'demo-arbo';

/**
 * Single sign-on against a real OpenID provider (oidc-provider) on
 * 127.0.0.1: the start's redirect, a full sign-in, and every refusal of the
 * callback, each audited and none leaving a session behind.
 */
describe('single sign-on through an organisation’s OpenID issuer', () => {
  let server: TestServer;
  let provider: TestOidcProvider;
  /** The workspace as the issuer sends browsers back to it: its public origin (without PUBLIC_URL, localhost and its port). */
  let base: string;

  beforeAll(async () => {
    server = await startTestServer();
    base = `http://localhost:${new URL(server.url).port}`;
    provider = await startOidcProvider(`${base}/api/auth/sso/callback`, {
      'anna.idp': { preferred_username: 'ba.demo', name: 'Anna Bakker', email: 'anna@arbo.example' },
      'victor.idp': { preferred_username: 'va.demo' },
      'nieuw.idp': { preferred_username: 'nieuw.arts', name: 'Nina Nieuw' },
      'zonder.idp': { name: 'Zonder Gebruikersnaam' },
    });
    await configure(ARBO, provider.settings());
  });

  const configure = async (organisationId: string, oidc: OidcSettings | null) => {
    expect(await server.stores.records.updateOrganisation(organisationId, { oidc })).not.toBeNull();
  };

  /** Starts at the workspace, signs in at the provider as `login`: the walker and the callback address, not yet visited. */
  const throughProvider = async (organisationId: string, login: string, tamper: (authorization: URL) => void = () => undefined) => {
    const walker = new SsoWalker();
    const start = await walker.get(`${base}/api/auth/sso/${organisationId}/start`);
    const authorization = new URL(SsoWalker.locationOf(start, base));
    tamper(authorization);
    const callback = await walker.signInAtProvider(authorization.href, login);
    return { walker, callback };
  };

  const signIn = async (organisationId: string, login: string) => {
    const { walker, callback } = await throughProvider(organisationId, login);
    return { walker, callback, answer: await walker.get(callback) };
  };

  const failureOf = (answer: Response): string | null => {
    const location = new URL(SsoWalker.locationOf(answer, base));
    expect(location.pathname).toBe('/');
    return location.searchParams.get(SSO_FAILURE_PARAM);
  };

  const lastLoginAudit = async () => (await server.stores.audit.list({ action: 'login', limit: 1 }))[0];

  it('lists only the organisations that have an issuer, without their settings', async () => {
    const listed = await api(server.url, 'GET', '/api/auth/sso');
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([{ organisationId: ARBO, name: 'Arbodienst Demo' }]);
  });

  it('the start redirects to the issuer with PKCE (S256), state and nonce, and keeps them in a short-lived httpOnly cookie', async () => {
    const walker = new SsoWalker();
    const start = await walker.get(`${base}/api/auth/sso/${ARBO}/start`);
    expect(start.status).toBe(302);
    const authorization = new URL(SsoWalker.locationOf(start, base));
    expect(authorization.origin).toBe(provider.issuer);
    const params = authorization.searchParams;
    expect(params.get('response_type')).toBe('code');
    expect(params.get('client_id')).toBe(provider.settings().clientId);
    expect(params.get('redirect_uri')).toBe(`${base}/api/auth/sso/callback`);
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(params.get('nonce')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const cookie = start.headers.getSetCookie().find((line) => line.startsWith(`${SSO_TRANSACTION_COOKIE}=`))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Max-Age=600/);
    // The verifier never leaves in the address.
    expect(authorization.href).not.toContain(walker.cookie(base, SSO_TRANSACTION_COOKIE)!);
  });

  it('a BA known to the issuer signs in: the same session cookie as a password login, then the workspace', async () => {
    const { walker, answer } = await signIn(ARBO, 'anna.idp');
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe('/');
    const session = answer.headers.getSetCookie().find((line) => line.startsWith(`${SESSION_COOKIE}=`))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Strict/i);
    const me = await api(server.url, 'GET', '/api/me', { cookie: `${SESSION_COOKIE}=${walker.cookie(base, SESSION_COOKIE)}` });
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ username: 'ba.demo', role: 'bedrijfsarts' });
    expect(walker.cookie(base, SSO_TRANSACTION_COOKIE)).toBeNull();
    const audit = await lastLoginAudit();
    expect(audit).toMatchObject({ action: 'login', outcome: 'success', object: 'session', username: 'ba.demo', organisationId: ARBO, detail: 'sso' });
  });

  it("an organisation that requires a second factor accepts its issuer's sign-in on every request, while a password alone gives no session", async () => {
    await server.stores.records.updateOrganisation(ARBO, { mfaRequired: true });
    try {
      const { walker, answer } = await signIn(ARBO, 'anna.idp');
      expect(answer.headers.get('location')).toBe('/');
      const me = await api(server.url, 'GET', '/api/me', { cookie: `${SESSION_COOKIE}=${walker.cookie(base, SESSION_COOKIE)}` });
      expect(me.status).toBe(200);
      const password = await api(server.url, 'POST', '/api/auth/login', { body: { username: 'ba.demo', password: 'demo' } });
      expect(password.status).toBe(200);
      expect(password.body).toMatchObject({ secondFactor: 'enrol' });
      expect(password.body.token).toBeUndefined();
    } finally {
      await server.stores.records.updateOrganisation(ARBO, { mfaRequired: false });
    }
  });

  it('a tampered state is refused, and no session is given', async () => {
    const { walker, callback } = await throughProvider(ARBO, 'anna.idp');
    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${tampered.searchParams.get('state')}x`);
    const answer = await walker.get(tampered.href);
    expect(failureOf(answer)).toBe('state-mismatch');
    expect(walker.cookie(base, SESSION_COOKIE)).toBeNull();
    expect(await lastLoginAudit()).toMatchObject({ outcome: 'denied', detail: 'sso:state-mismatch' });
  });

  it('an ID token with another nonce than the one this browser sent is refused', async () => {
    const { walker, callback } = await throughProvider(ARBO, 'anna.idp', (authorization) => authorization.searchParams.set('nonce', 'a-nonce-of-someone-else'));
    const answer = await walker.get(callback);
    expect(failureOf(answer)).toBe('nonce-mismatch');
    expect(walker.cookie(base, SESSION_COOKIE)).toBeNull();
    expect(await lastLoginAudit()).toMatchObject({ outcome: 'denied', detail: 'sso:nonce-mismatch' });
  });

  it('a replayed callback is refused, with or without the transaction cookie', async () => {
    const { walker, callback } = await throughProvider(ARBO, 'anna.idp');
    const transaction = walker.cookie(base, SSO_TRANSACTION_COOKIE)!;
    expect((await walker.get(callback)).headers.get('location')).toBe('/');

    const replay = new SsoWalker();
    replay.setCookie(base, SSO_TRANSACTION_COOKIE, transaction);
    const again = await replay.get(callback);
    expect(failureOf(again)).toBe('replayed');
    expect(replay.cookie(base, SESSION_COOKIE)).toBeNull();
    expect(failureOf(await new SsoWalker().get(callback))).toBe('state-mismatch');
  });

  it('a person unknown to the workspace is refused, and no account is made', async () => {
    const before = await server.stores.records.countUsers();
    const { walker, answer } = await signIn(ARBO, 'onbekend.persoon');
    expect(failureOf(answer)).toBe('unknown-user');
    expect(walker.cookie(base, SESSION_COOKIE)).toBeNull();
    expect(await server.stores.records.countUsers()).toBe(before);
    expect(await lastLoginAudit()).toMatchObject({ outcome: 'failure', username: 'onbekend.persoon', detail: 'sso:unknown-user' });
  });

  it('an account of another organisation with that username is no match', async () => {
    const { walker, answer } = await signIn(ARBO, 'victor.idp');
    expect(failureOf(answer)).toBe('other-organisation');
    expect(walker.cookie(base, SESSION_COOKIE)).toBeNull();
    expect(await lastLoginAudit()).toMatchObject({
      outcome: 'failure',
      username: 'va.demo',
      userId: null,
      organisationId: ARBO,
      detail: 'sso:other-organisation',
    });
  });

  it('a role the organisation does not allow is refused; the changed setting takes effect at once', async () => {
    await configure(ARBO, provider.settings({ allowedRoles: ['verzekeringsarts'] }));
    try {
      const { walker, answer } = await signIn(ARBO, 'anna.idp');
      expect(failureOf(answer)).toBe('role-not-allowed');
      expect(walker.cookie(base, SESSION_COOKIE)).toBeNull();
      expect(await lastLoginAudit()).toMatchObject({ outcome: 'failure', username: 'ba.demo', detail: 'sso:role-not-allowed' });
    } finally {
      await configure(ARBO, provider.settings());
    }
  });

  it('a deactivated account is refused', async () => {
    const ba = (await server.stores.records.findUserByUsername('ba.demo'))!;
    await server.stores.records.updateUser(ba.id, { deactivatedAt: new Date().toISOString() });
    try {
      const { walker, answer } = await signIn(ARBO, 'anna.idp');
      expect(failureOf(answer)).toBe('deactivated');
      expect(walker.cookie(base, SESSION_COOKIE)).toBeNull();
    } finally {
      await server.stores.records.updateUser(ba.id, { deactivatedAt: null });
    }
  });

  it('an ID token without the configured claim is refused', async () => {
    const { answer } = await signIn(ARBO, 'zonder.idp');
    expect(failureOf(answer)).toBe('claim-missing');
  });

  it('the configured claim is read from the ID token itself (sub) as well as from userinfo (preferred_username, above)', async () => {
    await configure(ARBO, provider.settings({ usernameClaim: 'sub' }));
    try {
      const { walker, answer } = await signIn(ARBO, 'ba.demo');
      expect(answer.headers.get('location')).toBe('/');
      const me = await api(server.url, 'GET', '/api/me', { cookie: `${SESSION_COOKIE}=${walker.cookie(base, SESSION_COOKIE)}` });
      expect(me.body.user.username).toBe('ba.demo');
    } finally {
      await configure(ARBO, provider.settings());
    }
  });

  it('with a just-in-time role, a person the workspace does not know gets an account of that organisation, without a password', async () => {
    const organisation = await server.stores.records.createOrganisation({
      id: 'jit-arbo',
      name: 'Arbodienst Nieuw',
      kind: 'arbodienst',
      mfaRequired: false,
      oidc: provider.settings({ justInTimeRole: 'bedrijfsarts' }),
    });
    const { walker, answer } = await signIn(organisation.id, 'nieuw.idp');
    expect(answer.headers.get('location')).toBe('/');
    const created = (await server.stores.records.findUserByUsername('nieuw.arts'))!;
    expect(created).toMatchObject({ organisationId: 'jit-arbo', role: 'bedrijfsarts', name: 'Nina Nieuw', passwordHash: SSO_ONLY_PASSWORD });
    const me = await api(server.url, 'GET', '/api/me', { cookie: `${SESSION_COOKIE}=${walker.cookie(base, SESSION_COOKIE)}` });
    expect(me.body.user.username).toBe('nieuw.arts');
    const noPassword = await api(server.url, 'POST', '/api/auth/login', { body: { username: 'nieuw.arts', password: SSO_ONLY_PASSWORD } });
    expect(noPassword.status).toBe(401);

    // The second time it is the same account; a username of another organisation is still no match.
    await signIn(organisation.id, 'nieuw.idp');
    expect((await server.stores.records.listUsers()).filter((user) => user.username === 'nieuw.arts')).toHaveLength(1);
    const before = await server.stores.records.countUsers();
    expect(failureOf((await signIn(organisation.id, 'victor.idp')).answer)).toBe('other-organisation');
    expect(await server.stores.records.countUsers()).toBe(before);
  });

  it('a wrong client secret (a changed setting) makes the issuer refuse the code', async () => {
    await configure(ARBO, provider.settings({ clientSecret: 'not-the-secret' }));
    try {
      const { walker, answer } = await signIn(ARBO, 'anna.idp');
      expect(failureOf(answer)).toBe('issuer-refused');
      expect(walker.cookie(base, SESSION_COOKIE)).toBeNull();
    } finally {
      await configure(ARBO, provider.settings());
    }
  });

  it('an issuer that does not answer, and an organisation without one, send the browser back to the login page with the reason', async () => {
    const gone = await startOidcProvider(`${base}/api/auth/sso/callback`);
    await server.stores.records.createOrganisation({ id: 'gone-arbo', name: 'Arbodienst Weg', kind: 'arbodienst', mfaRequired: false, oidc: gone.settings() });
    await gone.close();
    const walker = new SsoWalker();
    expect(failureOf(await walker.get(`${base}/api/auth/sso/gone-arbo/start`))).toBe('issuer-unreachable');
    expect(walker.cookie(base, SSO_TRANSACTION_COOKIE)).toBeNull();
    expect(failureOf(await walker.get(`${base}/api/auth/sso/demo-uwv/start`))).toBe('not-configured');
    expect(failureOf(await walker.get(`${base}/api/auth/sso/no-such-organisation/start`))).toBe('not-configured');
  });

  it('the person cancelling at the issuer comes back as a refusal, not a session', async () => {
    const walker = new SsoWalker();
    const start = await walker.get(`${base}/api/auth/sso/${ARBO}/start`);
    const state = new URL(SsoWalker.locationOf(start, base)).searchParams.get('state')!;
    const answer = await walker.get(`${base}/api/auth/sso/callback?error=access_denied&state=${state}`);
    expect(failureOf(answer)).toBe('issuer-refused');
    expect(walker.cookie(base, SESSION_COOKIE)).toBeNull();
  });
});

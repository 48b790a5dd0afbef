import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THROTTLE } from '../../server/auth/loginThrottle.ts';
import { TokenService } from '../../server/auth/tokens.ts';
import { api } from '../helpers/http.ts';
import { startTestServer, TEST_SECRET, type TestServer } from '../helpers/testServer.ts';
import { sleep } from '../helpers/waitFor.ts';

describe('login, session and logout', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('a correct login returns a token, the user, and an httpOnly SameSite=Strict cookie that authenticates', async () => {
    const response = await api(server.url, 'POST', '/api/auth/login', { body: { username: 'ba.demo', password: 'demo' } });
    expect(response.status).toBe(200);
    expect(response.body.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(response.body.user).toEqual({ id: expect.any(String), username: 'ba.demo', name: 'Anna Bakker', role: 'bedrijfsarts' });

    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^cw_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const cookie = setCookie.split(';')[0]!;
    const me = await api(server.url, 'GET', '/api/me', { cookie });
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe('ba.demo');
    const viaBearer = await api(server.url, 'GET', '/api/me', { token: response.body.token });
    expect(viaBearer.body.user.username).toBe('ba.demo');
  });

  it('usernames are case-insensitive', async () => {
    const response = await api(server.url, 'POST', '/api/auth/login', { body: { username: 'VA.Demo', password: 'demo' } });
    expect(response.status).toBe(200);
    expect(response.body.user.role).toBe('verzekeringsarts');
  });

  it('a wrong password and an unknown user get the same 401, and both are audited as failures', async () => {
    const wrong = await api(server.url, 'POST', '/api/auth/login', { body: { username: 'va.demo', password: 'nope' } });
    const unknown = await api(server.url, 'POST', '/api/auth/login', { body: { username: 'nobody', password: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.id).toBe('invalid_credentials');
    expect(wrong.headers.get('set-cookie')).toBeNull();

    const rows = await server.stores.audit.list({ action: 'login' });
    const failures = rows.filter((row) => row.outcome === 'failure');
    expect(failures).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          username: 'va.demo',
          role: 'verzekeringsarts',
          detail: 'wrong-password',
          ip: expect.any(String),
          userAgent: 'workspace-tests',
        }),
        expect.objectContaining({ username: 'nobody', userId: null, detail: 'unknown-user' }),
      ]),
    );
    expect(rows.some((row) => row.outcome === 'success' && row.username === 'ba.demo')).toBe(true);
  });

  it('bad input gets a 400 naming the field, and malformed JSON a 400', async () => {
    const missing = await api(server.url, 'POST', '/api/auth/login', { body: { username: 'ba.demo' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.field).toBe('password');
    const broken = await api(server.url, 'POST', '/api/auth/login', { rawBody: '{"username": ' });
    expect(broken.status).toBe(400);
    expect(broken.body.error.id).toBe('bad_json');
    const huge = await api(server.url, 'POST', '/api/auth/login', { body: { username: 'ba.demo', password: 'x'.repeat(200_000) } });
    expect(huge.status).toBe(413);
  });

  it('requests without credentials, with a forged token, or with an expired token get 401', async () => {
    expect((await api(server.url, 'GET', '/api/me')).status).toBe(401);
    const token = await server.login('ba.demo');
    const forged = `${token.split('.').slice(0, 2).join('.')}.${'A'.repeat(43)}`;
    expect((await api(server.url, 'GET', '/api/me', { token: forged })).status).toBe(401);
    const user = await server.stores.records.findUserByUsername('ba.demo');
    const expired = new TokenService(TEST_SECRET, 60, () => Math.floor(Date.now() / 1000) - 3600).issue(user!.id, user!.role).token;
    expect((await api(server.url, 'GET', '/api/me', { token: expired })).status).toBe(401);
    const otherSecret = new TokenService('x'.repeat(40), 600).issue(user!.id, user!.role).token;
    expect((await api(server.url, 'GET', '/api/me', { token: otherSecret })).status).toBe(401);
  });

  it('logout revokes the token and clears the cookie', async () => {
    const token = await server.login('va.demo');
    const out = await api(server.url, 'POST', '/api/auth/logout', { token });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/cw_session=;/);
    expect((await api(server.url, 'GET', '/api/me', { token })).status).toBe(401);
    const rows = await server.stores.audit.list({ action: 'logout' });
    expect(rows[0]).toMatchObject({ username: 'va.demo', outcome: 'success' });
  });
});

describe('slowing down repeated failed logins', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it(`per account and address: after ${THROTTLE.freePairFailures} failures, attempts must wait, even with the right password`, async () => {
    for (let i = 0; i < THROTTLE.freePairFailures; i++) {
      const attempt = await api(server.url, 'POST', '/api/auth/login', { body: { username: 'ba.demo', password: `guess${i}` } });
      expect(attempt.status).toBe(401);
    }
    const blocked = await api(server.url, 'POST', '/api/auth/login', { body: { username: 'ba.demo', password: 'demo' } });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.id).toBe('too_many_attempts');
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);

    // Another account from the same address is not blocked by this one.
    expect((await api(server.url, 'POST', '/api/auth/login', { body: { username: 'va.demo', password: 'demo' } })).status).toBe(200);

    const denied = await server.stores.audit.list({ action: 'login' });
    expect(denied.some((row) => row.username === 'ba.demo' && row.outcome === 'denied' && row.detail === 'throttled')).toBe(true);

    await sleep(retryAfter * 1000 + 100);
    const after = await api(server.url, 'POST', '/api/auth/login', { body: { username: 'ba.demo', password: 'demo' } });
    expect(after.status).toBe(200);
  });

  it('the wait doubles with each further failure', async () => {
    for (let i = 0; i < THROTTLE.freePairFailures; i++) {
      await api(server.url, 'POST', '/api/auth/login', { body: { username: 'reviewer.demo', password: 'x' } });
    }
    const first = await api(server.url, 'POST', '/api/auth/login', { body: { username: 'reviewer.demo', password: 'x' } });
    const wait1 = Number(first.headers.get('retry-after'));
    await sleep(wait1 * 1000 + 100);
    await api(server.url, 'POST', '/api/auth/login', { body: { username: 'reviewer.demo', password: 'x' } });
    const second = await api(server.url, 'POST', '/api/auth/login', { body: { username: 'reviewer.demo', password: 'x' } });
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(2 * wait1);
  });
});

describe('slowing down many failed logins from one address', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it(`after ${THROTTLE.freeIpFailures} failures across accounts, the address must wait`, async () => {
    for (let i = 0; i < THROTTLE.freeIpFailures; i++) {
      const attempt = await api(server.url, 'POST', '/api/auth/login', { body: { username: `user${i}`, password: 'x' } });
      expect(attempt.status).toBe(401);
    }
    const blocked = await api(server.url, 'POST', '/api/auth/login', { body: { username: 'admin.demo', password: 'demo' } });
    expect(blocked.status).toBe(429);
  });
});

import { describe, expect, it } from 'vitest';
import { formatDocName } from '../../shared/docNames.ts';
import { CloseCode } from '../../shared/limits.ts';
import { RECOVERY_CODE_COUNT } from '../../shared/secondFactor.ts';
import { hashPassword } from '../../server/auth/passwords.ts';
import { THROTTLE } from '../../server/auth/loginThrottle.ts';
import { TokenService } from '../../server/auth/tokens.ts';
import { DEMO_CASE_ID, DEMO_PASSWORD } from '../../server/seed.ts';
import { connectDoc, type CollabClient } from '../helpers/collabClient.ts';
import { api } from '../helpers/http.ts';
import { startTestServer, TEST_SECRET, type TestServer } from '../helpers/testServer.ts';
import { codeAt } from '../helpers/totp.ts';
import { waitFor } from '../helpers/waitFor.ts';
import { io, type Socket } from 'socket.io-client';

const joint = formatDocName({ caseId: DEMO_CASE_ID, part: 'joint' });

const passwordLogin = (server: TestServer, username: string, password = DEMO_PASSWORD) =>
  api(server.url, 'POST', '/api/auth/login', { body: { username, password } });

/** Enrols a logged-in account: the secret and the recovery codes. */
async function enrol(server: TestServer, token: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  const begun = await api(server.url, 'POST', '/api/auth/totp/enrol', { token });
  expect(begun.status).toBe(200);
  const confirmed = await api(server.url, 'POST', '/api/auth/totp/confirm', { token, body: { code: codeAt(begun.body.secret) } });
  expect(confirmed.status).toBe(200);
  return { secret: begun.body.secret, recoveryCodes: confirmed.body.recoveryCodes };
}

/** A socket.io connection attempt: resolves with 'connected' or the refusal's message. */
function socketAttempt(server: TestServer, token: string): Promise<{ outcome: string; socket: Socket }> {
  const socket = io(server.url, { path: '/socket.io', transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ outcome: 'connected', socket }));
    socket.once('connect_error', (error) => resolve({ outcome: error.message, socket }));
  });
}

describe('TOTP enrolment and login', () => {
  it('enrol with a QR code, confirm, then a password only gives a challenge and the code gives the session', async () => {
    const server = await startTestServer();
    const token = await server.login('ba.demo');

    const begun = await api(server.url, 'POST', '/api/auth/totp/enrol', { token });
    expect(begun.status).toBe(200);
    expect(begun.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(begun.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    expect(new URL(begun.body.otpauthUrl).searchParams.get('secret')).toBe(begun.body.secret);
    expect(begun.body.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect((await api(server.url, 'GET', '/api/auth/totp', { token })).body).toEqual({ totp: 'pending', required: false, recoveryCodesLeft: 0 });
    // Not a factor yet: the password alone still logs in.
    expect((await passwordLogin(server, 'ba.demo')).body.token).toEqual(expect.any(String));

    // A wrong code confirms nothing; a bad one is a 400 naming the field.
    const wrong = await api(server.url, 'POST', '/api/auth/totp/confirm', { token, body: { code: codeAt(begun.body.secret, 5) } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.id).toBe('invalid_code');
    expect((await api(server.url, 'POST', '/api/auth/totp/confirm', { token, body: { code: '12ab' } })).status).toBe(400);
    expect((await api(server.url, 'GET', '/api/auth/totp', { token })).body.totp).toBe('pending');

    const confirmed = await api(server.url, 'POST', '/api/auth/totp/confirm', { token, body: { code: codeAt(begun.body.secret) } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(RECOVERY_CODE_COUNT);
    expect((await api(server.url, 'GET', '/api/auth/totp', { token })).body).toEqual({ totp: 'confirmed', required: false, recoveryCodesLeft: 10 });
    expect((await api(server.url, 'POST', '/api/auth/totp/enrol', { token })).status).toBe(409);

    const first = await passwordLogin(server, 'ba.demo');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ secondFactor: 'totp', challenge: expect.any(String), expiresAt: expect.any(Number) });
    expect(first.headers.get('set-cookie')).toBeNull();
    // The challenge opens nothing.
    expect((await api(server.url, 'GET', '/api/me', { token: first.body.challenge })).status).toBe(401);

    // The confirmation took the current step: the next step's code logs in.
    const code = codeAt(begun.body.secret, 1);
    const second = await api(server.url, 'POST', '/api/auth/login/totp', { body: { challenge: first.body.challenge, code } });
    expect(second.status).toBe(200);
    expect(second.body.user.username).toBe('ba.demo');
    expect(second.headers.get('set-cookie')).toMatch(/^cw_session=.+HttpOnly/i);
    expect((await api(server.url, 'GET', '/api/me', { token: second.body.token })).status).toBe(200);

    // The same code again, even with a fresh challenge: refused.
    const again = await passwordLogin(server, 'ba.demo');
    const replay = await api(server.url, 'POST', '/api/auth/login/totp', { body: { challenge: again.body.challenge, code } });
    expect(replay.status).toBe(401);
    expect(replay.body.error.id).toBe('invalid_code');

    // A forged or expired challenge is refused before any code is looked at.
    const forged = await api(server.url, 'POST', '/api/auth/login/totp', { body: { challenge: `${again.body.challenge.slice(0, -3)}AAA`, code } });
    expect(forged.status).toBe(401);
    expect(forged.body.error.id).toBe('invalid_challenge');

    const audit = JSON.stringify(await server.stores.audit.list({}));
    expect(audit).not.toContain(begun.body.secret);
    for (const recovery of confirmed.body.recoveryCodes as string[]) expect(audit).not.toContain(recovery);
    expect(audit).toContain('replayed-code');
  });

  it('a recovery code logs in once; removal needs a current code', async () => {
    const server = await startTestServer({ store: 'memory' });
    const { secret, recoveryCodes } = await enrol(server, await server.login('va.demo'));

    const challenge = async () => (await passwordLogin(server, 'va.demo')).body.challenge as string;
    const recovered = await api(server.url, 'POST', '/api/auth/login/totp', { body: { challenge: await challenge(), code: recoveryCodes[3]!.toUpperCase() } });
    expect(recovered.status).toBe(200);
    const reused = await api(server.url, 'POST', '/api/auth/login/totp', { body: { challenge: await challenge(), code: recoveryCodes[3] } });
    expect(reused.status).toBe(401);
    const token = recovered.body.token as string;
    expect((await api(server.url, 'GET', '/api/auth/totp', { token })).body.recoveryCodesLeft).toBe(RECOVERY_CODE_COUNT - 1);

    expect((await api(server.url, 'DELETE', '/api/auth/totp', { token, body: { code: '000000' === codeAt(secret, 1) ? '111111' : '000000' } })).status).toBe(
      400,
    );
    expect((await api(server.url, 'GET', '/api/auth/totp', { token })).body.totp).toBe('confirmed');
    expect((await api(server.url, 'DELETE', '/api/auth/totp', { token, body: { code: codeAt(secret, 1) } })).status).toBe(204);
    expect((await passwordLogin(server, 'va.demo')).body.token).toEqual(expect.any(String));
  });

  it('wrong codes are slowed down like wrong passwords: 429 with Retry-After, and the password does not reset the count', async () => {
    const server = await startTestServer({ store: 'memory' });
    const { secret } = await enrol(server, await server.login('ba.demo'));
    const wrongCode = codeAt(secret, 1) === '123456' ? '654321' : '123456';
    for (let i = 0; i < THROTTLE.freePairFailures; i++) {
      // A fresh password login each time: a right password must not forgive the wrong codes.
      const { challenge } = (await passwordLogin(server, 'ba.demo')).body;
      expect((await api(server.url, 'POST', '/api/auth/login/totp', { body: { challenge, code: wrongCode } })).status).toBe(401);
    }
    const throttled = await passwordLogin(server, 'ba.demo');
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('MFA_REQUIRED: a password alone never yields a session', () => {
  it('an account of an organisation that requires it enrols with its login challenge, and then has a session', async () => {
    const server = await startTestServer({ store: 'memory' });
    await server.stores.records.createOrganisation({ id: 'org-strict', name: 'Strenge Arbo', kind: 'arbodienst', mfaRequired: true, oidc: null });
    await server.stores.records.createUser({
      id: 'u-strict',
      username: 'strikt',
      name: 'Sanne Strikt',
      role: 'bedrijfsarts',
      passwordHash: await hashPassword(DEMO_PASSWORD),
      organisationId: 'org-strict',
    });

    const first = await passwordLogin(server, 'strikt');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ secondFactor: 'enrol', challenge: expect.any(String), expiresAt: expect.any(Number) });
    expect(first.headers.get('set-cookie')).toBeNull();
    // An enrol challenge is no code challenge, and not a session.
    expect((await api(server.url, 'POST', '/api/auth/login/totp', { body: { challenge: first.body.challenge, code: '123456' } })).body.error.id).toBe(
      'invalid_challenge',
    );
    expect((await api(server.url, 'POST', '/api/auth/totp/enrol', { token: first.body.challenge })).status).toBe(401);

    const begun = await api(server.url, 'POST', '/api/auth/login/enrol', { body: { challenge: first.body.challenge } });
    expect(begun.status).toBe(200);
    expect(begun.body.qrSvg).toContain('<svg');
    const done = await api(server.url, 'POST', '/api/auth/login/enrol/confirm', { body: { challenge: first.body.challenge, code: codeAt(begun.body.secret) } });
    expect(done.status).toBe(200);
    expect(done.body.recoveryCodes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(done.headers.get('set-cookie')).toMatch(/^cw_session=/);
    const token = done.body.token as string;
    expect((await api(server.url, 'GET', '/api/me', { token })).body.user.username).toBe('strikt');
    expect((await api(server.url, 'GET', '/api/auth/totp', { token })).body).toMatchObject({ totp: 'confirmed', required: true });
    // Required: it cannot be removed.
    const removal = await api(server.url, 'DELETE', '/api/auth/totp', { token, body: { code: codeAt(begun.body.secret, 1) } });
    expect(removal.status).toBe(403);
    expect(removal.body.error.id).toBe('totp.required');
    // From now on the password asks for a code.
    expect((await passwordLogin(server, 'strikt')).body.secondFactor).toBe('totp');
  });

  it('an organisation switching it on ends its password-only sessions on HTTP, the collaboration relay and socket.io', async () => {
    const server = await startTestServer();
    const passwordOnly = await server.login('ba.demo');
    const va = await server.login('va.demo');
    const clients: CollabClient[] = [];
    const open = connectDoc(server.collabUrl, joint, passwordOnly);
    clients.push(open);
    await open.synced();
    const socket = await socketAttempt(server, passwordOnly);
    expect(socket.outcome).toBe('connected');

    await server.stores.records.updateOrganisation('demo-arbo', { mfaRequired: true });
    expect((await api(server.url, 'GET', '/api/me', { token: passwordOnly })).status).toBe(401);
    expect((await api(server.url, 'GET', '/api/me', { token: va })).status).toBe(200);
    expect(await server.workspace.checkAccessNow()).toBeGreaterThanOrEqual(2);
    await waitFor(() => open.closes.length > 0, { what: 'the open connection to close' });
    expect(open.closes[0]!.code).toBe(CloseCode.unauthenticated);
    await waitFor(() => !socket.socket.connected, { what: 'the socket to be disconnected' });

    const refused = connectDoc(server.collabUrl, joint, passwordOnly);
    clients.push(refused);
    await waitFor(() => refused.closes.length > 0, { what: 'the refusal' });
    expect(refused.closes[0]!.code).toBe(CloseCode.unauthenticated);
    expect(refused.provider.synced).toBe(false);
    const refusedSocket = await socketAttempt(server, passwordOnly);
    expect(refusedSocket.outcome).not.toBe('connected');

    // The password now asks for an enrolment; done, its session works on every channel.
    const { challenge } = (await passwordLogin(server, 'ba.demo')).body;
    const begun = await api(server.url, 'POST', '/api/auth/login/enrol', { body: { challenge } });
    const done = await api(server.url, 'POST', '/api/auth/login/enrol/confirm', { body: { challenge, code: codeAt(begun.body.secret) } });
    const withCode = done.body.token as string;
    expect((await api(server.url, 'GET', '/api/me', { token: withCode })).status).toBe(200);
    const admitted = connectDoc(server.collabUrl, joint, withCode);
    clients.push(admitted);
    await admitted.synced();
    const admittedSocket = await socketAttempt(server, withCode);
    expect(admittedSocket.outcome).toBe('connected');
    expect(await server.workspace.checkAccessNow()).toBe(0);

    for (const client of clients) client.destroy();
    for (const s of [socket, refusedSocket, admittedSocket]) s.socket.disconnect();
  });

  it('the operator’s MFA_REQUIRED=true holds for every account, the demo accounts too, on every channel', async () => {
    const server = await startTestServer({ config: { MFA_REQUIRED: true } });
    const answer = await passwordLogin(server, 'ba.demo');
    expect(answer.body.secondFactor).toBe('enrol');
    expect(answer.body.token).toBeUndefined();

    // A token of a password alone, signed like the server's own, is refused everywhere.
    const user = (await server.stores.records.findUserByUsername('ba.demo'))!;
    const token = new TokenService(TEST_SECRET, 3600).issue(user.id, user.role, user.sessionVersion).token;
    expect((await api(server.url, 'GET', '/api/me', { token })).status).toBe(401);
    const refused = connectDoc(server.collabUrl, joint, token);
    await waitFor(() => refused.closes.length > 0, { what: 'the refusal' });
    expect(refused.closes[0]!.code).toBe(CloseCode.unauthenticated);
    expect(refused.provider.synced).toBe(false);
    refused.destroy();
    const socket = await socketAttempt(server, token);
    expect(socket.outcome).not.toBe('connected');
    socket.socket.disconnect();

    const begun = await api(server.url, 'POST', '/api/auth/login/enrol', { body: { challenge: answer.body.challenge } });
    const done = await api(server.url, 'POST', '/api/auth/login/enrol/confirm', {
      body: { challenge: answer.body.challenge, code: codeAt(begun.body.secret) },
    });
    expect(done.status).toBe(200);
    const admitted = connectDoc(server.collabUrl, joint, done.body.token);
    await admitted.synced();
    admitted.destroy();
    const admittedSocket = await socketAttempt(server, done.body.token);
    expect(admittedSocket.outcome).toBe('connected');
    admittedSocket.socket.disconnect();
  });
});

describe('a lost second factor', () => {
  it("an administrator who manages the account removes it: its sessions end and the password alone logs in again; others' administrators get 404", async () => {
    const server = await startTestServer();
    const token = await server.login('ba.demo');
    await enrol(server, token);
    expect((await passwordLogin(server, 'ba.demo')).body).toMatchObject({ secondFactor: 'totp' });
    const ba = (await server.stores.records.findUserByUsername('ba.demo'))!;

    const platform = await server.login('admin.demo');
    const made = await api(server.url, 'POST', '/api/users', {
      token: platform,
      body: { username: 'admin.uwv', name: 'Beheer UWV', role: 'admin', password: 'Zonnebloem-veld-42', organisationId: 'demo-uwv' },
    });
    expect(made.status).toBe(201);
    const otherAdmin = await server.login('admin.uwv', 'Zonnebloem-veld-42');
    const refused = await api(server.url, 'DELETE', `/api/admin/users/${ba.id}/second-factor`, { token: otherAdmin });
    expect([refused.status, refused.body.error.id]).toEqual([404, 'user.not-found']);
    expect((await server.stores.secondFactors.getTotp(ba.id))?.confirmedAt).toEqual(expect.any(String));

    const reset = await api(server.url, 'DELETE', `/api/admin/users/${ba.id}/second-factor`, { token: platform });
    expect(reset.status).toBe(200);
    expect(await server.stores.secondFactors.getTotp(ba.id)).toBeNull();
    expect((await api(server.url, 'GET', '/api/me', { token })).status).toBe(401);
    expect((await passwordLogin(server, 'ba.demo')).body.token).toEqual(expect.any(String));
    const again = await api(server.url, 'DELETE', `/api/admin/users/${ba.id}/second-factor`, { token: platform });
    expect([again.status, again.body.error.id]).toEqual([404, 'user.no-second-factor']);
    const audit = await server.stores.audit.list({ action: 'write', limit: 5 });
    expect(audit.some((row) => row.detail === `second-factor-reset:${ba.id}`)).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDocName } from '../../shared/docNames.ts';
import { CloseCode } from '../../shared/limits.ts';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { AdminClient, holdSocket, type HeldSocket } from '../helpers/adminClient.ts';
import { connectDoc, type CollabClient } from '../helpers/collabClient.ts';
import { api } from '../helpers/http.ts';
import { loginToken, startTestServer, type TestServer } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';

const PASSWORD = 'Zonnebloem-veld-42';

let server: TestServer;
let admin: AdminClient;
let adminId: string;
const held: { sockets: HeldSocket[]; docs: CollabClient[] } = { sockets: [], docs: [] };

beforeAll(async () => {
  server = await startTestServer();
  admin = new AdminClient(server, await server.login('admin.demo'));
  adminId = (await admin.users()).find((user) => user.username === 'admin.demo')!.id;
});
afterAll(() => {
  for (const socket of held.sockets.splice(0)) socket.socket.disconnect();
  for (const doc of held.docs.splice(0)) doc.destroy();
});

const me = (token: string) => api(server.url, 'GET', '/api/me', { token });
const socketOf = async (token: string) => {
  const socket = await holdSocket(server.url, token);
  held.sockets.push(socket);
  return socket;
};
const docOf = async (token: string, caseId: string, part: 'occupational' | 'insurance') => {
  const doc = connectDoc(server.collabUrl, formatDocName({ caseId, part }), token);
  held.docs.push(doc);
  await doc.synced();
  return doc;
};

/** A physician with a case of their own, signed in, holding a socket that follows the case and an open document. */
async function physicianInCase(username: string) {
  const user = await admin.createUser(username, 'bedrijfsarts');
  const caseId = await admin.createCase(username, 'va.demo');
  const token = await loginToken(server.url, username, PASSWORD);
  const socket = await socketOf(token);
  expect(await socket.join(caseId)).toEqual({ ok: true });
  const doc = await docOf(token, caseId, 'occupational');
  return { user, caseId, token, socket, doc };
}

const ROUTES: [string, string, unknown?][] = [
  ['GET', '/api/admin/users'],
  ['POST', '/api/users', { username: 'x.nobody', name: 'X', role: 'bedrijfsarts', password: PASSWORD }],
  ['POST', '/api/admin/users/u1/deactivate'],
  ['POST', '/api/admin/users/u1/reactivate'],
  ['POST', '/api/admin/users/u1/password', { password: PASSWORD }],
  ['PUT', '/api/admin/users/u1/role', { role: 'admin' }],
  ['GET', '/api/admin/cases'],
  ['POST', '/api/cases', { title: 'x', employeePseudonym: 'x', employer: 'x', firstSickDay: '2026-01-01', ba: 'ba.demo', va: 'va.demo' }],
  ['PUT', `/api/cases/${DEMO_CASE_ID}/members/va`, { userId: 'u1' }],
  ['GET', '/api/audit'],
  ['GET', '/api/audit.csv'],
];

describe('admin routes are for administrators only', () => {
  it('answers 401 without a session and 403 to the BA and the VA, each refusal audited as denied', async () => {
    for (const [method, path, body] of ROUTES) {
      expect((await api(server.url, method, path, { body })).status, `${method} ${path}`).toBe(401);
    }
    const users = await admin.users();
    for (const username of ['ba.demo', 'va.demo']) {
      const token = await server.login(username);
      for (const [method, path, body] of ROUTES) {
        const response = await api(server.url, method, path, { token, body });
        expect(response.status, `${username} ${method} ${path}`).toBe(403);
      }
      const userId = users.find((user) => user.username === username)!.id;
      const denied = await admin.audit({ user: userId, action: 'denied', limit: '200' });
      expect(denied.body.rows.filter((row) => row.detail === 'not-admin')).toHaveLength(ROUTES.length);
    }
    expect(await admin.users()).toEqual(users);
  });
});

describe('accounts', () => {
  it('lists every account with its role and whether it is active', async () => {
    const users = await admin.users();
    expect(users.map((user) => user.username)).toEqual(expect.arrayContaining(['admin.demo', 'ba.demo', 'va.demo']));
    expect(users.find((user) => user.username === 'ba.demo')).toMatchObject({ name: 'Anna Bakker', role: 'bedrijfsarts', active: true, deactivatedAt: null });
    expect(JSON.stringify(users)).not.toMatch(/passwordHash|scrypt|sessionVersion/);
  });

  it('deactivating ends the sessions at once everywhere and refuses the login; reactivating allows it again', async () => {
    const { user, caseId, token, socket, doc } = await physicianInCase('ba.deactivated');
    expect((await me(token)).status).toBe(200);
    const response = await admin.call('POST', `/api/admin/users/${user.id}/deactivate`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: user.id, active: false, deactivatedAt: expect.any(String) });
    expect((await me(token)).status).toBe(401);
    expect((await api(server.url, 'GET', `/api/cases/${caseId}`, { token })).status).toBe(401);
    await waitFor(() => doc.closes.some((close) => close.code === CloseCode.unauthenticated), { what: 'the document connection closed with 4401' });
    expect(await socket.disconnected).toBe('io server disconnect');
    expect(socket.ended).toEqual([{ reason: 'revoked' }]);
    const login = await api(server.url, 'POST', '/api/auth/login', { body: { username: 'ba.deactivated', password: PASSWORD } });
    expect(login.status).toBe(401);
    expect(login.body.error.id).toBe('invalid_credentials');

    expect((await admin.call('POST', `/api/admin/users/${user.id}/reactivate`)).body).toMatchObject({ active: true, deactivatedAt: null });
    expect((await me(token)).status).toBe(401);
    expect((await me(await loginToken(server.url, 'ba.deactivated', PASSWORD))).status).toBe(200);
  });

  it('an administrator cannot deactivate their own account; an unknown account is a 404', async () => {
    const own = await admin.call('POST', `/api/admin/users/${adminId}/deactivate`);
    expect(own.status).toBe(409);
    expect(own.body.error?.id).toBe('user.self-deactivate');
    expect((await me(admin.token)).status).toBe(200);
    expect((await admin.call('POST', '/api/admin/users/nobody/deactivate')).body.error?.id).toBe('user.not-found');
    expect((await admin.call('POST', '/api/admin/users/not%20an%20id/deactivate')).body.error?.field).toBe('userId');
  });

  it('a password reset follows the password rule, ends the old sessions, and only the new password works', async () => {
    const { user, token, doc } = await physicianInCase('ba.reset');
    for (const password of ['kort', 'Wachtwoord123!', 'ba.reset-2026-lang']) {
      const refused = await admin.call('POST', `/api/admin/users/${user.id}/password`, { password });
      expect(refused.status, password).toBe(400);
      expect(refused.body.error?.field).toBe('password');
    }
    expect((await me(token)).status).toBe(200);
    const newPassword = 'Lindeboom-aan-de-gracht-7';
    expect((await admin.call('POST', `/api/admin/users/${user.id}/password`, { password: newPassword })).status).toBe(200);
    expect((await me(token)).status).toBe(401);
    await waitFor(() => doc.closes.some((close) => close.code === CloseCode.unauthenticated), { what: 'the document connection closed' });
    expect((await api(server.url, 'POST', '/api/auth/login', { body: { username: 'ba.reset', password: PASSWORD } })).status).toBe(401);
    expect((await me(await loginToken(server.url, 'ba.reset', newPassword))).status).toBe(200);
  });

  it('a role change is refused while the user holds a case role the new role does not fit', async () => {
    const user = await admin.createUser('ba.role', 'bedrijfsarts');
    const caseId = await admin.createCase('ba.role', 'va.demo');
    for (const role of ['verzekeringsarts', 'admin']) {
      const refused = await admin.call('PUT', `/api/admin/users/${user.id}/role`, { role });
      expect(refused.status).toBe(409);
      expect(refused.body.error?.id).toBe('user.role-in-use');
    }
    expect((await admin.users()).find((u) => u.id === user.id)!.role).toBe('bedrijfsarts');
    const ba = (await admin.users()).find((u) => u.username === 'ba.demo')!;
    expect((await admin.assign(caseId, 'ba', ba.id)).status).toBe(200);
    const changed = await admin.call('PUT', `/api/admin/users/${user.id}/role`, { role: 'verzekeringsarts' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ role: 'verzekeringsarts' });
    expect((await admin.call('PUT', `/api/admin/users/${user.id}/role`, { role: 'nurse' })).body.error?.field).toBe('role');
    expect((await admin.call('PUT', `/api/admin/users/${adminId}/role`, { role: 'bedrijfsarts' })).body.error?.id).toBe('user.self-role');
  });
});

describe('cases', () => {
  it('replacing the VA ends the old VA access at once: 403 on the case, document closed, socket out of the case', async () => {
    const oldVa = await admin.createUser('va.old', 'verzekeringsarts');
    const caseId = await admin.createCase('ba.demo', 'va.old');
    const token = await loginToken(server.url, 'va.old', PASSWORD);
    expect((await api(server.url, 'GET', `/api/cases/${caseId}`, { token })).status).toBe(200);
    const socket = await socketOf(token);
    expect(await socket.join(caseId)).toEqual({ ok: true });
    const doc = await docOf(token, caseId, 'insurance');

    const vaDemo = (await admin.users()).find((user) => user.username === 'va.demo')!;
    const assigned = await admin.assign(caseId, 'va', vaDemo.id);
    expect(assigned.status).toBe(200);
    expect(assigned.body.members.va).toMatchObject({ userId: vaDemo.id, name: 'Victor Visser' });
    expect((await api(server.url, 'GET', `/api/cases/${caseId}`, { token })).status).toBe(403);
    await waitFor(() => doc.closes.some((close) => close.code === CloseCode.forbidden), { what: 'the old VA document closed with 4403' });
    await waitFor(() => socket.revoked.includes(caseId), { what: 'case:revoked' });
    expect((await me(token)).status).toBe(200);
    expect(oldVa.active).toBe(true);
  });

  it('refuses a user of the wrong role, an unknown user, an unknown case and an unknown case role', async () => {
    const caseId = await admin.createCase('ba.demo', 'va.demo');
    const ba = (await admin.users()).find((user) => user.username === 'ba.demo')!;
    expect((await admin.assign(caseId, 'va', ba.id)).body.error?.field).toBe('userId');
    expect((await admin.assign(caseId, 'va', 'nobody')).body.error?.field).toBe('userId');
    expect((await admin.assign('nocase', 'va', ba.id)).status).toBe(404);
    expect((await admin.call('PUT', `/api/cases/${caseId}/members/reviewer`, { userId: ba.id })).body.error?.field).toBe('caseRole');
    const list = await admin.call<{ id: string; members: { va: { username: string } } }[]>('GET', '/api/admin/cases');
    expect(list.body.find((row) => row.id === caseId)?.members.va.username).toBe('va.demo');
  });
});

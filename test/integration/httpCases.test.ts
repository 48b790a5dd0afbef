import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { api } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';

type Who = 'ba' | 'va' | 'reviewer' | 'outsider' | 'admin';

describe('case routes: the 401/403 matrix, with audit rows', () => {
  let server: TestServer;
  const tokens = {} as Record<Who, string>;

  beforeAll(async () => {
    server = await startTestServer();
    for (const who of ['ba', 'va', 'reviewer', 'outsider', 'admin'] as const) tokens[who] = await server.login(`${who}.demo`);
  });
  afterAll(() => server.close());

  it('GET /api/cases without credentials is 401', async () => {
    expect((await api(server.url, 'GET', '/api/cases')).status).toBe(401);
  });

  it.each([
    ['ba', [DEMO_CASE_ID]],
    ['va', [DEMO_CASE_ID]],
    ['reviewer', []],
    ['outsider', []],
    ['admin', [DEMO_CASE_ID]],
  ] as const)('GET /api/cases as %s lists exactly the cases they may see', async (who, expected) => {
    const response = await api(server.url, 'GET', '/api/cases', { token: tokens[who] });
    expect(response.status).toBe(200);
    expect(response.body.map((c: { id: string }) => c.id)).toEqual(expected);
    const rows = await server.stores.audit.list({ action: 'read' });
    expect(rows[0]).toMatchObject({ username: `${who}.demo`, object: 'case-list', outcome: 'success' });
  });

  it.each([
    ['ba', 200, 'ba'],
    ['va', 200, 'va'],
    ['admin', 200, null],
    ['reviewer', 403, undefined],
    ['outsider', 403, undefined],
  ] as const)('GET /api/cases/demo as %s -> %i', async (who, status, myRole) => {
    const response = await api(server.url, 'GET', `/api/cases/${DEMO_CASE_ID}`, { token: tokens[who] });
    expect(response.status).toBe(status);
    if (status === 200) {
      expect(response.body).toMatchObject({ id: DEMO_CASE_ID, myRole, templateVersion: 1 });
      expect(response.body.members.map((m: { caseRole: string }) => m.caseRole).sort()).toEqual(['ba', 'va']);
    } else {
      expect(response.body.error.id).toBe('forbidden');
      expect(JSON.stringify(response.body)).not.toContain('Magazijn');
    }
    const [row] = await server.stores.audit.list({ caseId: DEMO_CASE_ID, action: status === 200 ? 'read' : 'denied' });
    expect(row).toMatchObject({
      username: `${who}.demo`,
      object: 'case',
      caseId: DEMO_CASE_ID,
      outcome: status === 200 ? 'success' : 'denied',
      ip: expect.any(String),
      userAgent: 'workspace-tests',
    });
  });

  it('GET /api/cases/demo without credentials is 401, and the refusal is audited', async () => {
    expect((await api(server.url, 'GET', `/api/cases/${DEMO_CASE_ID}`)).status).toBe(401);
    const [row] = await server.stores.audit.list({ caseId: DEMO_CASE_ID, action: 'denied' });
    expect(row).toMatchObject({
      userId: null,
      object: 'GET /api/cases/:id',
      outcome: 'denied',
      detail: 'unauthenticated',
      ip: expect.any(String),
      userAgent: 'workspace-tests',
    });
  });

  it('an unknown case is 403 to physicians (existence is not revealed) and 404 to administrators', async () => {
    expect((await api(server.url, 'GET', '/api/cases/no-such-case', { token: tokens.ba })).status).toBe(403);
    expect((await api(server.url, 'GET', '/api/cases/no-such-case', { token: tokens.admin })).status).toBe(404);
  });

  it('a malformed case id is a 400', async () => {
    const response = await api(server.url, 'GET', `/api/cases/${encodeURIComponent('a b;c')}`, { token: tokens.ba });
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe('id');
  });

  it('unknown API routes are a JSON 404, and API answers are never cached', async () => {
    const response = await api(server.url, 'GET', '/api/nothing-here', { token: tokens.ba });
    expect(response.status).toBe(404);
    expect(response.body.error.id).toBe('not_found');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});

describe('administration API', () => {
  let server: TestServer;
  let admin: string;
  let ba: string;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.login('admin.demo');
    ba = await server.login('ba.demo');
  });
  afterAll(() => server.close());

  const newUser = { username: 'ba.jansen', name: 'Dr. J. Jansen', role: 'bedrijfsarts', password: 'lang-genoeg-wachtwoord' };

  it('an admin creates a user who can then log in', async () => {
    const created = await api(server.url, 'POST', '/api/users', { token: admin, body: newUser });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), username: 'ba.jansen', name: 'Dr. J. Jansen', role: 'bedrijfsarts' });
    expect(JSON.stringify(created.body)).not.toContain('lang-genoeg');
    const login = await api(server.url, 'POST', '/api/auth/login', { body: { username: 'ba.jansen', password: 'lang-genoeg-wachtwoord' } });
    expect(login.status).toBe(200);
  });

  it('a duplicate username is a 409 naming the field', async () => {
    const again = await api(server.url, 'POST', '/api/users', { token: admin, body: { ...newUser, username: 'BA.DEMO' } });
    expect(again.status).toBe(409);
    expect(again.body.error.field).toBe('username');
  });

  it.each([
    [{ ...newUser, role: 'chirurg' }, 'role'],
    [{ ...newUser, username: 'a b' }, 'username'],
    [{ ...newUser, password: 'kort' }, 'password'],
    [{ ...newUser, name: '' }, 'name'],
  ])('bad user input is a 400 naming the field (%#)', async (body, field) => {
    const response = await api(server.url, 'POST', '/api/users', { token: admin, body });
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe(field);
  });

  it.each([
    ['Welkom2024!', 'password: too common'],
    ['aaaaaaaaaaaa', 'password: too repetitive (mostly one character or a repeated pattern)'],
    ['3456789012', 'password: a simple sequence (like 1234567890 or qwertyuiop)'],
    ['devries-op-kantoor', 'password: contains the username'],
  ])('a password that breaks the rule is a 400 naming the rule (%s)', async (password, message) => {
    const response = await api(server.url, 'POST', '/api/users', { token: admin, body: { ...newUser, username: 'ba.devries', password } });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ id: 'bad_request', field: 'password', message });
    expect(await server.stores.records.findUserByUsername('ba.devries')).toBeNull();
  });

  it('a physician may not create users or cases (403, even with bad input), and the refusal is audited', async () => {
    expect((await api(server.url, 'POST', '/api/users', { token: ba, body: newUser })).status).toBe(403);
    expect((await api(server.url, 'POST', '/api/users', { token: ba, body: {} })).status).toBe(403);
    expect((await api(server.url, 'POST', '/api/cases', { token: ba, body: {} })).status).toBe(403);
    const [row] = await server.stores.audit.list({ action: 'denied' });
    expect(row).toMatchObject({ username: 'ba.demo', outcome: 'denied', object: 'cases' });
    expect((await api(server.url, 'POST', '/api/users', { body: newUser })).status).toBe(401);
  });

  const newCase = {
    title: 'Nieuwe casus',
    employeePseudonym: 'WN-2026-0200',
    employer: 'Bouwbedrijf Zuid',
    firstSickDay: '2026-06-01',
    ba: 'ba.demo',
    va: 'va.demo',
  };

  it('an admin creates a case; its physicians see it, and nobody else', async () => {
    const created = await api(server.url, 'POST', '/api/cases', { token: admin, body: newCase });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), title: 'Nieuwe casus', templateVersion: 1 });
    const mine = await api(server.url, 'GET', '/api/cases', { token: ba });
    expect(mine.body.map((c: { id: string }) => c.id)).toContain(created.body.id);
    const outsider = await server.login('outsider.demo');
    expect((await api(server.url, 'GET', `/api/cases/${created.body.id}`, { token: outsider })).status).toBe(403);
  });

  it.each([
    [{ ...newCase, ba: 'va.demo' }, 'ba'],
    [{ ...newCase, va: 'niemand' }, 'va'],
    [{ ...newCase, firstSickDay: '2026-02-30' }, 'firstSickDay'],
    [{ ...newCase, firstSickDay: '2999-01-01' }, 'firstSickDay'],
    [{ ...newCase, employeePseudonym: '123456782' }, 'employeePseudonym'],
    [{ ...newCase, title: undefined }, 'title'],
  ])('bad case input is a 400 naming the field (%#), and creates nothing', async (body, field) => {
    const before = (await server.stores.records.listCases()).length;
    const response = await api(server.url, 'POST', '/api/cases', { token: admin, body });
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe(field);
    expect((await server.stores.records.listCases()).length).toBe(before);
  });
});

describe('health, readiness and metrics', () => {
  it('/healthz and /readyz answer, /metrics speaks Prometheus, and /readyz fails when the store is gone', async () => {
    const token = 'metrics-token-that-is-long-enough-0123456789';
    const server = await startTestServer({ config: { METRICS_TOKEN: token } });
    try {
      expect((await api(server.url, 'GET', '/healthz')).status).toBe(200);
      expect((await api(server.url, 'GET', '/readyz')).status).toBe(200);
      await server.login('ba.demo');
      const metrics = await fetch(`${server.url}/metrics`, { headers: { Authorization: `Bearer ${token}` } });
      expect(metrics.headers.get('content-type')).toContain('text/plain');
      const text = await metrics.text();
      expect(text).toContain('http_requests_total{method="POST",route="/api/auth/login",status="200"} 1');
      expect(text).toContain('collab_connections 0');
      expect(text).toContain('process_resident_memory_bytes');

      await server.stores.close();
      const ready = await api(server.url, 'GET', '/readyz');
      expect(ready.status).toBe(503);
      expect((await api(server.url, 'GET', '/healthz')).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

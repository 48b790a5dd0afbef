import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { formatDocName } from '../../shared/docNames.ts';
import { CloseCode } from '../../shared/limits.ts';
import { THROTTLE } from '../../server/auth/loginThrottle.ts';
import { DEMO_CASE_ID, DEMO_PASSWORD } from '../../server/seed.ts';
import type { AuditEntry } from '../../server/store/ports.ts';
import { api, type JsonResponse } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';
import { sleep } from '../helpers/waitFor.ts';

/**
 * What the browser shows, the server enforces: parallel guesses,
 * bursts of logins, lockouts aimed at the owner, and anonymous floods of the
 * audit log. TRUST_PROXY=1 and X-Forwarded-For stand for clients at different
 * addresses.
 */
const from = (ip: string) => ({ 'X-Forwarded-For': ip });

function login(server: TestServer, username: string, password: string, ip: string): Promise<JsonResponse> {
  return api(server.url, 'POST', '/api/auth/login', { body: { username, password }, headers: from(ip) });
}

function statuses(responses: JsonResponse[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const response of responses) counts[response.status] = (counts[response.status] ?? 0) + 1;
  return counts;
}

async function auditCount(server: TestServer): Promise<number> {
  return (await server.stores.audit.list({ limit: 1_000_000 })).length;
}

/** The rows written since the log held `before` rows, newest first. */
async function auditSince(server: TestServer, before: number): Promise<AuditEntry[]> {
  const rows = await server.stores.audit.list({ limit: 1_000_000 });
  return rows.slice(0, rows.length - before);
}

describe('parallel guesses are counted before the password is checked', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ config: { TRUST_PROXY: 1 } });
  });
  afterAll(() => server.close());

  it('40 wrong guesses and the right password, sent at once: the right one is refused, and only a few guesses are checked', async () => {
    const guesses = Array.from({ length: 40 }, (_, i) => login(server, 'ba.demo', `wrong-guess-${i}`, '198.51.100.20'));
    const right = login(server, 'ba.demo', DEMO_PASSWORD, '198.51.100.20');
    const [wrong, correct] = await Promise.all([Promise.all(guesses), right]);

    expect(correct.status).toBe(429);
    expect(correct.body.error.id).toBe('too_many_attempts');
    expect(Number(correct.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(wrong.every((response) => response.status === 401 || response.status === 429)).toBe(true);
    for (const refused of wrong.filter((response) => response.status === 429)) expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    // Checked attempts are audited one by one: no more than the free ones ran scrypt.
    const checked = (await server.stores.audit.list({ action: 'login' })).filter((row) => row.username === 'ba.demo' && row.outcome === 'failure');
    expect(checked.length).toBe(statuses(wrong)[401]);
    expect(checked.length).toBeGreaterThanOrEqual(1);
    expect(checked.length).toBeLessThanOrEqual(THROTTLE.freePairFailures);
  });
});

describe('a burst of logins does not hold up another client', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ config: { TRUST_PROXY: 1 } });
  });
  afterAll(() => server.close());

  it(
    "300 logins at once from one address: another account's correct login from another address gets in within a few seconds",
    { timeout: 120_000 },
    async () => {
      // A quiet login, for the scale of this machine (shared machines slow down and speed up: one before and one after).
      const quietLogin = async () => {
        const quietStarted = performance.now();
        expect((await login(server, 'nobody.warm', 'x', '192.0.2.50')).status).toBe(401);
        return performance.now() - quietStarted;
      };
      await quietLogin(); // computes the hash used for unknown users
      const quietBefore = await quietLogin();

      // The real login goes out after 200 of the burst (so that, without the queue, it would wait for 200
      // derivations), not after all 300: this process writes every request itself, which on a slow machine
      // would add the time to send the last 100 to the measurement.
      const guess = (i: number) =>
        login(server, i % 2 ? `nobody${i}` : 'reviewer.demo', `guess-${i}`, '198.51.100.30').then((response) => ({
          response,
          ms: performance.now() - started,
        }));
      const started = performance.now();
      const before = Array.from({ length: 200 }, (_, i) => guess(i));
      const real = login(server, 'va.demo', DEMO_PASSWORD, '203.0.113.30').then((response) => ({ response, ms: performance.now() - started }));
      const after = Array.from({ length: 100 }, (_, i) => guess(200 + i));
      const [timed, mine] = await Promise.all([Promise.all([...before, ...after]), real]);
      const answers = timed.map(({ response }) => response);
      const quietMs = Math.max(quietBefore, await quietLogin());

      expect(mine.response.status).toBe(200);
      // A functional bound, not a benchmark: a few seconds. On a slow or busy shared machine, a few times a quiet
      // login, or twice the first of the burst's own checked logins (a derivation under the same load, at the same
      // moment). Before the queue, this login waited for the burst's 200 derivations ahead of it (about 100 s here).
      const checkedMs = timed.filter(({ response }) => response.status === 401).map(({ ms }) => ms);
      expect(checkedMs.length).toBeGreaterThan(1);
      expect(mine.ms).toBeLessThan(Math.max(5_000, 5 * quietMs, 2 * Math.min(...checkedMs)));
      // Whatever the machine's speed: it is not served after the burst's own checked logins, as it was then.
      expect(mine.ms).toBeLessThan(Math.max(...checkedMs));

      const counts = statuses(answers);
      const early = (counts[429] ?? 0) + (counts[503] ?? 0);
      expect(early).toBeGreaterThanOrEqual(0.9 * answers.length);
      expect(counts[401] ?? 0).toBeLessThanOrEqual(2 * THROTTLE.maxInFlightPerIp);
      for (const refused of answers.filter((response) => response.status === 429 || response.status === 503)) {
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      }
    },
  );

  it('a burst spread over many addresses: the excess is refused at once as busy (503, login_busy), without checking', { timeout: 120_000 }, async () => {
    const answers = await Promise.all(Array.from({ length: 120 }, (_, i) => login(server, `spread${i}`, 'x', `10.20.${i >> 8}.${i & 255}`)));
    const busy = answers.filter((response) => response.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(busy[0]!.body.error.id).toBe('login_busy');
    expect(Number(busy[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(busy.length + (statuses(answers)[401] ?? 0)).toBe(answers.length);
  });
});

describe('a lockout aimed at the owner', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ config: { TRUST_PROXY: 1 } });
  });
  afterAll(() => server.close());

  it("an attacker's failures from other addresses slow the attacker down, not the owner at a clean address", { timeout: 120_000 }, async () => {
    const attackers = ['198.51.100.40', '198.51.100.41'];
    // Enough failures from the attackers to reach the account-wide count too.
    expect(attackers.length * THROTTLE.freePairFailures).toBeGreaterThanOrEqual(THROTTLE.freeAccountFailures);
    await Promise.all(
      attackers.map(async (ip) => {
        for (let i = 0; i < THROTTLE.freePairFailures; i++) expect((await login(server, 'ba.demo', `guess-${ip}-${i}`, ip)).status).toBe(401);
        // The attacker's address waits now, even with the right password.
        const blocked = await login(server, 'ba.demo', DEMO_PASSWORD, ip);
        expect(blocked.status).toBe(429);
        expect(blocked.body.error.id).toBe('too_many_attempts');
      }),
    );

    // The owner, elsewhere: in at once, or after the short wait a clean address gets at most.
    const startedAt = performance.now();
    let owner = await login(server, 'ba.demo', DEMO_PASSWORD, '203.0.113.40');
    if (owner.status === 429) {
      const wait = Number(owner.headers.get('retry-after'));
      expect(wait).toBeLessThanOrEqual(THROTTLE.cleanAddressMaxDelaySeconds);
      await sleep(wait * 1000 + 100);
      owner = await login(server, 'ba.demo', DEMO_PASSWORD, '203.0.113.40');
    }
    expect(owner.status).toBe(200);
    expect(performance.now() - startedAt).toBeLessThan((THROTTLE.cleanAddressMaxDelaySeconds + 10) * 1000);
  });
});

describe('anonymous refusals do not grow the audit log without bound', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ config: { TRUST_PROXY: 1 } });
  });
  afterAll(() => server.close());

  it('thousands of requests without a token add a handful of rows, which say how many; refusals of a user are each audited', { timeout: 120_000 }, async () => {
    const before = await auditCount(server);
    const requests = 3_000;
    for (let sent = 0; sent < requests; sent += 100) {
      const batch = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          api(server.url, 'GET', (sent + i) % 3 ? `/api/cases/${DEMO_CASE_ID}` : '/api/me', { headers: from('198.51.100.50') }),
        ),
      );
      expect(batch.every((response) => response.status === 401)).toBe(true);
    }
    // Collaboration sockets without a token, too.
    const joint = formatDocName({ caseId: DEMO_CASE_ID, part: 'joint' });
    const sockets = 20;
    const codes = await Promise.all(
      Array.from({ length: sockets }, () => {
        const socket = new WebSocket(`${server.collabUrl}/${joint}`, { headers: from('198.51.100.50') });
        return new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
      }),
    );
    expect(codes).toEqual(Array(sockets).fill(CloseCode.unauthenticated));

    // Repeats are counted, not written, until the window closes.
    await sleep(200);
    const during = await auditSince(server, before);
    expect(during).toHaveLength(3);
    expect(during.every((row) => row.userId === null && row.outcome === 'denied' && !row.detail?.includes('repeats='))).toBe(true);

    await server.workspace.flushAuditNow();
    const added = await auditSince(server, before);
    expect(added.length).toBeLessThanOrEqual(6);
    const repeatsOf = (object: string) => {
      const summary = added.find((row) => row.object === object && row.detail?.includes('repeats='));
      return Number(/repeats=(\d+)/.exec(summary?.detail ?? '')?.[1]);
    };
    expect(repeatsOf('GET /api/cases/:id')).toBe(2_000 - 1);
    expect(repeatsOf('GET /api/me')).toBe(1_000 - 1);
    expect(repeatsOf('doc:joint')).toBe(sockets - 1);
    expect(added.find((row) => row.object === 'GET /api/cases/:id' && row.detail?.includes('repeats='))).toMatchObject({
      action: 'denied',
      outcome: 'denied',
      caseId: DEMO_CASE_ID,
      ip: '198.51.100.50',
      detail: expect.stringMatching(/^unauthenticated; repeats=1999; until=\d{4}-\d\d-\d\dT/),
    });

    // An authenticated principal's refusals are each audited.
    const outsider = await server.login('outsider.demo');
    for (let i = 0; i < 5; i++) expect((await api(server.url, 'GET', `/api/cases/${DEMO_CASE_ID}`, { token: outsider })).status).toBe(403);
    const refusals = (await server.stores.audit.list({ caseId: DEMO_CASE_ID })).filter((row) => row.username === 'outsider.demo' && row.outcome === 'denied');
    expect(refusals).toHaveLength(5);
  });

  it('logins refused before their check (429) are summed the same way; checked logins are each audited', async () => {
    const ip = '198.51.100.60';
    // Failures until the wait is long enough (4 s) for 50 requests at once to arrive inside it, even on a slow machine.
    let failures = 0;
    for (;;) {
      const attempt = await login(server, 'va.demo', `nope-${failures}`, ip);
      if (attempt.status === 401) failures += 1;
      else {
        expect(attempt.status).toBe(429);
        const wait = Number(attempt.headers.get('retry-after'));
        if (wait >= 4) break;
        await sleep(wait * 1000 + 100);
      }
    }
    const before = await auditCount(server);
    const refused = await Promise.all(Array.from({ length: 50 }, () => login(server, 'va.demo', 'nope', ip)));
    expect(refused.every((response) => response.status === 429)).toBe(true);
    await server.workspace.flushAuditNow();

    const rows = (await server.stores.audit.list({ action: 'login' })).filter((row) => row.ip === ip);
    expect(rows.filter((row) => row.outcome === 'failure')).toHaveLength(failures);
    // The probes above were refused too, each in its own window's first row or summed; the 50 added one summary.
    const added = await auditSince(server, before);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      action: 'login',
      outcome: 'denied',
      username: 'va.demo',
      ip,
      detail: expect.stringMatching(/^throttled; repeats=\d+; until=/),
    });
    expect(Number(/repeats=(\d+)/.exec(added[0]!.detail!)![1])).toBeGreaterThanOrEqual(50);
  });
});

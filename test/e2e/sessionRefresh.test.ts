import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { CLIENT_DIR, expectNoPageErrors, useBrowser, useWorkspaceServer } from '../helpers/browser.ts';
import { AdminScreens } from '../helpers/pages/admin.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';

/** Short access tokens, so that the browser refreshes several times within the test. */
const ACCESS_TOKEN_TTL_SECONDS = 4;
/** An idle timeout a test can wait for. */
const IDLE_SECONDS = 8;

describe('a session that refreshes, in the browser', () => {
  const browser = useBrowser();
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer({ clientDir: CLIENT_DIR, config: { ACCESS_TOKEN_TTL_SECONDS } });
  });
  afterEach(async () => {
    await server?.close();
  });

  it('an open editor keeps syncing with the other physician across access token refreshes, and after a reconnect with the new token', async () => {
    const { ba, va } = await browser.bothPhysicians(server.url);
    const refreshes: { status: number; active: boolean }[] = [];
    ba.page.on('request', (request) => {
      if (!request.url().endsWith('/api/auth/refresh')) return;
      const active = (JSON.parse(request.postData() ?? '{}') as { active?: boolean }).active === true;
      void request.response().then((response) => refreshes.push({ status: response?.status() ?? 0, active }));
    });
    const loggedInAt = Date.now();

    await ba.editors.typeInOwn('d160', 'Voor de verversing.');
    await va.editors.waitForExactText('other', 'd160', 'Voor de verversing.', 5_000);

    // The token of the login has expired, and the browser has refreshed (reporting the typing as activity).
    await waitFor(() => Date.now() - loggedInAt > (ACCESS_TOKEN_TTL_SECONDS + 1) * 1000 && refreshes.length >= 2, {
      what: 'refreshes past the first access token',
      timeoutMs: 20_000,
    });
    expect(refreshes.every((refresh) => refresh.status === 200)).toBe(true);
    expect(refreshes.some((refresh) => refresh.active)).toBe(true);
    await ba.editors.typeInOwn('d160', ' Na de verversing.');
    await va.editors.waitForExactText('other', 'd160', 'Voor de verversing. Na de verversing.', 5_000);
    expect(await ba.workspace.connection.getAttribute('data-state')).toBe('connected');

    // The connection drops and comes back: it opens with the refreshed token's cookie.
    await ba.page.context().setOffline(true);
    await ba.workspace.connection.and(ba.page.locator('[data-state="offline"]')).waitFor();
    await ba.page.context().setOffline(false);
    await ba.workspace.connection.and(ba.page.locator('[data-state="connected"]')).waitFor({ timeout: 10_000 });
    await ba.editors.typeInOwn('d160', ' Weer online.');
    await va.editors.waitForExactText('other', 'd160', 'Voor de verversing. Na de verversing. Weer online.', 5_000);

    expect(await va.loginForm.count()).toBe(0);
    expect(refreshes.every((refresh) => refresh.status === 200)).toBe(true);
    expectNoPageErrors(ba, va);
  });

  it('an open but untouched tab reaches the idle timeout: the refreshes report no activity, and the login page returns', async () => {
    await server.close();
    server = await startTestServer({ clientDir: CLIENT_DIR, config: { ACCESS_TOKEN_TTL_SECONDS, SESSION_IDLE_MINUTES: IDLE_SECONDS / 60 } });
    const ba = await browser.newPhysician(server.url, 'ba.demo');
    const reported: boolean[] = [];
    ba.page.on('request', (request) => {
      if (request.url().endsWith('/api/auth/refresh')) reported.push((JSON.parse(request.postData() ?? '{}') as { active?: boolean }).active === true);
    });
    await ba.openCase(DEMO_CASE_ID);

    await ba.loginForm.waitFor({ timeout: 30_000 });
    // Opening the case was the last thing the user did: at most one refresh reports activity, the later ones none.
    expect(reported.filter((active) => active).length).toBeLessThanOrEqual(1);
    expect(reported.at(-1)).toBe(false);
    const rows = await server.stores.audit.list({ action: 'logout' });
    expect(rows.some((row) => row.detail === 'idle-timeout' && row.username === 'ba.demo')).toBe(true);
  });
});

describe("an administrator's 'log out everywhere', in the browser", () => {
  const browser = useBrowser();
  const workspace = useWorkspaceServer();

  it("ends the VA's session on their open case page: the login page returns", async () => {
    const server = workspace();
    const va = await browser.newPhysician(server.url, 'va.demo');
    await va.openCase(DEMO_CASE_ID);
    const visitor = await browser.newVisitor(server.url);
    await visitor.logIn('admin.demo', 'demo');
    const admin = new AdminScreens(visitor);
    await admin.userRow('va.demo').waitFor();
    visitor.page.once('dialog', (dialog) => void dialog.accept());
    await admin.userRow('va.demo').getByRole('button', { name: 'Afmelden op alle apparaten' }).click();

    await va.loginForm.waitFor({ timeout: 15_000 });
    const rows = await server.stores.audit.list({ action: 'write' });
    expect(rows.some((row) => row.detail?.startsWith('end-sessions:'))).toBe(true);
    expectNoPageErrors(visitor, va);
  });
});

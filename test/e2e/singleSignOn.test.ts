import { beforeAll, describe, expect, it } from 'vitest';
import { formatDocName } from '../../shared/docNames.ts';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { CLIENT_DIR, PhysicianPage, useBrowser, waitForText, type WorkspacePage } from '../helpers/browser.ts';
import { connectDoc, sectionText, typeInto } from '../helpers/collabClient.ts';
import { startOidcProvider, type TestOidcProvider } from '../helpers/oidcProvider.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';
import { WorkflowClient } from '../helpers/workflowClient.ts';

const SECTION = 'd240';
const BA_TEXT = 'Via de organisatie ingelogd: belastbaar voor vier uur.';
const JOINT_TEXT = 'Samen vastgesteld na aanmelding via de organisatie.';

/**
 * "Inloggen via <organisatie>" in a real browser against a real OpenID
 * provider on 127.0.0.1: the BA signs in at the provider's own login form,
 * lands in the workspace, and the case's collaboration and socket.io
 * connections work with that session; a person the workspace does not know
 * is sent back with the reason in words.
 */
describe('signing in through the organisation (OpenID Connect) in the browser', () => {
  const browser = useBrowser();
  let server: TestServer;
  let provider: TestOidcProvider;
  /** The public origin without PUBLIC_URL is localhost and the port: the address the provider sends the browser back to. */
  let base: string;

  beforeAll(async () => {
    server = await startTestServer({ clientDir: CLIENT_DIR });
    base = `http://localhost:${new URL(server.url).port}`;
    provider = await startOidcProvider(`${base}/api/auth/sso/callback`, { 'anna.idp': { preferred_username: 'ba.demo', name: 'Anna Bakker' } });
    await server.stores.records.updateOrganisation('demo-arbo', { oidc: provider.settings() });
  });

  /** Clicks "Inloggen via Arbodienst Demo" and signs in at the provider's form as `login` (any password). */
  const signInAtProvider = async (visitor: WorkspacePage, login: string) => {
    await visitor.page.getByRole('link', { name: 'Inloggen via Arbodienst Demo' }).click();
    await visitor.page.waitForURL((url) => url.origin === provider.issuer);
    await visitor.page.locator('input[name="login"]').fill(login);
    await visitor.page.locator('input[name="password"]').fill('wachtwoord-bij-de-organisatie');
    await visitor.page.getByRole('button', { name: 'Sign-in' }).click();
  };

  it('the BA signs in at the provider, lands in the workspace, and the collaboration and socket.io connections work', async () => {
    const visitor = await browser.newVisitor(base);
    await visitor.loginForm.waitFor();
    await signInAtProvider(visitor, 'anna.idp');
    const ba = new PhysicianPage(visitor.page, base);
    await ba.caseListHeading.waitFor();
    expect(new URL(ba.page.url()).pathname).toBe('/');
    await waitForText(ba.page.locator('header.topbar'), 'Ingelogd als Anna Bakker');
    await ba.openCase(DEMO_CASE_ID);
    expect(ba.role).toBe('ba');

    // The VA, outside the browser: the stock WebsocketProvider on the BA's own document and the joint one, and the workflow over HTTP.
    const token = await server.login('va.demo');
    const occupational = connectDoc(server.collabUrl, formatDocName({ caseId: DEMO_CASE_ID, part: 'occupational' }), token);
    const joint = connectDoc(server.collabUrl, formatDocName({ caseId: DEMO_CASE_ID, part: 'joint' }), token);
    try {
      await Promise.all([occupational.synced(), joint.synced()]);
      // What the BA types reaches the VA through /collab; what the VA writes reaches the BA's page.
      await ba.editors.typeInOwn(SECTION, BA_TEXT);
      await waitFor(() => sectionText(occupational.doc, SECTION).includes(BA_TEXT), { what: 'the BA’s text at the VA', timeoutMs: 10_000 });
      typeInto(joint.doc, SECTION, JOINT_TEXT);
      await waitForText(ba.page.getByTestId(`editor-joint-${SECTION}`), JOINT_TEXT);
      // A workflow change reaches the BA's page over socket.io.
      expect((await new WorkflowClient(server, token, DEMO_CASE_ID).flag(SECTION, 'Verschil in uren')).status).toBe(200);
      await ba.page.locator(`[data-testid="status-${SECTION}"][data-status="disagreement"]`).waitFor();
    } finally {
      occupational.destroy();
      joint.destroy();
    }
    expect(ba.pageErrors).toEqual([]);
  });

  it('a person the workspace does not know is sent back to the login page with a clear message, and no session', async () => {
    const visitor = await browser.newVisitor(base);
    await visitor.loginForm.waitFor();
    await signInAtProvider(visitor, 'onbekend.persoon');
    await waitForText(visitor.page.getByTestId('sso-failure'), 'u heeft geen account in de werkplek');
    expect(await visitor.loginForm.isVisible()).toBe(true);
    expect(new URL(visitor.page.url()).search).toBe('');
    expect(await visitor.caseListHeading.count()).toBe(0);
    expect((await visitor.page.context().cookies(base)).map((cookie) => cookie.name)).not.toContain('cw_session');

    // In English, the button and the refusal read in English (the provider remembers the person: no form this time).
    await visitor.page.evaluate(() => localStorage.setItem('cw.language', 'en'));
    await visitor.page.reload();
    await visitor.page.getByRole('link', { name: 'Sign in with Arbodienst Demo' }).click();
    await waitForText(visitor.page.getByTestId('sso-failure'), 'you have no account in the workspace');

    expect(visitor.pageErrors).toEqual([]);
  });
});

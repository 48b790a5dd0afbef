import { afterEach, describe, it } from 'vitest';
import { useBrowser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';
import { CLIENT_DIR } from '../helpers/browser.ts';
import { expectNothingSerious, scan } from '../helpers/axe.ts';

describe('scratch', () => {
  const browser = useBrowser();
  let server: TestServer | null = null;
  afterEach(async () => { await server?.close(); });
  it('renders', async () => {
    server = await startTestServer({ clientDir: CLIENT_DIR });
    const ba = await browser.newPhysician(server.url, 'ba.demo');
    const n = (id: string, kind: string, section: string | null, read: boolean) => ({ id, caseId: 'demo', kind, actor: { name: 'Victor Visser', role: 'verzekeringsarts' }, section, at: '2026-12-02T10:00:00Z', readAt: read ? '2026-12-02T11:00:00Z' : null });
    await ba.page.route('**/api/notifications?*', (route) => route.fulfill({ json: { notifications: [n('a1', 'disagreement.flagged', 'd240', false), n('a2', 'dispute.opened', null, true)], unread: 1, unreadByCase: { demo: 1 }, nextCursor: 'abc' } }));
    await ba.page.route('**/api/notifications/read', (route) => route.fulfill({ json: { unread: 0, unreadByCase: {} } }));
    let saved = false;
    await ba.page.route('**/api/notification-settings', (route) => route.request().method() === 'PUT' ? (saved = true, route.fulfill({ status: 400, json: { error: { id: 'bad_request', message: 'email: not an e-mail address', field: 'email' } } })) : route.fulfill({ json: { email: null, mode: 'never', digestHour: 8, language: 'nl', emailAvailable: false } }));
    await ba.page.reload();
    await ba.notifications.open();
    await ba.page.screenshot({ path: '/tmp/inbox.png', fullPage: true });
    expectNothingSerious('inbox', await scan(ba.page));
    await ba.notifications.openSettings();
    await ba.notifications.saveSettings({ email: 'x', mode: 'Dagelijks overzicht', digestHour: 7 });
    await ba.page.getByTestId('field-error').waitFor();
    await ba.page.screenshot({ path: '/tmp/settings.png', fullPage: true });
    console.log(saved, await ba.notifications.description(ba.notifications.emailField));
    expectNothingSerious('settings', await scan(ba.page));
  });
});

import { describe, expect, it } from 'vitest';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { useBrowser, useWorkspaceServer } from '../helpers/browser.ts';

/** What the page reports as blocked by the Content-Security-Policy. */
declare global {
  interface Window {
    cspViolations?: string[];
  }
}

/**
 * The built client under the server's CSP (connect-src 'self', no ws:/wss:
 * wildcard): signing in and opening a case load every script and style and
 * open both websockets, and the browser blocks nothing.
 */
describe('the client under its Content-Security-Policy', () => {
  const browser = useBrowser();
  const workspace = useWorkspaceServer();

  it('a physician signs in and works live in a case with no CSP violation; /collab and /socket.io connect to our own origin', async () => {
    const server = workspace();
    const physician = await browser.newPhysician(server.url, 'ba.demo');
    const { page } = physician;
    await page.addInitScript(() => {
      window.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) =>
        window.cspViolations!.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`),
      );
    });
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(new URL(socket.url()).pathname));
    const consoleViolations: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) consoleViolations.push(message.text());
    });

    // A fresh load, so that the init script watches from the first byte.
    await page.reload();
    await physician.caseListHeading.waitFor();
    await physician.openCase(DEMO_CASE_ID);
    const own = physician.editors.own('d240');
    await own.click();
    await page.keyboard.type('Onder CSP getypt.');
    await page.getByText('Onder CSP getypt.').waitFor();

    expect(sockets.some((path) => path.startsWith('/collab/'))).toBe(true);
    expect(sockets.some((path) => path.startsWith('/socket.io/'))).toBe(true);
    expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
    expect(consoleViolations).toEqual([]);
    expect(physician.pageErrors).toEqual([]);
  });
});

import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { useBrowser, useWorkspaceServer } from '../helpers/browser.ts';

/** What the case list may cost a first visit in JavaScript over the wire (issue 15). */
const CASE_LIST_JS_BUDGET_BYTES = 150 * 1024;
/** And the case list plus opening a case, together. */
const CASE_OPENED_JS_BUDGET_BYTES = 350 * 1024;
/** The encoding Chromium accepts first, and the one the build is precompressed in. */
const EXPECTED_ENCODING = 'br';

interface Transfer {
  file: string;
  /** Bytes of the body as sent (encoded): what the network carried. */
  encoded: number;
  encoding: string;
}

/** Records every script the page fetches from the network, from now on. */
function recordScripts(page: Page): () => Promise<Transfer[]> {
  const pending: Promise<Transfer>[] = [];
  page.on('requestfinished', (request: Request) => {
    if (request.resourceType() !== 'script' && !request.url().endsWith('.js')) return;
    pending.push(
      (async () => {
        const [sizes, response] = await Promise.all([request.sizes(), request.response()]);
        return {
          file: new URL(request.url()).pathname,
          encoded: sizes.responseBodySize,
          encoding: (await response?.headerValue('content-encoding')) ?? 'identity',
        };
      })(),
    );
  });
  return async () => Promise.all(pending.splice(0));
}

const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const total = (transfers: Transfer[]) => transfers.reduce((sum, transfer) => sum + transfer.encoded, 0);

function report(step: string, transfers: Transfer[]): void {
  const lines = transfers.map((transfer) => `  ${transfer.file} ${kilobytes(transfer.encoded)} (${transfer.encoding})`);
  console.log(`[client bundle] ${step}: ${kilobytes(total(transfers))} of JavaScript in ${transfers.length} files\n${lines.join('\n')}`);
}

/**
 * The JavaScript a real Chromium downloads (its network log's encoded body
 * sizes, cache cleared, no service worker): the case list without the
 * editor, then what opening a case adds. Prints the figures for BENCHMARKS.md.
 */
describe('the client bundle over the wire', () => {
  const browser = useBrowser({ serviceWorkers: 'block' });
  const workspace = useWorkspaceServer();

  it('the case list loads within its JavaScript budget, opening a case within its own, all brotli-compressed', async () => {
    const physician = await browser.newPhysician(workspace().url, 'ba.demo');
    const { page } = physician;
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.clearBrowserCache');
    const scripts = recordScripts(page);

    // A first visit of a signed-in user: the session cookie stays, the cache is empty.
    await page.reload();
    await physician.caseListHeading.waitFor();
    const caseList = await scripts();
    await physician.openCase(DEMO_CASE_ID);
    const caseOpened = await scripts();

    report('case list', caseList);
    report('opening a case adds', caseOpened);
    console.log(`[client bundle] case list + case: ${kilobytes(total(caseList) + total(caseOpened))}`);
    expect(caseList.length).toBeGreaterThan(0);
    expect(caseOpened.some((transfer) => transfer.file.includes('/assets/editor-'))).toBe(true);
    expect(caseList.some((transfer) => transfer.file.includes('/assets/editor-'))).toBe(false);
    for (const transfer of [...caseList, ...caseOpened]) expect(transfer.encoding, transfer.file).toBe(EXPECTED_ENCODING);
    expect(total(caseList)).toBeLessThanOrEqual(CASE_LIST_JS_BUDGET_BYTES);
    expect(total(caseList) + total(caseOpened)).toBeLessThanOrEqual(CASE_OPENED_JS_BUDGET_BYTES);
    expect(physician.pageErrors).toEqual([]);
  });

  it('while the code of a case page is on its way, a status says so, and the case opens when it arrives', async () => {
    const physician = await browser.newPhysician(workspace().url, 'ba.demo');
    const { page } = physician;
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/CasePage-[^/]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });

    await page.locator(`a.case-link[href="/cases/${encodeURIComponent(DEMO_CASE_ID)}"]`).click();
    await page.getByRole('status').filter({ hasText: 'Pagina laden…' }).waitFor();
    release();
    await physician.waitForWorkspace();
    expect(await page.getByRole('status').filter({ hasText: 'Pagina laden…' }).count()).toBe(0);
    expect(physician.pageErrors).toEqual([]);
  });
});

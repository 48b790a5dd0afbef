import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { chromium, type Page } from 'playwright-core';
import { createSqliteStores } from '../server/store/sqlite/index.ts';
import { BENCH_PASSWORD, tokenFor } from './accounts.ts';
import { TargetProcess } from './processes.ts';
import { ourEnv, removeDir } from './scenarios.ts';
import { summarize, type Summary } from './stats.ts';
import { provisionQueue, queuePseudonym, varyQueue, type QueueMix } from './workQueueSeed.ts';

/**
 * The case list as a work queue with a big caseload: BENCH_QUEUE_CASES (500)
 * cases for one BA, our server as `npm start` runs it, and Debian's Chromium
 * on the built client. Measured in the page (client/src/features/cases/queueTiming.ts):
 * navigation to the first page of the table rendered, and each keystroke in the
 * search and each filter toggle to the table updated (the input to the next
 * frame after the render). Figures, never assertions.
 */
export interface WorkQueueResult {
  measuredAt: string;
  cases: number;
  mix: QueueMix;
  seedSeconds: number;
  /** GET /api/cases for the BA, as the server answers it (wall time in the orchestrator). */
  listRequest: Summary;
  /** performance.now() at the rendered mark: from the navigation's start. */
  firstPage: Summary;
  search: Summary;
  filter: Summary;
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
];
const NAVIGATIONS = 5;
const LIST_REQUESTS = 5;
const FILTERS = ['Wacht op mij', 'Onenigheid', 'Geschil', 'Sessie deze week', 'Mijlpaal binnen 14 dagen'];

export async function workQueueScenario(scratch: string, log: Logger, cases: number, say: (line: string) => void): Promise<WorkQueueResult> {
  const dataDir = mkdtempSync(join(scratch, 'queue-'));
  const began = performance.now();
  const stores = createSqliteStores(dataDir, { synchronous: 'full' });
  const accounts = await provisionQueue(stores, log, cases);
  await stores.close();
  const target = await TargetProcess.start('ours', ourEnv(dataDir));
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const url = `http://127.0.0.1:${target.port}`;
    const mix = await varyQueue(url, accounts);
    const seedSeconds = Math.round((performance.now() - began) / 100) / 10;
    say(`work queue: ${cases} cases for one BA seeded in ${seedSeconds} s (${JSON.stringify(mix)})`);
    const listRequest = await timeListRequests(url, tokenFor(accounts.ba));

    const page = await (await browser.newContext({ locale: 'nl-NL', viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(url);
    await page.getByLabel('Gebruikersnaam').fill(accounts.ba.username);
    await page.getByLabel('Wachtwoord').fill(BENCH_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByTestId('work-queue').waitFor({ timeout: 60_000 });
    const firstPage: number[] = [];
    for (let n = 0; n < NAVIGATIONS; n++) firstPage.push(await timeFirstPage(page, url));
    const search = await timeInputs(page, async () => {
      const box = page.getByRole('searchbox', { name: 'Zoeken' });
      await box.focus();
      // Narrowing key by key to one case, then on an employer, clearing in between.
      for (const key of queuePseudonym(Math.floor(cases * 0.7)).toLowerCase()) await typed(page, () => page.keyboard.type(key));
      await typed(page, () => box.fill(''));
      for (const key of 'zorggroep') await typed(page, () => page.keyboard.type(key));
      await typed(page, () => box.fill(''));
    });
    const filter = await timeInputs(page, async () => {
      for (const label of FILTERS) {
        const button = page.getByRole('group', { name: 'Filters' }).getByRole('button', { name: label, exact: true });
        await typed(page, () => button.click());
        await typed(page, () => button.click());
      }
    });
    const result = {
      measuredAt: new Date().toISOString(),
      cases,
      mix,
      seedSeconds,
      listRequest,
      firstPage: summarize(firstPage),
      search: summarize(search),
      filter: summarize(filter),
    };
    say(
      `work queue: GET /api/cases p50 ${result.listRequest.p50} ms; first page p50 ${result.firstPage.p50} ms; search p50 ${result.search.p50} / max ${result.search.max} ms; filter p50 ${result.filter.p50} / max ${result.filter.max} ms`,
    );
    return result;
  } finally {
    await browser.close();
    await target.stop('SIGKILL');
    removeDir(dataDir);
  }
}

async function timeListRequests(url: string, token: string): Promise<Summary> {
  const times: number[] = [];
  for (let n = 0; n < LIST_REQUESTS; n++) {
    const started = performance.now();
    const response = await fetch(`${url}/api/cases`, { headers: { authorization: `Bearer ${token}` } });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`GET /api/cases answered ${response.status}`);
    times.push(performance.now() - started);
  }
  return summarize(times);
}

/** A fresh load of the list (signed in by cookie): the page's own clock at the rendered mark. */
async function timeFirstPage(page: Page, url: string): Promise<number> {
  await page.goto(url);
  const handle = await page.waitForFunction(() => performance.getEntriesByName('work-queue:rendered', 'mark')[0]?.startTime, undefined, { timeout: 60_000 });
  return (await handle.jsonValue()) as number;
}

/** Runs the inputs and returns the page's measures of them, each from the input to the frame after the table followed. */
async function timeInputs(page: Page, inputs: () => Promise<void>): Promise<number[]> {
  await page.evaluate(() => performance.clearMeasures('work-queue:update'));
  await inputs();
  return page.evaluate(() => performance.getEntriesByName('work-queue:update', 'measure').map((entry) => entry.duration));
}

/** One input, then waits until the page measured it (one more measure than before). */
async function typed(page: Page, input: () => Promise<void>): Promise<void> {
  const before = await page.evaluate(() => performance.getEntriesByName('work-queue:update', 'measure').length);
  await input();
  await page.waitForFunction((count) => performance.getEntriesByName('work-queue:update', 'measure').length > count, before, { timeout: 30_000 });
}

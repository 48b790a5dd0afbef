import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createSqliteStores } from '../server/store/sqlite/index.ts';
import { BENCH_PASSWORD } from './accounts.ts';
import { provisionOpenCase, sectionText, WORDS_PER_SECTION, type OpenCaseSeed } from './openCaseSeed.ts';
import { TargetProcess } from './processes.ts';
import { ourEnv, removeDir } from './scenarios.ts';
import { summarize, type Summary } from './stats.ts';
import { CHROMIUM, CHROMIUM_ARGS } from './workQueue.ts';

/**
 * Opening a full case: one case with every section written by both
 * physicians, our server as `npm start` runs it, and Debian's Chromium on the
 * built client as the BA. Measured in the page
 * (client/src/features/workspace/caseTiming.ts): navigation to the case page
 * interactive (the open group's editors mounted on their synced documents,
 * the BA's own ones accepting input), in fresh browser contexts (no cache, no
 * local copy) and on a reload of each (assets cached, local copy in
 * IndexedDB); then each keystroke typed into the BA's editor to the end of the
 * frame that shows it. Figures, never assertions.
 */
export interface OpenCaseResult {
  measuredAt: string;
  sections: number;
  wordsPerPhysician: number;
  /** Editors the page showed at the mark (the open group's sections × 3). */
  editors: number;
  viewport: { width: number; height: number };
  /** performance.now() at the interactive mark: from the navigation's start. */
  firstOpen: Summary;
  reload: Summary;
  keystroke: Summary;
  /**
   * Cross-check by the browser's Event Timing API: per key, from the event's timeStamp to the next
   * paint after its handlers, in 8 ms steps; only keys at or over the threshold are reported.
   */
  eventTiming: { thresholdMs: number; keys: number; atOrOverThreshold: Summary };
  /** Keys typed per second: the pace of the typing. */
  keysPerSecond: number;
  /** The machine's 1-minute load average as the measuring began: it is shared, and the figures move with it. */
  loadAverage: number;
}

/** A desktop monitor (WUXGA): at 1280×900 the joint draft of the first section is below the fold. */
const VIEWPORT = { width: 1920, height: 1200 };
const LOADS = 5;
const KEYSTROKES = 50;
/** A brisk typist: 100 ms between keys (7–8 keys a second with Playwright's round trip). */
const KEY_DELAY_MS = 100;
/** The Event Timing API's lowest threshold: one frame, rounded to its 8 ms steps. */
const EVENT_TIMING_THRESHOLD_MS = 16;
const INTERACTIVE_MARK = 'case:interactive';
const KEY_MEASURE = 'case:keystroke';
const WAIT_MS = 60_000;
/** How much of an editor must be inside the viewport to count as on screen: its first line. */
const ON_SCREEN_PX = 40;

export async function openCaseScenario(scratch: string, log: Logger, say: (line: string) => void): Promise<OpenCaseResult> {
  const dataDir = mkdtempSync(join(scratch, 'open-'));
  const stores = createSqliteStores(dataDir, { synchronous: 'full' });
  const seed = await provisionOpenCase(stores, log);
  await stores.close();
  say(`open case: one case, ${seed.sections} sections, ${seed.wordsPerPhysician} words per physician`);
  const target = await TargetProcess.start('ours', ourEnv(dataDir));
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const url = `http://127.0.0.1:${target.port}`;
    const signedIn = await signIn(browser, url, seed);
    const caseUrl = `${url}/cases/${encodeURIComponent(seed.caseId)}`;
    const loadAverage = Math.round(os.loadavg()[0]! * 10) / 10;
    const firstOpen: number[] = [];
    const reload: number[] = [];
    let editors = 0;
    let last: BrowserContext | null = null;
    for (let n = 0; n < LOADS; n++) {
      await last?.close();
      last = await browser.newContext({ locale: 'nl-NL', viewport: VIEWPORT, storageState: signedIn });
      const page = await last.newPage();
      await page.goto(caseUrl);
      firstOpen.push(await interactiveAt(page));
      await page.reload();
      reload.push(await interactiveAt(page));
      editors = await page.locator('.ProseMirror[data-testid^="editor-"]').count();
    }
    const page = last!.pages()[0]!;
    await checkShown(page, seed);
    const typing = await timeTyping(page);
    await last!.close();
    const result = {
      measuredAt: new Date().toISOString(),
      sections: seed.sections,
      wordsPerPhysician: seed.wordsPerPhysician,
      editors,
      viewport: VIEWPORT,
      firstOpen: summarize(firstOpen),
      reload: summarize(reload),
      ...typing,
      loadAverage,
    };
    say(
      `open case: interactive p50 ${result.firstOpen.p50} / max ${result.firstOpen.max} ms (reload p50 ${result.reload.p50} ms); keystroke p50 ${typing.keystroke.p50} / p95 ${typing.keystroke.p95} / max ${typing.keystroke.max} ms`,
    );
    return result;
  } finally {
    await browser.close();
    await target.stop('SIGKILL');
    removeDir(dataDir);
  }
}

/** Logs the BA in once, through the login page; the session (cookie) is what each fresh context starts with. */
async function signIn(browser: Browser, url: string, seed: OpenCaseSeed) {
  const context = await browser.newContext({ locale: 'nl-NL', viewport: VIEWPORT });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByLabel('Gebruikersnaam').fill(seed.ba.username);
  await page.getByLabel('Wachtwoord').fill(BENCH_PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByTestId('work-queue').waitFor({ timeout: WAIT_MS });
  const state = await context.storageState();
  await context.close();
  return { cookies: state.cookies, origins: [] };
}

/** The page's own clock at the interactive mark. */
async function interactiveAt(page: Page): Promise<number> {
  const handle = await page.waitForFunction((mark) => performance.getEntriesByName(mark, 'mark')[0]?.startTime, INTERACTIVE_MARK, { timeout: WAIT_MS });
  return (await handle.jsonValue()) as number;
}

/** What is measured is the seeded case: the first section's three editors are on screen, with the BA's text. */
async function checkShown(page: Page, seed: OpenCaseSeed): Promise<void> {
  for (const part of ['occupational', 'insurance', 'joint']) {
    const box = await page.getByTestId(`editor-${part}-d160`).boundingBox();
    if (!box || box.y + ON_SCREEN_PX > VIEWPORT.height) throw new Error(`the ${part} editor of the first section is not on screen (${JSON.stringify(box)})`);
  }
  const shown = await page.getByTestId('editor-occupational-d160').textContent();
  const expected = sectionText(0, WORDS_PER_SECTION).split(' ').slice(0, 5).join(' ');
  if (!shown?.startsWith(expected))
    throw new Error(`the BA's first section shows ${JSON.stringify(shown?.slice(0, 60))}, not the seeded text of ${seed.caseId}`);
}

/** Types into the BA's first section at the end of its text; the page measures each key. */
async function timeTyping(page: Page): Promise<Pick<OpenCaseResult, 'keystroke' | 'eventTiming' | 'keysPerSecond'>> {
  const editor = page.getByTestId('editor-occupational-d160');
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.evaluate((measure) => performance.clearMeasures(measure), KEY_MEASURE);
  await watchKeyEvents(page);
  const text = ' Belastbaar voor vier uur per dag, opbouw in zes weken'.repeat(2).slice(0, KEYSTROKES);
  const started = performance.now();
  await page.keyboard.type(text, { delay: KEY_DELAY_MS });
  const keysPerSecond = Math.round((KEYSTROKES / (performance.now() - started)) * 10_000) / 10;
  const handle = await page.waitForFunction(
    ({ measure, count }) => {
      const entries = performance.getEntriesByName(measure, 'measure');
      return entries.length >= count && entries.map((entry) => entry.duration);
    },
    { measure: KEY_MEASURE, count: KEYSTROKES },
    { timeout: WAIT_MS },
  );
  if (!(await editor.textContent())?.endsWith(text.trimEnd())) throw new Error('the typed text is not in the BA editor');
  return { keystroke: summarize((await handle.jsonValue()) as number[]), eventTiming: await keyEventDurations(page), keysPerSecond };
}

/** Collects the Event Timing entries of the key events from now on, per interaction (a key's keydown, keypress and keyup). */
async function watchKeyEvents(page: Page): Promise<void> {
  await page.evaluate((threshold) => {
    // Runs in the page, typed with the benchmark's (Node's) globals: a PerformanceEventTiming has an interactionId.
    type KeyEntry = { name: string; duration: number; interactionId?: number };
    const durations = new Map<number, number>();
    const record = (entries: KeyEntry[]) => {
      for (const { name, duration, interactionId } of entries)
        if (interactionId && name.startsWith('key')) durations.set(interactionId, Math.max(durations.get(interactionId) ?? 0, duration));
    };
    const observer = new PerformanceObserver((list) => record(list.getEntries() as KeyEntry[]));
    observer.observe({ type: 'event', durationThreshold: threshold } as unknown as Parameters<typeof observer.observe>[0]);
    const collected = () => {
      record(observer.takeRecords() as KeyEntry[]);
      return [...durations.values()];
    };
    Object.assign(globalThis, { benchKeyEvents: collected });
  }, EVENT_TIMING_THRESHOLD_MS);
}

/** The keys the browser itself timed at EVENT_TIMING_THRESHOLD_MS or more (Event Timing reports no shorter ones). */
async function keyEventDurations(page: Page): Promise<OpenCaseResult['eventTiming']> {
  const durations = await page.evaluate(() => (globalThis as unknown as { benchKeyEvents: () => number[] }).benchKeyEvents());
  return { thresholdMs: EVENT_TIMING_THRESHOLD_MS, keys: KEYSTROKES, atOrOverThreshold: summarize(durations) };
}

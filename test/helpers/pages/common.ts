import type { Locator } from 'playwright-core';

/** How long a user would reasonably wait for something to show up (every wait's default). */
export const UI_TIMEOUT_MS = 10_000;

/** The section shown first (the first group of the template). */
export const FIRST_SECTION = 'd240';

/** The document behind an editor: the BA's position, the VA's, or the joint draft (docs/architecture.md). */
export type EditorPart = 'occupational' | 'insurance' | 'joint';

/** The documents that hold one physician's position (and qualifiers). */
export type PositionPart = Exclude<EditorPart, 'joint'>;

/** Waits until `locator` shows `text` (auto-waiting), with the text it did show in the error. */
export async function waitForText(locator: Locator, text: string, timeout = UI_TIMEOUT_MS): Promise<void> {
  try {
    await locator.filter({ hasText: text }).waitFor({ timeout });
  } catch (error) {
    const shown = await locator.innerText({ timeout: 1000 }).catch(() => '<not found>');
    throw new Error(`Expected ${String(locator)} to show ${JSON.stringify(text)} within ${timeout} ms; it shows ${JSON.stringify(shown)}`, {
      cause: error,
    });
  }
}

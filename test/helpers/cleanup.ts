import { afterAll, onTestFinished } from 'vitest';

/** What helpers opened and may still be open, each with what closes it (idempotent). */
const open = new Set<() => Promise<unknown>>();

// Vitest runs every test file in its own module graph (`isolate`, its default),
// so this module is imported anew while each file is collected and this hook
// belongs to that file: it closes whatever the file's tests left open.
afterAll(async () => {
  const closes = [...open];
  open.clear();
  await Promise.all(closes.map((close) => close()));
});

/**
 * Closes what a helper just opened when the test that opened it finishes
 * (called from a test or a beforeEach), or else when the test file is done
 * (called from a beforeAll): a test file cannot leak it by forgetting to
 * close it. A test may still close it earlier; `close` must be idempotent.
 */
export function closeWhenDone(close: () => Promise<unknown>): void {
  open.add(close);
  try {
    onTestFinished(async () => {
      open.delete(close);
      await close();
    });
  } catch {
    // Not inside a test (a beforeAll): the file's afterAll above closes it.
  }
}

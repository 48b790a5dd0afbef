import { describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/testServer.ts';

/** The helpers close what a test forgot to: the next test finds the server gone. */
describe('a test server a test does not close', () => {
  let forgotten: TestServer | null = null;

  it('is started and left open', async () => {
    forgotten = await startTestServer({ store: 'memory' });
    expect((await fetch(`${forgotten.url}/healthz`)).ok).toBe(true);
  });

  it('is closed once that test has finished', async () => {
    expect(forgotten).not.toBeNull();
    await expect(fetch(`${forgotten!.url}/healthz`)).rejects.toThrow();
  });
});

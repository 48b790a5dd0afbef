import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/auth/passwords.ts';
import { DEMO_CASE_ID, DEMO_USERS, demoAccountsIn, seedDemo } from '../../server/seed.ts';
import { createMemoryStores } from '../../server/store/memory/index.ts';
import { createSqliteStores } from '../../server/store/sqlite/index.ts';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.ts';
import { TEST_SECRET } from '../helpers/testServer.ts';
import { makeTempDir } from '../helpers/tmp.ts';
import { sleep, waitFor } from '../helpers/waitFor.ts';

const BANNER = 'WARNING: NODE_ENV=production';
const LOG_MESSAGE = 'demo accounts with a published password exist in production';
/** pino's number for the error level. */
const PINO_ERROR = 50;
/** Time for lines already written by the process to arrive through its pipes. */
const OUTPUT_SETTLE_MS = 200;

describe('seeding the demo data', () => {
  it('seeds an empty store once, and reports which demo accounts exist', async () => {
    const stores = createMemoryStores();
    expect(await demoAccountsIn(stores)).toEqual([]);
    expect(await seedDemo(stores)).toBe(true);
    expect(await seedDemo(stores)).toBe(false);
    expect(await demoAccountsIn(stores)).toEqual(DEMO_USERS.map((user) => user.username));
    expect(await stores.records.countUsers()).toBe(DEMO_USERS.length);
  });

  it('never seeds into a store that already has a user: no demo account, no demo case', async () => {
    const stores = createMemoryStores();
    await stores.records.createUser({
      id: 'u-1',
      username: 'ba.jansen',
      name: 'J. Jansen',
      role: 'bedrijfsarts',
      passwordHash: await hashPassword('geheim-wachtwoord'),
    });
    expect(await seedDemo(stores)).toBe(false);
    expect(await demoAccountsIn(stores)).toEqual([]);
    expect(await stores.records.getCase(DEMO_CASE_ID)).toBeNull();
    expect(await stores.records.countUsers()).toBe(1);
  });
});

describe('the boot warning about demo accounts (npm start)', () => {
  const tmp = makeTempDir('cw-demo-');
  let node: ServerProcess | null = null;
  afterEach(async () => {
    await node?.kill('SIGTERM');
    node = null;
  });
  afterAll(() => tmp.remove());

  const start = (dir: string, env: Record<string, string>) => startServerProcess({ DATA_DIR: join(tmp.dir, dir), JWT_SECRET: TEST_SECRET, ...env });
  const warned = (server: ServerProcess) =>
    server.output.some((line) => line.includes(BANNER)) &&
    server.output.some(
      (line) => line.startsWith('{') && (JSON.parse(line) as { level?: number; msg?: string }).level === PINO_ERROR && line.includes(LOG_MESSAGE),
    );
  /**
   * The boot is over once the banner with the address is out and a request was served: the warning
   * would have been written in the same tick as the banner, before the server answered anything.
   */
  const booted = async (server: ServerProcess) => {
    await waitFor(() => server.output.some((line) => line.includes('consultation workspace:')), { what: 'the boot banner' });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    await sleep(OUTPUT_SETTLE_MS);
  };

  it('a first `npm start` on a new ./data still seeds the demo (development) and lists the logins, without a warning', async () => {
    node = await start('development', {});
    await booted(node);
    expect(node.output.join('\n')).toContain('ba.demo');
    expect(warned(node)).toBe(false);
    expect(
      (
        await fetch(`${node.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ username: 'ba.demo', password: 'demo' }),
        })
      ).status,
    ).toBe(200);
  });

  it('in production, demo accounts make the server warn in the log (error level) and on stderr', async () => {
    node = await start('production-demo', { NODE_ENV: 'production' });
    await waitFor(() => warned(node!), { what: 'the production warning' });
    const log = node.output.find((line) => line.includes(LOG_MESSAGE))!;
    expect((JSON.parse(log) as { accounts: string[] }).accounts).toEqual(DEMO_USERS.map((user) => user.username));
  });

  it('it keeps warning on every production boot while they exist, even with DEMO_SEED=false', async () => {
    node = await start('production-demo', { NODE_ENV: 'production', DEMO_SEED: 'false' });
    await waitFor(() => warned(node!), { what: 'the production warning' });
  });

  it('production with DEMO_SEED=false on a fresh store: no demo accounts, no warning, no demo logins shown', async () => {
    node = await start('production-clean', { NODE_ENV: 'production', DEMO_SEED: 'false' });
    await booted(node);
    expect(warned(node)).toBe(false);
    expect(node.output.join('\n')).not.toContain('ba.demo');
  });

  it('DEMO_SEED=true on a store with real users seeds nothing and shows no demo logins', async () => {
    const dataDir = join(tmp.dir, 'real-users');
    const stores = createSqliteStores(dataDir, { synchronous: 'normal' });
    await stores.records.createUser({
      id: 'u-1',
      username: 'ba.jansen',
      name: 'J. Jansen',
      role: 'bedrijfsarts',
      passwordHash: await hashPassword('geheim-wachtwoord'),
    });
    await stores.close();
    node = await start('real-users', { NODE_ENV: 'production', DEMO_SEED: 'true' });
    await booted(node);
    expect(warned(node)).toBe(false);
    expect(node.output.join('\n')).not.toContain('ba.demo');
    const login = await fetch(`${node.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'ba.demo', password: 'demo' }),
    });
    expect(login.status).toBe(401);
  });
});

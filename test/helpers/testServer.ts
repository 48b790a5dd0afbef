import { pino } from 'pino';
import { createApp, type AppConfig, type Workspace } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import { createMemoryStores } from '../../server/store/memory/index.ts';
import type { Stores } from '../../server/store/ports.ts';
import { createSqliteStores } from '../../server/store/sqlite/index.ts';
import { DEMO_PASSWORD, seedDemo } from '../../server/seed.ts';
import { makeTempDir } from './tmp.ts';

export interface TestServer {
  url: string;
  /** Base URL for WebsocketProvider: `ws://127.0.0.1:<port>/collab`. */
  collabUrl: string;
  workspace: Workspace;
  stores: Stores;
  dataDir: string | null;
  /** Logs in through the API and returns the token. */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  store?: 'sqlite' | 'memory';
  config?: Partial<AppConfig>;
  /** Reuse this data directory (to restart on the same store). */
  dataDir?: string;
  clientDir?: string | null;
  /** The workflow's clock. */
  now?: () => Date;
}

export const TEST_SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';

/** A real workspace on 127.0.0.1, port 0, seeded with the demo data. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const store = options.store ?? 'sqlite';
  const temp = store === 'sqlite' && !options.dataDir ? makeTempDir() : null;
  const dataDir = options.dataDir ?? temp?.dir ?? null;
  const stores = store === 'sqlite' ? createSqliteStores(dataDir!, { synchronous: 'normal' }) : createMemoryStores();
  await seedDemo(stores);
  const config: AppConfig = { ...parseConfig({}), ...options.config };
  const workspace = createApp({
    config,
    stores,
    log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    tokenSecret: TEST_SECRET,
    clientDir: options.clientDir ?? null,
    ...(options.now ? { now: options.now } : {}),
  });
  const { url } = await workspace.listen(0, '127.0.0.1');
  let closed = false;
  return {
    url,
    collabUrl: `${url.replace('http', 'ws')}/collab`,
    workspace,
    stores,
    dataDir,
    login: (username, password = DEMO_PASSWORD) => loginToken(url, username, password),
    async close() {
      if (closed) return;
      closed = true;
      await workspace.close();
      await stores.close();
      temp?.remove();
    },
  };
}

export async function loginToken(url: string, username: string, password: string = DEMO_PASSWORD): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`login ${username} failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

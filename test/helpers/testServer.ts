import { pino } from 'pino';
import type { LoginThrottle } from '../../server/auth/loginThrottle.ts';
import type { DocumentBus } from '../../server/collab/DocumentBus.ts';
import { createRedisSocketAdapter } from '../../server/realtime/redisAdapter.ts';
import { createApp, type AppConfig, type Workspace } from '../../server/app.ts';
import { parseConfig } from '../../server/config.ts';
import { createMemoryStores } from '../../server/store/memory/index.ts';
import type { Stores } from '../../server/store/ports.ts';
import { createRedisStores } from '../../server/store/redis/index.ts';
import { createSqliteStores, type SqliteStoreOptions } from '../../server/store/sqlite/index.ts';
import { DEMO_PASSWORD, seedDemo } from '../../server/seed.ts';
import { LOG_SECRET_FILE, loadOrCreateSecret } from '../../server/secret.ts';
import { createLogKey } from '../../server/workflow/logKey.ts';
import { sealLegacyLogs } from '../../server/workflow/sealLegacyLogs.ts';
import { TEST_LOG_SECRET } from './caseLog.ts';
import { closeWhenDone } from './cleanup.ts';
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
  /** Closes the server and its stores; again is a no-op (it also runs by itself, see startTestServer). */
  close(): Promise<void>;
}

export interface TestServerOptions {
  store?: 'sqlite' | 'memory' | 'redis';
  /** STORE=redis: the Redis (a test's RedisServer), and the key prefix the nodes of one workspace share. */
  redis?: { url: string; prefix: string };
  config?: Partial<AppConfig>;
  /** Reuse this data directory (to restart on the same store). */
  dataDir?: string;
  clientDir?: string | null;
  /** The workflow's clock. */
  now?: () => Date;
  /** STORE=sqlite: settings of the store (by default `synchronous: 'normal'`: tests need no fsync). */
  sqlite?: Partial<SqliteStoreOptions>;
  /** The log key's secret; by default DATA_DIR/log-secret as the server keeps it (so the admin CLI finds it), else TEST_LOG_SECRET. */
  logSecret?: string;
}

export const TEST_SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';

/**
 * A real workspace on 127.0.0.1, port 0, seeded with the demo data. It closes
 * itself when the test that started it finishes, or (started in a beforeAll)
 * when the test file is done; `close()` closes it earlier.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const store = options.store ?? 'sqlite';
  const temp = store === 'sqlite' && !options.dataDir ? makeTempDir() : null;
  const dataDir = options.dataDir ?? temp?.dir ?? null;
  const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  let stores: Stores;
  let distributed: { bus: DocumentBus; throttle: LoginThrottle; socketAdapter: Awaited<ReturnType<typeof createRedisSocketAdapter>> } | null = null;
  if (store === 'redis') {
    if (!options.redis) throw new Error('startTestServer: store "redis" needs options.redis');
    const redis = await createRedisStores({ url: options.redis.url, prefix: options.redis.prefix, log });
    stores = redis;
    distributed = { bus: redis.bus, throttle: redis.throttle, socketAdapter: await createRedisSocketAdapter(redis, options.redis.prefix) };
  } else {
    stores = store === 'sqlite' ? createSqliteStores(dataDir!, { synchronous: 'normal', ...options.sqlite }) : createMemoryStores();
  }
  const logKey = createLogKey(options.logSecret ?? (dataDir ? loadOrCreateSecret(dataDir, LOG_SECRET_FILE) : TEST_LOG_SECRET));
  // As main.ts does before it serves (the full scan it starts after listening is the test's to run: workspace.integrity.scanAll()).
  await sealLegacyLogs(stores, logKey, log);
  await seedDemo(stores);
  const config: AppConfig = { ...parseConfig({}), ...options.config };
  const workspace = createApp({
    config,
    stores,
    log,
    tokenSecret: TEST_SECRET,
    logKey,
    clientDir: options.clientDir ?? null,
    ...(options.now ? { now: options.now } : {}),
    ...(distributed ?? {}),
  });
  const { url } = await workspace.listen(0, '127.0.0.1');
  let closed = false;
  const server: TestServer = {
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
  closeWhenDone(() => server.close());
  return server;
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

import { fileURLToPath } from 'node:url';
import { createApp } from './app.ts';
import { createRedisSocketAdapter } from './realtime/redisAdapter.ts';
import { ConfigError, parseConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { loadPdfFonts } from './pdf/pdfFonts.ts';
import { LOG_SECRET_FILE, loadOrCreateSecret } from './secret.ts';
import { printBanner, warnDemoAccountsInProduction } from './bootBanner.ts';
import { demoAccountsIn, seedDemo } from './seed.ts';
import { buildStores } from './stores.ts';
import { createLogKey } from './workflow/logKey.ts';
import { sealLegacyLogs } from './workflow/sealLegacyLogs.ts';

/** How long a graceful shutdown may take before the process exits anyway. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

/** The composition root: the only place that reads the environment. */
async function main(): Promise<void> {
  const config = readConfig();
  const log = createLogger(config.LOG_LEVEL);
  // A missing PDF font would only show at the first minutes download: stop now instead, saying which.
  loadPdfFonts();
  const { stores, redis, bus, throttle } = await buildStores(config, log);
  const tokenSecret = config.JWT_SECRET ?? loadOrCreateSecret(config.DATA_DIR);
  const logKey = createLogKey(config.LOG_SECRET ?? loadOrCreateSecret(config.DATA_DIR, LOG_SECRET_FILE));
  if (config.STORE === 'redis' && !config.LOG_SECRET) {
    log.warn(
      { cat: 'boot', logKey: logKey.id },
      'LOG_SECRET is unset: every node sharing this Redis must hold the same log key (set LOG_SECRET like JWT_SECRET)',
    );
  }
  // Before serving: a store written before the log was keyed is sealed once, if it verifies.
  await sealLegacyLogs(stores, logKey, log);
  // seedDemo never touches a store that has users, so DEMO_SEED can stay on for a first `npm start`.
  const seeded = config.DEMO_SEED ? await seedDemo(stores) : false;
  const demoAccounts = await demoAccountsIn(stores);

  const workspace = createApp({
    config,
    stores,
    log,
    tokenSecret,
    logKey,
    clientDir: fileURLToPath(new URL('../client', import.meta.url)),
    bus,
    ...(throttle ? { throttle } : {}),
    socketAdapter: redis ? await createRedisSocketAdapter(redis, config.REDIS_PREFIX) : undefined,
  });
  const { url } = await workspace.listen(config.PORT, config.HOST);
  const metricsUrl = config.METRICS_PORT === undefined ? null : (await workspace.listenMetrics(config.METRICS_PORT)).url;
  log.info({ cat: 'boot', url, store: config.STORE, seeded, metricsUrl, logKey: logKey.id }, 'listening');
  // The full check of every case runs behind the listening node; /readyz reports what it found.
  void workspace.integrity.scanAll().catch((error: unknown) => log.error({ cat: 'integrity', err: error }, 'integrity scan failed'));
  printBanner(url, demoAccounts);
  if (config.NODE_ENV === 'production' && demoAccounts.length > 0) warnDemoAccountsInProduction(log, demoAccounts);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ cat: 'boot', signal }, 'shutting down');
    setTimeout(() => {
      log.error({ cat: 'boot' }, 'shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    await workspace.close();
    await stores.close();
    log.info({ cat: 'boot' }, 'stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

function readConfig() {
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

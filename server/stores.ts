import type { Logger } from 'pino';
import { exhaustive } from '../shared/exhaustive.ts';
import type { LoginThrottle } from './auth/loginThrottle.ts';
import type { DocumentBus } from './collab/DocumentBus.ts';
import type { Config } from './config.ts';
import { createMemoryStores } from './store/memory/index.ts';
import type { Stores } from './store/ports.ts';
import { createRedisStores, type RedisStores } from './store/redis/index.ts';
import { createSqliteStores } from './store/sqlite/index.ts';

/** The stores, and in the distributed mode what links this node to the others. */
export interface BuiltStores {
  stores: Stores;
  /** Present with STORE=redis. */
  redis: RedisStores | null;
  bus: DocumentBus | null;
  /** The shared login slow-down of the distributed mode; null keeps it in this process. */
  throttle: LoginThrottle | null;
}

/** Builds the store adapters the configuration names; with Redis, resolves once Redis answers. */
export async function buildStores(
  config: Pick<Config, 'STORE' | 'DATA_DIR' | 'SQLITE_SYNCHRONOUS' | 'REDIS_URL' | 'REDIS_PREFIX'>,
  log: Logger,
): Promise<BuiltStores> {
  switch (config.STORE) {
    case 'sqlite':
      return { stores: createSqliteStores(config.DATA_DIR, { synchronous: config.SQLITE_SYNCHRONOUS }), redis: null, bus: null, throttle: null };
    case 'memory':
      return { stores: createMemoryStores(), redis: null, bus: null, throttle: null };
    case 'redis': {
      const redis = await createRedisStores({ url: config.REDIS_URL!, prefix: config.REDIS_PREFIX, log: log.child({ cat: 'redis' }) });
      return { stores: redis, redis, bus: redis.bus, throttle: redis.throttle };
    }
    default:
      return exhaustive(config.STORE);
  }
}

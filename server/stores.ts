import type { Config } from './config.ts';
import { createMemoryStores } from './store/memory/index.ts';
import type { Stores } from './store/ports.ts';
import { createSqliteStores } from './store/sqlite/index.ts';

/** Builds the store adapters the configuration names. */
export function buildStores(config: Pick<Config, 'STORE' | 'DATA_DIR' | 'SQLITE_SYNCHRONOUS'>): Stores {
  switch (config.STORE) {
    case 'sqlite':
      return createSqliteStores(config.DATA_DIR, { synchronous: config.SQLITE_SYNCHRONOUS });
    case 'memory':
      return createMemoryStores();
  }
}

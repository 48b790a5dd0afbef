import { Redis, type RedisOptions } from 'ioredis';

/** How long a command may wait for an answer before it fails (and the request answers 503). */
const COMMAND_TIMEOUT_MS = 5_000;

/**
 * A Redis client as the distributed mode uses it: it reconnects by itself
 * forever (backing off to 2 s), but while Redis is unreachable commands fail
 * at once instead of queueing, so that a request answers 503 rather than hang
 * and a collaboration write is never acknowledged before Redis has it.
 */
export function createRedisClient(url: string, name: string, options: RedisOptions = {}): Redis {
  const client = new Redis(url, {
    connectionName: name,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: COMMAND_TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2_000),
    ...options,
  });
  // Errors surface on the commands that fail; a connection error event must not crash the node.
  client.on('error', () => {});
  return client;
}

/** Connects a lazily created client; fails with a clear message when Redis does not answer. */
export async function connectRedis(client: Redis, url: string): Promise<void> {
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw new Error(`Redis at ${redactUrl(url)} is not reachable: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the configured REDIS_URL';
  }
}

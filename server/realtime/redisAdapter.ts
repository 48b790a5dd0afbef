import { createAdapter } from '@socket.io/redis-adapter';
import type { RedisStores } from '../store/redis/index.ts';

/**
 * socket.io's Redis adapter on two connections of its own, so that pushes and
 * presence reach sockets on every node. The adapter publishes without
 * awaiting, so these connections queue while Redis is away instead of failing.
 */
export async function createRedisSocketAdapter(redis: RedisStores, prefix: string): Promise<ReturnType<typeof createAdapter>> {
  const [pub, sub] = await Promise.all([redis.connect('io-pub', { queueWhileOffline: true }), redis.connect('io-sub', { queueWhileOffline: true })]);
  return createAdapter(pub, sub, { key: `${prefix}socket.io` });
}

import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { connectRedis, createRedisClient } from '../../server/store/redis/connection.ts';
import { createRedisStores } from '../../server/store/redis/index.ts';
import { RedisLoginThrottle } from '../../server/store/redis/RedisLoginThrottle.ts';
import { storeContract, type MakeStores } from '../contract/index.ts';
import { loginThrottleContract } from '../contract/loginThrottleContract.ts';
import { redisRawWorkflow } from '../helpers/rawWorkflow.ts';
import { RedisServer } from '../helpers/redisServer.ts';

let server: RedisServer;
beforeAll(async () => {
  server = await RedisServer.start();
});
afterAll(async () => {
  await server?.remove();
});

/**
 * Every port's contract on the Redis adapters, against one real redis-server
 * for the whole file: each test gets its own connections and key prefix, so
 * tests share the server but no data.
 */
const makeRedisStores: MakeStores = async () => {
  const prefix = `t${randomUUID()}:`;
  const stores = await createRedisStores({ url: server.url, prefix, log: pino({ level: 'silent' }) });
  // The attacker's (and the old version's) own connection, past the adapter.
  const raw = createRedisClient(server.url, 'raw-test');
  await connectRedis(raw, server.url);
  return {
    stores,
    raw: redisRawWorkflow(raw, prefix),
    async cleanup() {
      await stores.close();
      await raw.quit();
    },
  };
};

storeContract('redis', makeRedisStores);

loginThrottleContract('redis', async (now) => {
  const client = createRedisClient(server.url, 'throttle-test');
  await connectRedis(client, server.url);
  return { throttle: new RedisLoginThrottle(client, `t${randomUUID()}:`, now), cleanup: async () => void (await client.quit()) };
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis, createRedisClient } from '../../server/store/redis/connection.ts';
import { RedisDocStore } from '../../server/store/redis/RedisDocStore.ts';
import { DocumentHeldError } from '../../server/store/ports.ts';
import { RedisServer } from '../helpers/redisServer.ts';

let server: RedisServer;
beforeAll(async () => {
  server = await RedisServer.start();
});
afterAll(async () => {
  await server?.remove();
});

/** Two nodes' document stores on one real redis-server, each with its own connection. */
async function twoNodes() {
  const prefix = `t${randomUUID()}:`;
  const clients = [createRedisClient(server.url, 'node-a'), createRedisClient(server.url, 'node-b')];
  for (const client of clients) await connectRedis(client, server.url);
  const [a, b] = clients.map((client, i) => new RedisDocStore(client, prefix, `node-${i}`)) as [RedisDocStore, RedisDocStore];
  return { a, b, close: () => Promise.all(clients.map((client) => client.quit())) };
}

const update = (n: number) => new Uint8Array([n, n + 1]);

describe('Redis document hold and rules epoch (a workflow command on one node, appends from another)', () => {
  it('while one node holds the writes, every append is refused and stores nothing', async () => {
    const { a, b, close } = await twoNodes();
    try {
      await b.append('d', [update(1)]);
      const release = await a.holdAppends('d');
      await expect(b.append('d', [update(2)])).rejects.toBeInstanceOf(DocumentHeldError);
      await expect(b.append('d', [update(3)], { rulesEpoch: await b.rulesEpoch('d') })).rejects.toBeInstanceOf(DocumentHeldError);
      await release();
      expect((await b.load('d')).updates).toEqual([update(1)]);
      expect(await b.append('d', [update(4)])).toEqual({ seq: 2, pendingCount: 2 });
    } finally {
      await close();
    }
  });

  it('an append checked against the rules before a hold is refused after it; checked against the new rules it is stored', async () => {
    const { a, b, close } = await twoNodes();
    try {
      const before = await b.rulesEpoch('d');
      await (
        await a.holdAppends('d')
      )();
      const after = await b.rulesEpoch('d');
      expect(after).toBeGreaterThan(before);
      await expect(b.append('d', [update(1)], { rulesEpoch: before })).rejects.toBeInstanceOf(DocumentHeldError);
      expect((await b.append('d', [update(2)], { rulesEpoch: after })).seq).toBe(1);
      expect((await a.load('d')).updates).toEqual([update(2)]);
    } finally {
      await close();
    }
  });
});

import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { LoginThrottle } from '../../auth/loginThrottle.ts';
import type { DocumentBus } from '../../collab/DocumentBus.ts';
import type { Stores } from '../ports.ts';
import { connectRedis, createRedisClient } from './connection.ts';
import { RedisAuditStore } from './RedisAuditStore.ts';
import { RedisCommentStore } from './RedisCommentStore.ts';
import { RedisDocStore } from './RedisDocStore.ts';
import { RedisDocumentBus } from './RedisDocumentBus.ts';
import { RedisEmployerSummaryStore } from './RedisEmployerSummaryStore.ts';
import { RedisLoginThrottle } from './RedisLoginThrottle.ts';
import { RedisNotificationStore } from './RedisNotificationStore.ts';
import { RedisRecordStore } from './RedisRecordStore.ts';
import { RedisSecondFactorStore } from './RedisSecondFactorStore.ts';
import { RedisSessionStore } from './RedisSessionStore.ts';
import { RedisVersionStore } from './RedisVersionStore.ts';
import { RedisWorkflowStore } from './RedisWorkflowStore.ts';
import { RedisTemplateStore } from './RedisTemplateStore.ts';

export interface RedisStoreOptions {
  url: string;
  /** Prefix of every key, so that several workspaces (or tests) can share one Redis. */
  prefix?: string;
  /** This node's id among the nodes sharing the Redis; random when not given. */
  nodeId?: string;
  log: Logger;
}

/** The stores of the distributed mode, and what the other nodes need to be reached. */
export interface RedisStores extends Stores {
  /** Passes live documents between the nodes. */
  bus: DocumentBus;
  /** The login slow-down, shared by every node. */
  throttle: LoginThrottle;
  /**
   * Opens a further connection to the same Redis (socket.io's adapter needs its
   * own two); `queueWhileOffline` for clients whose callers do not await them.
   */
  connect(name: string, options?: { queueWhileOffline?: boolean }): Promise<Redis>;
}

export const DEFAULT_REDIS_PREFIX = 'cw:';

/** Every store port on one Redis (docs/architecture.md, "Scale-out"). Resolves once Redis answers. */
export async function createRedisStores({ url, prefix = DEFAULT_REDIS_PREFIX, nodeId = randomUUID(), log }: RedisStoreOptions): Promise<RedisStores> {
  const opened: Redis[] = [];
  const connect = async (name: string, { queueWhileOffline = false } = {}) => {
    const queueing = { enableOfflineQueue: true, maxRetriesPerRequest: null, commandTimeout: undefined };
    const client = createRedisClient(url, `cw-${name}-${nodeId.slice(0, 8)}`, queueWhileOffline ? queueing : {});
    opened.push(client);
    await connectRedis(client, url);
    return client;
  };
  try {
    const [redis, subscriber] = await Promise.all([connect('store'), connect('bus')]);
    const docs = new RedisDocStore(redis, prefix, nodeId);
    const bus = new RedisDocumentBus(redis, subscriber, docs, prefix, nodeId, log);
    return {
      docs,
      records: new RedisRecordStore(redis, prefix),
      workflow: new RedisWorkflowStore(redis, prefix),
      comments: new RedisCommentStore(redis, prefix),
      audit: new RedisAuditStore(redis, prefix),
      versions: new RedisVersionStore(redis, prefix),
      employerSummaries: new RedisEmployerSummaryStore(redis, prefix),
      notifications: new RedisNotificationStore(redis, prefix),
      secondFactors: new RedisSecondFactorStore(redis, prefix),
      sessions: new RedisSessionStore(redis, prefix),
      templates: new RedisTemplateStore(redis, prefix),
      bus,
      throttle: new RedisLoginThrottle(redis, prefix),
      connect,
      async close() {
        await bus.close();
        await Promise.all(opened.map((client) => client.quit().catch(() => client.disconnect())));
      },
    };
  } catch (error) {
    for (const client of opened) client.disconnect();
    throw error;
  }
}

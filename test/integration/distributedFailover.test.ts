import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { formatDocName } from '../../shared/docNames.ts';
import { startLoadBalancer, type LoadBalancer } from '../../server/cluster/loadBalancer.ts';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { createRedisStores } from '../../server/store/redis/index.ts';
import { connectDoc, sectionText, typeInto, type CollabClient } from '../helpers/collabClient.ts';
import { RedisServer } from '../helpers/redisServer.ts';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.ts';
import { loginToken, TEST_SECRET } from '../helpers/testServer.ts';
import { makeTempDir } from '../helpers/tmp.ts';
import { sleep, waitFor } from '../helpers/waitFor.ts';

const occupational = formatDocName({ caseId: DEMO_CASE_ID, part: 'occupational' });
/** The nodes' /metrics answers only with this bearer token. */
const METRICS_TOKEN = 'metrics-token-that-is-long-enough-0123456789';

/**
 * The topology of `npm run cluster` with real processes: redis-server, two
 * workspace nodes (`node dist/server/main.js`, STORE=redis) and the load
 * balancer in front. A node is killed with SIGKILL while the BA types.
 */
describe('a node killed during editing (STORE=redis, two nodes behind the load balancer)', () => {
  let redis: RedisServer | null = null;
  let nodes: ServerProcess[] = [];
  let balancer: LoadBalancer | null = null;
  const clients: CollabClient[] = [];
  const tmp = makeTempDir('cw-failover-');

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await balancer?.close();
    for (const node of nodes.splice(0)) if (node.child.exitCode === null && node.child.signalCode === null) await node.kill('SIGTERM');
    await redis?.remove();
    tmp.remove();
  });

  /** Open collaboration connections a node reports on /metrics. */
  async function connectionsOn(node: ServerProcess): Promise<number> {
    const metrics = await (await fetch(`${node.url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    return Number(/^collab_connections (\d+)/m.exec(metrics)?.[1] ?? 0);
  }

  it('the BA on the killed node reconnects through the other node, and every update relayed before the kill is there', async () => {
    redis = await RedisServer.start();
    const env = { STORE: 'redis', REDIS_URL: redis.url, JWT_SECRET: TEST_SECRET, DATA_DIR: tmp.dir, LOG_LEVEL: 'warn', METRICS_TOKEN };
    // The first node seeds the empty Redis; the second finds it seeded.
    nodes = [await startServerProcess({ ...env, LOG_LEVEL: 'info' }), await startServerProcess({ ...env, LOG_LEVEL: 'info' })];
    balancer = await startLoadBalancer({ port: 0, backends: nodes.map((node) => node.url), healthIntervalMs: 200, healthTimeoutMs: 150 });
    const front = `http://127.0.0.1:${balancer.port}`;

    // The BA comes in through the load balancer; the VA reads the BA's column on the other node.
    const ba = connectDoc(`${front.replace('http', 'ws')}/collab`, occupational, await loginToken(front, 'ba.demo'));
    clients.push(ba);
    await ba.synced();
    const counts = await Promise.all(nodes.map(connectionsOn));
    const doomed = nodes[counts.indexOf(1)]!;
    const survivor = nodes.find((node) => node !== doomed)!;
    expect(counts.sort()).toEqual([0, 1]);
    const va = connectDoc(`${survivor.url.replace('http', 'ws')}/collab`, occupational, await loginToken(survivor.url, 'va.demo'));
    clients.push(va);
    await va.synced();

    // The BA types steadily; the node under the BA dies halfway without a chance to clean up.
    const typed: string[] = [];
    let seenAtKill = '';
    for (let i = 0; i < 60; i++) {
      const word = `w${i} `;
      typeInto(ba.doc, 'd240', word);
      typed.push(word);
      if (i === 30) {
        await waitFor(() => sectionText(va.doc, 'd240').length > 0, { what: 'some relayed text before the kill' });
        seenAtKill = sectionText(va.doc, 'd240');
        expect(await doomed.kill('SIGKILL')).toBe('SIGKILL');
      }
      await sleep(10);
    }

    // The BA's provider reconnects — through the balancer, to the surviving node — and sends what was not stored.
    const everything = typed.join('');
    await waitFor(() => sectionText(va.doc, 'd240') === everything, { what: "all the BA's words at the VA", timeoutMs: 20_000 });
    expect(sectionText(ba.doc, 'd240')).toBe(everything);
    expect(everything.startsWith(seenAtKill)).toBe(true);
    expect(seenAtKill.length).toBeGreaterThan(0);
    expect(await connectionsOn(survivor)).toBe(2);

    // And Redis holds it: what a fresh reader loads is everything.
    const reader = await createRedisStores({ url: redis.url, log: pino({ level: 'silent' }) });
    try {
      const stored = await reader.docs.load(occupational);
      const doc = new Y.Doc();
      for (const part of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) Y.applyUpdate(doc, part);
      expect(sectionText(doc, 'd240')).toBe(everything);
    } finally {
      await reader.close();
    }
  });
});

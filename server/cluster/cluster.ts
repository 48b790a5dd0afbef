import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { LOG_SECRET_FILE, loadOrCreateSecret } from '../secret.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../seed.ts';
import { ClusterPart, describeEnding } from './ClusterPart.ts';
import { startLoadBalancer, type LoadBalancer } from './loadBalancer.ts';
import { nodeReady, redisReady, waitUntilReady } from './readiness.ts';
import { redisServerArgs } from './redisServer.ts';

/**
 * `npm run cluster`: the distributed topology on one machine, all on
 * loopback — redis-server (AOF, fsync on every write, data in DATA_DIR/redis),
 * app nodes on PORT+1, PORT+2, … with STORE=redis, one shared token
 * secret and one shared log key, and the load balancer on PORT in this process.
 */
const ClusterConfigSchema = z.object({
  /** The load balancer's port; the nodes take the ports just above it. */
  PORT: z.coerce.number().int().min(1).max(65_000).default(3000),
  /** Where the load balancer listens; loopback unless told otherwise. */
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  CLUSTER_NODES: z.coerce.number().int().min(1).max(16).default(2),
  REDIS_PORT: z.coerce.number().int().min(1).max(65535).default(6380),
  /** An existing Redis to use instead of starting one. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  DEMO_SEED: z.string().default('true'),
  TRUST_PROXY: z.coerce.number().int().min(0).max(9).default(0),
});
type ClusterConfig = z.infer<typeof ClusterConfigSchema>;

const NODE_SCRIPT = fileURLToPath(new URL('../main.js', import.meta.url));
const REDIS_BINARY = process.env.REDIS_SERVER_BIN || 'redis-server';
const REDIS_START_MS = 15_000;
const NODE_START_MS = 60_000;
/** Longer than a node's own shutdown limit (10 s), so it can flush before being killed. */
const NODE_GRACE_MS = 15_000;
const REDIS_GRACE_MS = 10_000;

let redis: ClusterPart | null = null;
const nodes: ClusterPart[] = [];
let balancer: LoadBalancer | null = null;
let stopping = false;

async function main(): Promise<void> {
  const config = readConfig();
  process.on('exit', () => [redis, ...nodes].forEach((part) => part?.kill()));
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));

  const redisUrl = config.REDIS_URL ?? (await startRedis(config));
  // Every node checks what the others signed and sealed: one token secret, one log key.
  const secrets = {
    JWT_SECRET: config.JWT_SECRET ?? loadOrCreateSecret(config.DATA_DIR),
    LOG_SECRET: config.LOG_SECRET ?? loadOrCreateSecret(config.DATA_DIR, LOG_SECRET_FILE),
  };
  for (let index = 0; index < config.CLUSTER_NODES; index++) {
    // One after the other: only the first seeds an empty store, and it has done so once it is ready.
    await startNode(config, index, secrets, redisUrl);
  }
  balancer = await startLoadBalancer({
    port: config.PORT,
    host: config.HOST,
    backends: nodes.map((_, index) => nodeUrl(config, index)),
    onBackendChange: (backend, live) => say(`load balancer: ${backend} is ${live ? 'up' : 'down; its clients move to the other nodes'}`),
  });
  printBanner(config, redisUrl);
}

async function startRedis(config: ClusterConfig): Promise<string> {
  const dir = resolve(config.DATA_DIR, 'redis');
  mkdirSync(dir, { recursive: true });
  redis = watch(new ClusterPart('redis', REDIS_BINARY, redisServerArgs(config.REDIS_PORT, dir), process.env));
  await waitUntilReady(redis, () => redisReady(config.REDIS_PORT), REDIS_START_MS);
  return `redis://127.0.0.1:${config.REDIS_PORT}`;
}

async function startNode(config: ClusterConfig, index: number, secrets: { JWT_SECRET: string; LOG_SECRET: string }, redisUrl: string): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(config.PORT + 1 + index),
    HOST: '127.0.0.1',
    DATA_DIR: config.DATA_DIR,
    STORE: 'redis',
    REDIS_URL: redisUrl,
    ...secrets,
    DEMO_SEED: index === 0 ? config.DEMO_SEED : 'false',
    // The load balancer is one more hop whose X-Forwarded-For the node trusts.
    TRUST_PROXY: String(config.TRUST_PROXY + 1),
  };
  const node = watch(new ClusterPart(`node${index + 1}`, process.execPath, [NODE_SCRIPT], env));
  nodes.push(node);
  await waitUntilReady(node, () => nodeReady(nodeUrl(config, index)), NODE_START_MS);
}

/** A part that dies outside a shutdown is reported; Redis, or the last node, takes the cluster down with it. */
function watch(part: ClusterPart): ClusterPart {
  void part.ended.then((ending) => {
    if (stopping) return;
    if (part !== redis && nodes.some((node) => node.running) && balancer) {
      say(`${part.name} (pid ${part.pid}) ${describeEnding(ending)}; the other nodes go on serving`);
      return;
    }
    say(`${part.name} ${describeEnding(ending)}; stopping the cluster`);
    void shutdown(1);
  });
  return part;
}

function onSignal(signal: NodeJS.Signals): void {
  if (!stopping) {
    say(`${signal}: stopping the load balancer, then the nodes, then Redis (again to kill them at once)`);
    void shutdown(0);
    return;
  }
  [redis, ...nodes].forEach((part) => part?.kill());
  process.exit(130);
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await balancer?.close();
  const endings = await Promise.all(nodes.map((node) => node.stop(NODE_GRACE_MS)));
  // Redis goes last: the nodes write what they have queued on their way out.
  await redis?.stop(REDIS_GRACE_MS);
  const unclean = endings.some((ending) => ending.code !== 0 && ending.code !== null);
  process.exit(code || (unclean ? 1 : 0));
}

function readConfig(): ClusterConfig {
  const present = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== undefined && value !== ''));
  const result = ClusterConfigSchema.safeParse(present);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  - ${issue.path.join('.')}: ${issue.message}`);
  process.stderr.write(`Invalid cluster configuration:\n${problems.join('\n')}\n`);
  process.exit(2);
}

function nodeUrl(config: ClusterConfig, index: number): string {
  return `http://127.0.0.1:${config.PORT + 1 + index}`;
}

function say(message: string): void {
  process.stderr.write(`[cluster] ${message}\n`);
}

function printBanner(config: ClusterConfig, redisUrl: string): void {
  const host = ['0.0.0.0', '::', '127.0.0.1'].includes(config.HOST) ? 'localhost' : config.HOST;
  const lines = [`\n  Consultatiewerkplek / consultation workspace (cluster): http://${host}:${config.PORT}\n`];
  lines.push(`    load balancer  ${config.HOST}:${config.PORT} (pid ${process.pid})`);
  nodes.forEach((node, index) => lines.push(`    ${node.name.padEnd(14)} ${nodeUrl(config, index)} (pid ${node.pid})`));
  if (redis) lines.push(`    redis          ${redisUrl} (pid ${redis.pid}), data in ${join(config.DATA_DIR, 'redis')}`);
  else lines.push(`    redis          ${redisUrl} (not started here)`);
  if (!['false', '0', 'no'].includes(config.DEMO_SEED)) {
    lines.push('', `  Demo logins (password "${DEMO_PASSWORD}"):`);
    for (const user of DEMO_USERS) lines.push(`    ${user.username.padEnd(15)} ${user.role}`);
  }
  lines.push('', '  Ctrl+C stops the cluster.', '');
  process.stderr.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  // A part that died has been reported already.
  if (!stopping) say(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
  void shutdown(1);
});

import { createLogger } from '../logger.ts';
import { startLoadBalancer } from './loadBalancer.ts';

/**
 * The load balancer as its own process:
 *
 *   BACKENDS=http://127.0.0.1:3001,http://127.0.0.1:3002 PORT=3000 node dist/server/cluster/loadBalancerMain.js
 *
 * (backends may also be given as arguments). HOST defaults to loopback; a
 * container sets HOST=0.0.0.0.
 */
async function main(): Promise<void> {
  const log = createLogger(process.env.LOG_LEVEL || 'info').child({ cat: 'lb' });
  const args = process.argv.slice(2);
  const backends = (args.length > 0 ? args : (process.env.BACKENDS ?? '').split(',')).map((backend) => backend.trim()).filter(Boolean);
  const port = Number(process.env.PORT || 3000);
  if (backends.length === 0 || !Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write('usage: PORT=3000 [HOST=127.0.0.1] BACKENDS=http://host:port,... node dist/server/cluster/loadBalancerMain.js\n');
    process.exit(2);
  }

  const balancer = await startLoadBalancer({
    port,
    host: process.env.HOST || '127.0.0.1',
    backends,
    onBackendChange: (backend, live) => (live ? log.info({ backend }, 'backend up') : log.warn({ backend }, 'backend down')),
  });
  log.info({ port: balancer.port, backends }, 'load balancer listening');

  const stop = (signal: string) => {
    log.info({ signal }, 'shutting down');
    void balancer.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Load balancer failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

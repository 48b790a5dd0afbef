import { spawn, type ChildProcess } from 'node:child_process';
import { canConnect, freePort, redisServerArgs } from '../../server/cluster/redisServer.ts';
import { makeTempDir } from './tmp.ts';
import { waitFor } from './waitFor.ts';

/** Debian's redis-server (`.ci/run` installs it where missing). */
const REDIS_BINARY = process.env.REDIS_SERVER_BIN ?? 'redis-server';

/**
 * A real `redis-server` for one test file: loopback only, a free port, its
 * own temporary directory with AOF on (fsync on every write, as the
 * distributed mode is run), stopped and removed by `stop()`.
 */
export class RedisServer {
  private process: ChildProcess | null = null;
  private readonly tmp = makeTempDir('cw-redis-');

  private constructor(readonly port: number) {}

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await freePort());
    await server.start();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.process !== null;
  }

  /** Starts the server (again) on the same port and directory: after a restart it replays its AOF. */
  async start(): Promise<void> {
    if (this.process) return;
    const child = spawn(REDIS_BINARY, [...redisServerArgs(this.port, this.tmp.dir), '--loglevel', 'warning'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let exited: number | null = null;
    child.once('exit', (code) => {
      exited = code ?? -1;
      if (this.process === child) this.process = null;
    });
    this.process = child;
    await waitFor(
      async () => {
        if (exited !== null) throw new Error(`redis-server exited with ${exited}: ${stderr}`);
        return canConnect(this.port);
      },
      { timeoutMs: 10_000, what: 'redis-server to accept connections' },
    );
  }

  /** Stops the server as an operator would (SIGTERM: it finishes its AOF and exits). */
  async stop(): Promise<void> {
    const child = this.process;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
    this.process = null;
  }

  /** Stops the server and removes its files. */
  async remove(): Promise<void> {
    await this.stop();
    this.tmp.remove();
  }
}

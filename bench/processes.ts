import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { canConnect, freePort, redisServerArgs } from '../server/cluster/redisServer.ts';

/**
 * Every child process of a benchmark run: servers under test, load
 * generators, redis-server. All of them are killed when the run ends, however
 * it ends.
 */
const children = new Set<ChildProcess>();

export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export function killAll(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

export const benchFile = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

export type TargetKind = 'ours' | 'reference' | 'hocuspocus';

const ENTRY: Record<TargetKind, string> = {
  ours: benchFile('./targets/ourServer.js'),
  reference: benchFile('./targets/yWebsocketServer.js'),
  hocuspocus: benchFile('./targets/hocuspocusServer.js'),
};

export interface MemorySample {
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  rss: number;
}

/**
 * The Node options our server runs with, as `npm start` and the Dockerfile
 * start it (a test keeps the three alike). A young generation of 64 MB
 * instead of 16 MB: the relay makes many short-lived objects per update,
 * and with the larger space fewer of them survive into the old generation
 * (BENCHMARKS.md: p99 about 0.55×, CPU about 0.96× in the A/B).
 */
export const OUR_SERVER_NODE_FLAGS = ['--max-semi-space-size=64'];

/**
 * Extra Node options for a diagnostic run, e.g. BENCH_OURS_NODE_ARGS or
 * BENCH_REFERENCE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
 */
export function diagnosticNodeArgs(kind: TargetKind): string[] {
  return (process.env[`BENCH_${kind.toUpperCase()}_NODE_ARGS`] ?? '').split(' ').filter(Boolean);
}

/** A server under test, in its own process (forked with --expose-gc and the memory probe). */
export class TargetProcess {
  readonly output: string[] = [];
  private nextMemory = 1;

  private constructor(
    readonly kind: TargetKind,
    readonly port: number,
    readonly child: ChildProcess,
  ) {}

  static async start(kind: TargetKind, env: Record<string, string>, port?: number): Promise<TargetProcess> {
    const chosen = port ?? (await freePort());
    const child = track(
      fork(ENTRY[kind], [], {
        execArgv: ['--expose-gc', ...(kind === 'ours' ? OUR_SERVER_NODE_FLAGS : []), ...diagnosticNodeArgs(kind)],
        env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(chosen), NODE_ENV: 'production', ...env },
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      }),
    );
    const target = new TargetProcess(kind, chosen, child);
    const keep = (chunk: Buffer) => target.output.push(...chunk.toString().split('\n').filter(Boolean));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const started = Date.now();
    while (!(await canConnect(chosen))) {
      if (child.exitCode !== null) throw new Error(`${kind} exited (${child.exitCode}) before listening:\n${target.output.join('\n')}`);
      if (Date.now() - started > 20_000) throw new Error(`${kind} did not listen within 20 s:\n${target.output.join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return target;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** CPU seconds (user + system) the process has used so far. */
  cpuSeconds(): number {
    const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat (utime, stime), counted after the command name; clock ticks of 1/100 s.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  }

  /** Heap and resident memory after two full garbage collections. */
  memory(): Promise<MemorySample> {
    const id = this.nextMemory++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.kind}: no memory answer`)), 30_000);
      const listener = (message: { type?: string; id?: number } & MemorySample) => {
        if (message.type !== 'memory' || message.id !== id) return;
        clearTimeout(timer);
        this.child.off('message', listener);
        resolve({ heapUsed: message.heapUsed, external: message.external, arrayBuffers: message.arrayBuffers, rss: message.rss });
      };
      this.child.on('message', listener);
      this.child.send({ type: 'memory', id });
    });
  }

  /** Stops the process with `signal` and waits for it to exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
  }
}

/** Runs a load generator scenario in its own process; `onMark` answers its phase marks. */
export function runLoadgen<T>(scenario: unknown, onMark: (name: string) => Promise<unknown>, timeoutMs: number): Promise<T> {
  const child = track(
    fork(benchFile('./loadgen.js'), [], {
      execArgv: ['--max-semi-space-size=32'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const timer = setTimeout(() => {
      done = true;
      child.kill('SIGKILL');
      reject(new Error(`load generator exceeded ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.on('message', (message: { id: number; type: string; name?: string; result?: unknown }) => {
      if (message.type === 'result') {
        done = true;
        clearTimeout(timer);
        resolve(message.result as T);
        return;
      }
      onMark(message.name!).then(
        (answer) => child.connected && child.send({ type: 'answer', id: message.id, answer: answer ?? null }),
        (error: unknown) => {
          done = true;
          clearTimeout(timer);
          child.kill('SIGKILL');
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!done) reject(new Error(`load generator exited with ${code}`));
    });
    child.send({ type: 'start', scenario });
  });
}

/** A redis-server on a free loopback port in `dir`, configured as the distributed mode runs it (AOF, fsync always). */
export async function startRedis(dir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child = track(
    spawn(process.env.REDIS_SERVER_BIN ?? 'redis-server', [...redisServerArgs(port, dir), '--loglevel', 'warning'], { stdio: ['ignore', 'ignore', 'pipe'] }),
  );
  const started = Date.now();
  while (!(await canConnect(port))) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
    if (Date.now() - started > 10_000) throw new Error('redis-server did not start within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

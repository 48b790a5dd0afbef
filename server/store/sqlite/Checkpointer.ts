import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { CheckpointData, CheckpointReply, CheckpointRequest } from './checkpointWorker.ts';
import type { SqliteOptions } from './sqlitePragmas.ts';

/** How often, at most, the WAL is copied into the database file while writes go on. */
export const CHECKPOINT_INTERVAL_MS = 1_000;

/**
 * Keeps the write-ahead log short, in a thread of its own. The connections
 * of the event loop never checkpoint (`wal_autocheckpoint = 0`): a checkpoint
 * copies pages and fsyncs the database file, which would stall every relay
 * behind it. Instead, after writes, at most every CHECKPOINT_INTERVAL_MS, this
 * thread runs a passive checkpoint on its own connection; the next write after
 * a complete one starts the WAL again from its beginning.
 */
export class Checkpointer {
  private readonly worker: Worker;
  private inFlight: Promise<void> | null = null;
  /** The first checkpoint comes an interval after the start, as every later one. */
  private lastAt = Date.now();
  private nextId = 1;
  private readonly replies = new Map<number, () => void>();
  private stopped = false;

  constructor(
    file: string,
    options: SqliteOptions,
    private readonly intervalMs = CHECKPOINT_INTERVAL_MS,
    private readonly onError: (error: Error) => void = () => undefined,
  ) {
    const workerData: CheckpointData = { file, options };
    this.worker = new Worker(checkpointWorkerModule(), { workerData });
    this.worker.unref();
    this.worker.on('message', (reply: CheckpointReply) => {
      if (reply.error) this.onError(new Error(reply.error));
      this.replies.get(reply.id)?.();
      this.replies.delete(reply.id);
    });
    this.worker.on('error', (error) => this.onError(error));
    this.worker.on('exit', () => {
      this.stopped = true;
      for (const done of this.replies.values()) done();
      this.replies.clear();
    });
  }

  /** Something was written: checkpoint, unless one ran within the interval or is running. */
  written(): void {
    if (this.stopped || this.inFlight || Date.now() - this.lastAt < this.intervalMs) return;
    this.lastAt = Date.now();
    this.inFlight = this.checkpoint().finally(() => {
      this.inFlight = null;
    });
  }

  /** Waits for a checkpoint in flight, then ends the thread (its connection closes). */
  async close(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.inFlight;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.ref();
    this.post({ id: 0 });
    await exited;
  }

  private checkpoint(): Promise<void> {
    const id = this.nextId++;
    return new Promise<void>((resolve) => {
      this.replies.set(id, resolve);
      this.post({ id });
    });
  }

  private post(request: CheckpointRequest): void {
    this.worker.postMessage(request);
  }
}

/**
 * The checkpoint thread's module. Built (dist/), it lies next to this one. When
 * the TypeScript sources run directly (vitest), Node 20 cannot start a worker
 * on a .ts file (https://nodejs.org/docs/latest-v20.x/api/worker_threads.html#new-workerfilename-options):
 * the thread is the one `npm run build:server` emitted (`npm test` builds first).
 */
function checkpointWorkerModule(): URL {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new URL('./checkpointWorker.js', here);
  const built = new URL('../../../dist/server/store/sqlite/checkpointWorker.js', here);
  if (!existsSync(built)) throw new Error(`the SQLite checkpoint thread is not built: run npm run build:server (${built.pathname} is missing)`);
  return built;
}

import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { SqliteOptions } from './sqlitePragmas.ts';
import { SqliteWriter } from './SqliteWriter.ts';
import type { Outcome, WriteOp } from './writeRunner.ts';
import type { WriterData, WriterReply, WriterRequest } from './writerWorker.ts';

/**
 * Writes on a connection of its own in a worker thread, so that the commit
 * and its fsync never stop this thread from relaying what is already durable;
 * WAL lets the reads here go on meanwhile.
 */
export class ThreadWriter extends SqliteWriter {
  private readonly worker: Worker;
  private readonly replies = new Map<number, { resolve(outcomes: Outcome[]): void; reject(error: Error): void }>();
  private nextId = 1;
  private failure: Error | null = null;

  constructor(file: string, options: SqliteOptions) {
    super();
    const workerData: WriterData = { file, options: { synchronous: options.synchronous } };
    this.worker = new Worker(writerWorkerModule(), { workerData });
    this.worker.unref();
    this.worker.on('message', (reply: WriterReply) => {
      const waiting = this.replies.get(reply.id);
      this.replies.delete(reply.id);
      if (this.replies.size === 0) this.worker.unref();
      if (reply.outcomes) waiting?.resolve(reply.outcomes);
      else waiting?.reject(new Error(reply.error ?? 'write failed'));
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`the SQLite writer thread exited (${code})`)));
  }

  protected run(ops: WriteOp[]): Promise<Outcome[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    // Referenced while a batch is out, so that the process waits for its commit.
    this.worker.ref();
    return new Promise((resolve, reject) => {
      this.replies.set(id, { resolve, reject });
      this.post({ id, ops });
    });
  }

  protected async stop(): Promise<void> {
    if (this.failure) return;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.ref();
    this.post({ id: 0 });
    await exited;
  }

  private post(request: WriterRequest): void {
    this.worker.postMessage(request);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.replies.values()) waiting.reject(error);
    this.replies.clear();
  }
}

/**
 * The writer thread's module. Built (dist/), it lies next to this one. When
 * the TypeScript sources run directly (vitest), Node 20 cannot start a worker
 * on a .ts file (https://nodejs.org/docs/latest-v20.x/api/worker_threads.html#new-workerfilename-options):
 * the thread is the one `npm run build:server` emitted (`npm test` builds first).
 */
function writerWorkerModule(): URL {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new URL('./writerWorker.js', here);
  const built = new URL('../../../dist/server/store/sqlite/writerWorker.js', here);
  if (!existsSync(built)) throw new Error(`the SQLite writer thread is not built: run npm run build:server (${built.pathname} is missing)`);
  return built;
}

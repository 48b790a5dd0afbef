import type { AppendResult } from '../ports.ts';
import type { SqliteDatabase } from './openDatabase.ts';
import { createWriteRunner, type Outcome, type WriteOp } from './writeRunner.ts';

export type { WriteOp } from './writeRunner.ts';

interface Pending {
  op: WriteOp;
  resolve(value: AppendResult | null): void;
  reject(error: Error): void;
}

/**
 * Queues writes and performs them in batches, one batch at a time: the writes
 * made while a batch commits go together into the next (group commit).
 */
export abstract class SqliteWriter {
  private queue: Pending[] = [];
  private inFlight: Promise<void> | null = null;
  private scheduled = false;
  private closed = false;

  write(op: WriteOp): Promise<AppendResult | null> {
    if (this.closed) return Promise.reject(new Error('the store is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ op, resolve, reject });
      this.schedule();
    });
  }

  /** Writes everything queued, then stops. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.inFlight || this.queue.length > 0) {
      if (!this.inFlight) this.startBatch();
      await this.inFlight;
    }
    await this.stop();
  }

  /** Performs the ops in one transaction; rejects when the transaction as a whole failed. */
  protected abstract run(ops: WriteOp[]): Promise<Outcome[]>;
  protected abstract stop(): Promise<void>;

  private schedule(): void {
    if (this.scheduled || this.inFlight) return;
    this.scheduled = true;
    // The writes of this event-loop turn go together; waiting any longer only adds latency (BENCHMARKS.md).
    setImmediate(() => {
      this.scheduled = false;
      if (!this.inFlight) this.startBatch();
    });
  }

  private startBatch(): void {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    this.inFlight = this.run(batch.map((item) => item.op)).then(
      (outcomes) =>
        batch.forEach((item, i) => {
          const outcome = outcomes[i]!;
          if (outcome.ok) item.resolve(outcome.value);
          else item.reject(new Error(outcome.error));
        }),
      (error: unknown) => {
        for (const item of batch) item.reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
    void this.inFlight.finally(() => {
      this.inFlight = null;
      if (this.queue.length > 0) this.startBatch();
    });
  }
}

/** Writes on the connection the reads use, in this thread (an in-memory database has no other). */
export class InlineWriter extends SqliteWriter {
  private readonly runner: (ops: WriteOp[]) => Outcome[];

  constructor(db: SqliteDatabase) {
    super();
    this.runner = createWriteRunner(db);
  }

  protected async run(ops: WriteOp[]): Promise<Outcome[]> {
    return this.runner(ops);
  }

  protected async stop(): Promise<void> {}
}

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
 * Queues the high-volume writes (document appends, compactions, audit rows)
 * and commits those of one event-loop turn together, in one transaction on
 * the event loop: on a file database the connection commits with
 * `synchronous=NORMAL`, which writes the WAL and returns without an fsync (a
 * few tens of microseconds), so there is no thread to hop to and back. A write
 * resolves once its commit has returned: it survives a killed process. The
 * fsync that makes it survive a power loss is grouped separately (WalSync).
 */
export class SqliteWriter {
  private queue: Pending[] = [];
  private scheduled = false;
  private closed = false;
  private readonly runner: (ops: WriteOp[]) => Outcome[];

  constructor(
    db: SqliteDatabase,
    /** Called after each committed batch (the checkpointer keeps the WAL short). */
    private readonly afterBatch: () => void = () => undefined,
  ) {
    this.runner = createWriteRunner(db);
  }

  write(op: WriteOp): Promise<AppendResult | null> {
    if (this.closed) return Promise.reject(new Error('the store is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ op, resolve, reject });
      this.schedule();
    });
  }

  /** Writes everything queued, then refuses more. */
  async close(): Promise<void> {
    this.closed = true;
    this.commit();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // The writes of this event-loop turn go together; waiting any longer only adds latency (BENCHMARKS.md).
    setImmediate(() => {
      this.scheduled = false;
      this.commit();
    });
  }

  private commit(): void {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let outcomes: Outcome[];
    try {
      outcomes = this.runner(batch.map((item) => item.op));
    } catch (error) {
      for (const item of batch) item.reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(new Error(outcome.error));
    });
    this.afterBatch();
  }
}

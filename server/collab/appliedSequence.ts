import type { DocStore } from '../store/ports.ts';
import type { DocumentBus } from './DocumentBus.ts';

/** How long a gap in the sequence may stay open (an own write still in flight) before it is read from the store. */
export const GAP_WAIT_MS = 50;

/** How a document reads and applies what it missed from the other nodes (distributed mode). */
export interface CatchUpSource {
  /** The stored content after `afterSeq` (all of it when compaction folded some into the snapshot), with the seq of the newest. */
  readMissed(afterSeq: number): Promise<{ seq: number; updates: Uint8Array[] }>;
  /** Applies one stored update that came from another node. */
  applyRemote(update: Uint8Array): void;
  /** Catching up failed; the document carries on and retries on the next gap. */
  onFailure(error: unknown): void;
}

/**
 * The sequence number up to which every stored update of a document is
 * applied. With other nodes writing too (a source to catch up from) runs of
 * updates can arrive out of order: `lastSeq` only moves over an unbroken run,
 * so that a compaction at `lastSeq` never drops an update this node has not
 * seen yet, and a gap that stays open is read from the store.
 */
export class AppliedSequence {
  /** Sequence number up to which every stored update is applied. */
  lastSeq = 0;
  /** Runs of sequence numbers applied beyond `lastSeq` (first -> last), while a gap is open. */
  private readonly ahead = new Map<number, number>();
  private gapTimer: NodeJS.Timeout | null = null;
  private catchingUp: Promise<void> | null = null;
  private stopped = false;

  /** Without a source this node is the only writer and every run follows the previous one. */
  constructor(private readonly source: CatchUpSource | null) {}

  /** Whether everything up to `seq` is applied already. */
  covers(seq: number): boolean {
    return seq <= this.lastSeq;
  }

  /** Records that the stored updates `firstSeq..lastSeq` are applied. */
  advance(firstSeq: number, lastSeq: number): void {
    if (!this.source || firstSeq <= this.lastSeq + 1) {
      this.lastSeq = Math.max(this.lastSeq, lastSeq);
      this.absorbAhead();
      return;
    }
    // Another node stored something in between that has not arrived yet (or our own write is still in flight).
    this.ahead.set(firstSeq, Math.max(lastSeq, this.ahead.get(firstSeq) ?? 0));
    this.gapTimer ??= setTimeout(() => {
      this.gapTimer = null;
      if (this.ahead.size > 0) void this.catchUp();
    }, GAP_WAIT_MS);
  }

  /** Reads what this node missed from the store and applies it (single flight); nothing to do on a single node. */
  catchUp(): Promise<void> {
    if (!this.source) return Promise.resolve();
    const { source } = this;
    this.catchingUp ??= this.readMissed(source)
      .catch((error: unknown) => source.onFailure(error))
      .finally(() => {
        this.catchingUp = null;
      });
    return this.catchingUp;
  }

  /** Nothing is applied or read any more (the document failed or was destroyed). */
  stop(): void {
    this.stopped = true;
    if (this.gapTimer) clearTimeout(this.gapTimer);
    this.gapTimer = null;
  }

  private async readMissed(source: CatchUpSource): Promise<void> {
    if (this.stopped) return;
    const missed = await source.readMissed(this.lastSeq);
    if (this.stopped) return;
    for (const update of missed.updates) source.applyRemote(update);
    this.lastSeq = Math.max(this.lastSeq, missed.seq);
    for (const [first, last] of this.ahead) if (last <= this.lastSeq) this.ahead.delete(first);
    this.absorbAhead();
  }

  private absorbAhead(): void {
    let moved = true;
    while (moved && this.ahead.size > 0) {
      moved = false;
      for (const [first, last] of this.ahead) {
        if (first > this.lastSeq + 1) continue;
        this.ahead.delete(first);
        this.lastSeq = Math.max(this.lastSeq, last);
        moved = true;
      }
    }
  }
}

/** What a node missed of a document: from the bus, or — when compaction folded some of it into the snapshot — all that is stored. */
export async function readMissed(bus: DocumentBus, store: DocStore, docName: string, afterSeq: number): Promise<{ seq: number; updates: Uint8Array[] }> {
  const missed = await bus.readAfter(docName, afterSeq);
  if (missed) return missed;
  const stored = await store.load(docName);
  return { seq: stored.seq, updates: stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates };
}

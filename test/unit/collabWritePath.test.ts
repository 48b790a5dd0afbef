import { describe, expect, it } from 'vitest';
import { AppliedSequence, GAP_WAIT_MS, type CatchUpSource } from '../../server/collab/appliedSequence.ts';
import { DocumentHeldError, type AppendResult } from '../../server/store/ports.ts';
import { WriteQueue, type QueuedUpdate, type WritingPeer } from '../../server/collab/writeQueue.ts';
import { waitFor } from '../helpers/waitFor.ts';

/** A catch-up source holding the stored updates 1..`stored`, recording what it was asked and applied. */
function source(stored: number) {
  const reads: number[] = [];
  const applied: Uint8Array[] = [];
  const catchUp: CatchUpSource = {
    readMissed: async (afterSeq) => {
      reads.push(afterSeq);
      const updates = Array.from({ length: Math.max(0, stored - afterSeq) }, (_, i) => new Uint8Array([afterSeq + i + 1]));
      return { seq: stored, updates };
    },
    applyRemote: (update) => applied.push(update),
    onFailure: () => undefined,
  };
  return { catchUp, reads, applied };
}

describe('AppliedSequence', () => {
  it('on a single node every run follows the previous one', () => {
    const sequence = new AppliedSequence(null);
    sequence.advance(1, 3);
    sequence.advance(7, 8);
    expect(sequence.lastSeq).toBe(8);
  });

  it('moves only over an unbroken run, and absorbs the runs ahead once the gap closes', () => {
    const sequence = new AppliedSequence(source(0).catchUp);
    sequence.lastSeq = 2;
    sequence.advance(6, 7);
    sequence.advance(4, 5);
    expect(sequence.lastSeq).toBe(2);
    expect(sequence.covers(2)).toBe(true);
    expect(sequence.covers(3)).toBe(false);
    sequence.advance(3, 3);
    expect(sequence.lastSeq).toBe(7);
    sequence.stop();
  });

  it('reads a gap that stays open from the store, and applies only what is missing', async () => {
    const { catchUp, reads, applied } = source(6);
    const sequence = new AppliedSequence(catchUp);
    sequence.lastSeq = 2;
    sequence.advance(5, 6);
    await new Promise((resolve) => setTimeout(resolve, GAP_WAIT_MS / 2));
    expect(reads).toEqual([]);
    await waitFor(() => sequence.lastSeq === 6);
    expect(reads).toEqual([2]);
    expect(applied.map((update) => update[0])).toEqual([3, 4, 5, 6]);
  });

  it('reads nothing once stopped', async () => {
    const { catchUp, reads } = source(4);
    const sequence = new AppliedSequence(catchUp);
    sequence.advance(3, 4);
    sequence.stop();
    await sequence.catchUp();
    await new Promise((resolve) => setTimeout(resolve, GAP_WAIT_MS * 2));
    expect(reads).toEqual([]);
    expect(sequence.lastSeq).toBe(0);
  });
});

/** A peer recording what the queue told it. */
function peer() {
  const events: string[] = [];
  const writing: WritingPeer = {
    close: (code) => events.push(`close ${code}`),
    acknowledge: (count) => events.push(`ack ${count}`),
    refuse: () => events.push('refuse'),
  };
  return { writing, events };
}

const update = (byte: number) => new Uint8Array([byte]);

describe('WriteQueue', () => {
  function queueOf(append: (updates: Uint8Array[]) => Promise<AppendResult>, synced: () => Promise<void> = async () => undefined) {
    const stored: number[][] = [];
    const failures: unknown[] = [];
    const queue = new WriteQueue<WritingPeer>({
      prepare: (batch: QueuedUpdate[]) => ({ tooLarge: new Set(), updates: batch.flatMap((item) => (item.update ? [item.update] : [])) }),
      append,
      stored: (_batch, updates) => stored.push(updates.map((u) => u[0]!)),
      synced,
      heldElsewhere: async () => undefined,
      failed: (error) => failures.push(error),
    });
    return { queue, stored, failures };
  }

  it('writes what was queued while a batch was in flight as the next batch, and acknowledges each peer once per batch', async () => {
    let seq = 0;
    const { queue, stored } = queueOf(async (updates) => ({ seq: (seq += updates.length), pendingCount: seq }));
    const a = peer();
    queue.push(update(1), a.writing, null);
    queue.push(update(2), a.writing, null);
    queue.push(null, a.writing, null);
    await queue.drain();
    expect(stored).toEqual([[1], [2]]);
    expect(a.events).toEqual(['ack 1', 'ack 2']);
  });

  it('holds batches while paused, and retries a batch refused while another node holds the document', async () => {
    let held = true;
    let seq = 0;
    const { queue, stored } = queueOf(async (updates) => {
      if (held) {
        held = false;
        throw new DocumentHeldError('cases/demo/joint');
      }
      return { seq: (seq += updates.length), pendingCount: seq };
    });
    const a = peer();
    await queue.pause();
    queue.push(update(1), a.writing, null);
    await queue.drain();
    expect(stored).toEqual([]);
    queue.resume();
    await queue.drain();
    expect(stored).toEqual([[1]]);
    expect(a.events).toEqual(['ack 1']);
  });

  it('stops at a store failure without acknowledging', async () => {
    const { queue, stored, failures } = queueOf(async () => {
      throw new Error('disk full');
    });
    const a = peer();
    queue.push(update(1), a.writing, null);
    await queue.drain();
    expect(stored).toEqual([]);
    expect(failures).toHaveLength(1);
    expect(a.events).toEqual([]);
  });

  /** A flush the test completes by hand, one fsync round at a time. */
  function manualSync() {
    const rounds: { resolve(): void; reject(error: Error): void }[] = [];
    const synced = () => new Promise<void>((resolve, reject) => rounds.push({ resolve, reject }));
    return { rounds, synced };
  }

  it('stores (and so relays) the next batch before the last one is synced, and acknowledges only after the sync, in order', async () => {
    let seq = 0;
    const sync = manualSync();
    const { queue, stored } = queueOf(async (updates) => ({ seq: (seq += updates.length), pendingCount: seq }), sync.synced);
    const a = peer();
    queue.push(update(1), a.writing, null);
    await new Promise((resolve) => setImmediate(resolve));
    queue.push(update(2), a.writing, null);
    // An empty update behind them must not overtake their acknowledgements: acks count messages in order.
    queue.push(null, a.writing, null);
    await new Promise((resolve) => setImmediate(resolve));
    expect(stored).toEqual([[1], [2]]);
    expect(a.events).toEqual([]);
    sync.rounds[0]!.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    expect(a.events).toEqual(['ack 1']);
    sync.rounds[1]!.resolve();
    await queue.drain();
    // One per batch: update 2, then the empty update, each answered after what came before.
    expect(a.events).toEqual(['ack 1', 'ack 1', 'ack 1']);
  });

  it('acknowledges nothing when the sync fails, and writes nothing more', async () => {
    let seq = 0;
    const sync = manualSync();
    const { queue, stored, failures } = queueOf(async (updates) => ({ seq: (seq += updates.length), pendingCount: seq }), sync.synced);
    const a = peer();
    queue.push(update(1), a.writing, null);
    await new Promise((resolve) => setImmediate(resolve));
    sync.rounds[0]!.reject(new Error('EIO'));
    await queue.drain();
    queue.push(update(2), a.writing, null);
    await queue.drain();
    expect(stored).toEqual([[1]]);
    expect(failures).toHaveLength(1);
    expect(a.events).toEqual([]);
  });
});

import type { WriteRefusal } from '../../shared/collabProtocol.ts';
import { CloseCode } from '../../shared/limits.ts';
import { DocumentHeldError, type AppendResult } from '../store/ports.ts';
import type { DecodedUpdate } from './updateFilter.ts';

/** How long a batch waits before it tries again while another node holds the document's writes. */
const HELD_RETRY_MS = 15;

/** What the write queue needs from the peer an update came from. */
export interface WritingPeer {
  close(code: number, reason: string): void;
  /** The next `count` update messages this peer sent are durable (or were empty). */
  acknowledge(count: number): void;
  /** Part of an update this peer sent was not stored; sent before its acknowledgement. */
  refuse(refusals: WriteRefusal[]): void;
}

export interface QueuedUpdate<P extends WritingPeer = WritingPeer> {
  /** What is stored: as sent, or as the rules let it through; null for an empty update (acknowledged in its turn). */
  update: Uint8Array | null;
  /** The update as the peer sent it. */
  readonly sent: Uint8Array | null;
  /** The update as decoded when it was validated; null for an empty one. */
  decoded: DecodedUpdate | null;
  /** The peer's message as it arrived, when it was a sync update: relayed as it came if nothing of it was refused. */
  readonly frame: Uint8Array | null;
  origin: P;
  refusals?: WriteRefusal[];
}

/** What a batch is written to: the document that checks, stores and applies it. */
export interface BatchTarget<P extends WritingPeer> {
  /**
   * Checks a batch before it is stored (sets each item's `update` and
   * `refusals`): returns what may be stored and the peers whose updates were too large.
   */
  prepare(batch: QueuedUpdate<P>[]): { tooLarge: Set<P>; updates: Uint8Array[] };
  /** Appends to the store; throws DocumentHeldError while another node holds the document. */
  append(updates: Uint8Array[]): Promise<AppendResult>;
  /** The batch's `updates` survive the death of the process: apply (and so relay) them. */
  stored(batch: QueuedUpdate<P>[], updates: Uint8Array[], result: AppendResult): void;
  /** Resolves once what was stored so far survives a power loss: then its writers are acknowledged. */
  synced(): Promise<void>;
  /** Resolves once the rules are read again after an append was refused while another node held the document. */
  heldElsewhere(): Promise<void>;
  /** The store refused a write: nothing more is written. */
  failed(error: unknown): void;
}

/**
 * The write-ahead path of one document: updates queue in the order their
 * peers sent them and are written a batch at a time, one batch in flight.
 * An update is applied (and relayed) only once its batch is stored so that
 * it survives the death of the process; each peer is acknowledged once it
 * also survives a power loss (`synced`), in its order. The next batch does
 * not wait for that fsync: acknowledgements follow in a chain of their own.
 */
export class WriteQueue<P extends WritingPeer> {
  private queue: QueuedUpdate<P>[] = [];
  private writing: Promise<void> | null = null;
  /** The acknowledgements waiting for an fsync, in batch order; null when none wait. */
  private acknowledging: Promise<void> | null = null;
  private unsynced = 0;
  /** The store failed: nothing more is written or acknowledged. */
  private broken = false;
  /** While a workflow command decides on the document's content, no batch starts (see DocumentRegistry.hold). */
  private paused = false;

  constructor(private readonly target: BatchTarget<P>) {}

  /** Empty updates (null) queue too, so that acknowledgements keep the peer's order. */
  push(update: Uint8Array | null, origin: P, decoded: DecodedUpdate | null, frame: Uint8Array | null = null): void {
    this.queue.push({ update, sent: update, decoded, origin, frame });
    this.start();
  }

  /** Resolves once every queued update is stored, applied and acknowledged (or the store failed). */
  async drain(): Promise<void> {
    while (this.writing || this.acknowledging) await (this.writing ?? this.acknowledging);
  }

  /** Stops starting batches; resolves once the batch being written (if any) is durable and applied. */
  async pause(): Promise<void> {
    this.paused = true;
    await this.drain();
  }

  resume(): void {
    this.paused = false;
    this.start();
  }

  private start(): void {
    if (this.paused || this.broken || this.queue.length === 0) return;
    // `finally` runs asynchronously, so it always clears the promise it was chained to.
    this.writing ??= this.writeQueued().finally(() => {
      this.writing = null;
      this.start();
    });
  }

  private async writeQueued(): Promise<void> {
    try {
      while (this.queue.length > 0 && !this.paused && !this.broken) {
        const batch = this.queue;
        this.queue = [];
        await this.writeBatch(batch);
      }
    } catch (error) {
      this.fail(error);
    }
  }

  private async writeBatch(batch: QueuedUpdate<P>[]): Promise<void> {
    let { tooLarge, updates } = this.target.prepare(batch);
    let result: AppendResult | null = null;
    while (updates.length > 0) {
      try {
        result = await this.target.append(updates);
        break;
      } catch (error) {
        if (!(error instanceof DocumentHeldError)) throw error;
        await this.waitForHold(batch);
        ({ tooLarge, updates } = this.target.prepare(batch));
      }
    }
    if (result) this.target.stored(batch, updates, result);
    for (const peer of tooLarge) peer.close(CloseCode.tooLarge, 'document too large');
    if (result) this.answerWhenSynced(batch, this.target.synced());
    // Nothing stored and nothing waiting before it: answered at once, without waiting a turn of the event loop.
    else if (this.unsynced === 0) answer(batch);
    else this.answerWhenSynced(batch, Promise.resolve());
  }

  /** Answers the batch's peers after `synced` and after every batch before it. */
  private answerWhenSynced(batch: QueuedUpdate<P>[], synced: Promise<void>): void {
    this.unsynced++;
    const previous = this.acknowledging ?? Promise.resolve();
    const chained: Promise<void> = Promise.all([previous, synced]).then(
      () => {
        this.unsynced--;
        if (this.acknowledging === chained) this.acknowledging = null;
        if (!this.broken) answer(batch);
      },
      (error: unknown) => {
        this.unsynced--;
        if (this.acknowledging === chained) this.acknowledging = null;
        // Not on the disk: nothing of it is acknowledged, and nothing more is written.
        this.fail(error);
      },
    );
    this.acknowledging = chained;
  }

  private fail(error: unknown): void {
    this.queue = [];
    if (this.broken) return;
    this.broken = true;
    this.target.failed(error);
  }

  /**
   * A workflow command on another node holds the document (DocumentHeldError):
   * nothing of the batch was stored. After a pause the rules are read again —
   * the command may have locked a section — and the batch, as its peers sent
   * it, is checked again against them.
   */
  private async waitForHold(batch: QueuedUpdate<P>[]): Promise<void> {
    for (const item of batch) {
      item.update = item.sent;
      delete item.refusals;
    }
    await new Promise((resolve) => setTimeout(resolve, HELD_RETRY_MS));
    await this.target.heldElsewhere();
  }
}

/** Tells each peer what of its updates was refused, then how many of its queued messages are now safe, in one message per peer. */
function answer<P extends WritingPeer>(batch: QueuedUpdate<P>[]): void {
  for (const { origin, refusals } of batch) if (refusals) origin.refuse(refusals);
  const counts = new Map<P, number>();
  for (const { origin } of batch) counts.set(origin, (counts.get(origin) ?? 0) + 1);
  for (const [peer, count] of counts) peer.acknowledge(count);
}

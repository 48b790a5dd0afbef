import * as Y from 'yjs';
import { CloseCode } from '../../shared/limits.ts';
import type { AppendResult, DocStore } from '../store/ports.ts';
import { AppliedSequence, GAP_WAIT_MS, readMissed } from './appliedSequence.ts';
import { checkBatch, DocumentQuota } from './batchCheck.ts';
import { DocumentAwareness, REMOTE, type AwarenessRelayPeer } from './documentAwareness.ts';
import type { DocumentBus, DocumentFeed } from './DocumentBus.ts';
import { encodeSync, SyncType } from './protocol.ts';
import type { DecodedUpdate, DocumentRules } from './updateFilter.ts';
import { WriteQueue, type QueuedUpdate, type WritingPeer } from './writeQueue.ts';

/** What the document needs from a connection: somewhere to send, who it is, and its awareness clients. */
export interface DocumentPeer extends AwarenessRelayPeer, WritingPeer {}

export interface SharedDocumentHooks {
  /** Called after a batch of updates is durable and applied. */
  afterWrite(doc: SharedDocument, updates: number, pendingInStore: number): void;
  /** Called when the store refused a write: the document can no longer be trusted in memory. */
  onWriteFailure(doc: SharedDocument, error: unknown): void;
  /** Called when catching up with the other nodes failed; the document carries on and retries on the next gap. */
  onCatchUpFailure?(doc: SharedDocument, error: unknown): void;
  /** Another node changed the document's rules: read them again. */
  onRulesChanged?(doc: SharedDocument): void;
  /** An append was refused while another node held the document: resolves once its rules are read again. */
  onHeldElsewhere?(doc: SharedDocument): Promise<void>;
}

/**
 * One loaded collaborative document. The in-memory Y.Doc only ever holds what
 * the store has made durable: an incoming update is queued, appended to the
 * store, and applied (and so relayed) once the append resolves. A sync reply
 * computed from the Y.Doc can therefore never show a client anything that a
 * crash could take back.
 *
 * With a bus (distributed mode) the document also takes in the updates other
 * nodes stored, and `lastSeq` only moves over an unbroken run of sequence
 * numbers, so that a compaction at `lastSeq` never drops an update this node
 * has not seen yet.
 */
export class SharedDocument implements DocumentFeed {
  readonly doc = new Y.Doc({ gc: true });
  readonly peers = new Set<DocumentPeer>();
  private readonly presence: DocumentAwareness;
  private readonly quota = new DocumentQuota(this.doc);
  private readonly writes: WriteQueue<DocumentPeer>;
  private readonly sequence: AppliedSequence;
  private failed = false;
  /** What the document may hold and which sections are locked; null checks nothing (tests of the relay mechanics). */
  private rules: DocumentRules | null = null;
  /** Counts rule reads, so that an older read finishing late does not replace a newer one. */
  rulesVersion = 0;
  /** Distributed mode: the rules epoch the current rules were read at (see DocumentBus.rulesEpoch). */
  rulesEpoch = 0;
  /** Remote messages that arrived before the stored content was restored. */
  private early: { firstSeq: number; updates: Uint8Array[] }[] | null = [];
  /** Whether the last applied update added or deleted anything: one that repeats what the document holds is not relayed. */
  private changed = false;

  constructor(
    readonly name: string,
    private readonly store: DocStore,
    private readonly hooks: SharedDocumentHooks,
    private readonly bus: DocumentBus | null = null,
  ) {
    this.presence = new DocumentAwareness(this.doc, this.peers, bus ? (update) => bus.publishAwareness(name, update) : null);
    // No 'update' listener on the Y.Doc: Yjs then encodes nothing after applying, and what is relayed are the bytes as stored (relay()).
    this.doc.on('afterTransaction', this.noteChange);
    this.sequence = new AppliedSequence(
      bus
        ? {
            readMissed: (afterSeq) => readMissed(bus, store, name, afterSeq),
            applyRemote: (update) => this.applyRemote(update),
            onFailure: (error) => this.hooks.onCatchUpFailure?.(this, error),
          }
        : null,
    );
    this.writes = new WriteQueue<DocumentPeer>({
      prepare: (batch) => ({
        tooLarge: checkBatch(batch, this.doc, this.rules, this.quota),
        updates: batch.flatMap((item) => (item.update ? [item.update] : [])),
      }),
      append: (updates) => this.store.append(this.name, updates, this.bus && this.rules ? { rulesEpoch: this.rulesEpoch } : undefined),
      stored: (batch, updates, result) => this.stored(batch, updates, result),
      synced: () => this.store.flush(),
      heldElsewhere: async () => {
        await this.hooks.onHeldElsewhere?.(this);
      },
      failed: (error) => {
        this.failed = true;
        this.sequence.stop();
        this.hooks.onWriteFailure(this, error);
      },
    });
  }

  /** Bytes stored for this document (snapshot and updates), for MAX_DOCUMENT_BYTES; exact after a load or compaction. */
  get storedBytes(): number {
    return this.quota.storedBytes;
  }

  set storedBytes(bytes: number) {
    this.quota.storedBytes = bytes;
  }

  /** Sequence number up to which every stored update is applied to `doc`. */
  get lastSeq(): number {
    return this.sequence.lastSeq;
  }

  /**
   * The stored content is applied (see documentLoader.ts): from `seq` on,
   * updates count, and what other nodes sent meanwhile is applied now.
   */
  restored(seq: number, storedBytes: number): void {
    this.storedBytes = storedBytes;
    this.sequence.lastSeq = seq;
    const early = this.early ?? [];
    this.early = null;
    for (const { firstSeq, updates } of early) this.onRemoteUpdates(firstSeq, updates);
  }

  onRemoteUpdates(firstSeq: number, updates: Uint8Array[]): void {
    if (this.early) {
      this.early.push({ firstSeq, updates });
      return;
    }
    const lastSeq = firstSeq + updates.length - 1;
    if (this.sequence.covers(lastSeq) || this.failed) return;
    for (const update of updates) this.applyRemote(update);
    this.sequence.advance(firstSeq, lastSeq);
  }

  onRemoteAwareness(update: Uint8Array): void {
    this.presence.applyRemote(update);
  }

  get awareness(): DocumentAwareness['awareness'] {
    return this.presence.awareness;
  }

  onRemoteRulesChanged(): void {
    this.hooks.onRulesChanged?.(this);
  }

  onResync(): void {
    // A moment later, so that the renewed subscription is in place before the store is read.
    setTimeout(() => {
      if (!this.early) void this.sequence.catchUp();
      // A change of rules announced meanwhile may have been missed as well.
      this.hooks.onRulesChanged?.(this);
    }, GAP_WAIT_MS).unref();
  }

  /**
   * Queues a validated update from a read-write peer for the write-ahead path.
   * Empty updates queue too, so that acknowledgements keep the peer's order.
   */
  receiveUpdate(update: Uint8Array | null, origin: DocumentPeer, decoded: DecodedUpdate | null = null, frame: Uint8Array | null = null): void {
    if (this.failed) return;
    this.writes.push(update, origin, decoded, frame);
  }

  /** Resolves once every queued update is durable and applied (or the store failed). */
  drain(): Promise<void> {
    return this.writes.drain();
  }

  get currentRules(): DocumentRules | null {
    return this.rules;
  }

  /** From the next batch on, updates are checked against these rules (read at `epoch`, in distributed mode). */
  setRules(rules: DocumentRules, epoch = 0): void {
    this.rules = rules;
    this.rulesEpoch = epoch;
  }

  /** Stops starting batches; resolves once the batch being written (if any) is durable and applied. */
  pauseWrites(): Promise<void> {
    return this.writes.pause();
  }

  resumeWrites(): void {
    this.writes.resume();
  }

  /** The sync step 2 reply to a peer's state vector. */
  syncReply(stateVector: Uint8Array): Uint8Array {
    return encodeSync(SyncType.step2, Y.encodeStateAsUpdate(this.doc, stateVector));
  }

  syncRequest(): Uint8Array {
    return encodeSync(SyncType.step1, Y.encodeStateVector(this.doc));
  }

  /** All current awareness states, or null when there are none. */
  awarenessSnapshot(): Uint8Array | null {
    return this.presence.snapshot();
  }

  /** A peer's awareness update (see DocumentAwareness.apply). */
  applyAwareness(update: Uint8Array, origin: DocumentPeer): boolean {
    return this.presence.apply(update, origin);
  }

  removePeer(peer: DocumentPeer): void {
    this.peers.delete(peer);
    this.presence.removePeer(peer);
  }

  destroy(): void {
    this.sequence.stop();
    this.failed = true;
    this.presence.destroy();
    this.doc.destroy();
  }

  /** Applies everything other nodes stored that this node has not applied yet (a hold reads the draft after it). */
  catchUpNow(): Promise<void> {
    return this.sequence.catchUp();
  }

  /** A batch is stored: it is applied and relayed, and its seqs count as applied. */
  private stored(batch: QueuedUpdate<DocumentPeer>[], updates: Uint8Array[], result: AppendResult): void {
    this.storedBytes += updates.reduce((sum, update) => sum + update.length, 0);
    for (const item of batch) {
      if (!item.update || !this.apply(item.update, item.origin)) continue;
      // Nothing refused: the peer's own message goes on as it came, not encoded again.
      this.relay(item.update === item.sent && item.frame ? item.frame : encodeSync(SyncType.update, item.update), item.origin);
    }
    this.sequence.advance(result.seq - updates.length + 1, result.seq);
    this.hooks.afterWrite(this, updates.length, result.pendingCount);
  }

  /**
   * Applies a stored update. Updates are validated before they are stored, so
   * this failing means a client found a shape the validation missed: that
   * client is closed; the document and everyone else carry on (a load skips
   * the stored entry too).
   */
  private apply(update: Uint8Array, origin: DocumentPeer): boolean {
    try {
      this.changed = false;
      Y.applyUpdate(this.doc, update, origin);
      return this.changed;
    } catch {
      origin.close(CloseCode.unsupportedData, 'update could not be applied');
      return false;
    }
  }

  private applyRemote(update: Uint8Array): void {
    this.storedBytes += update.length;
    try {
      this.changed = false;
      Y.applyUpdate(this.doc, update, REMOTE);
    } catch {
      // Validated by the node that stored it; a load skips such an entry too.
      return;
    }
    if (this.changed) this.relay(encodeSync(SyncType.update, update), REMOTE);
  }

  /** After a transaction: did it change the document, or leave something pending that the peers must hold too? */
  private readonly noteChange = (transaction: Y.Transaction): void => {
    const { store } = transaction.doc;
    if (transaction.deleteSet.clients.size > 0 || store.pendingStructs !== null || store.pendingDs !== null) this.changed = true;
    else for (const [client, clock] of transaction.afterState) if (transaction.beforeState.get(client) !== clock) this.changed = true;
  };

  /**
   * Sends a stored update to every peer but its origin: the bytes as stored,
   * which the peers integrate exactly as this document did (an update repeating
   * what a peer has is a no-op for it, as it was here).
   */
  private relay(message: Uint8Array, origin: DocumentPeer | typeof REMOTE): void {
    for (const peer of this.peers) if (peer !== origin) peer.send(message);
  }
}

import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode } from '../../shared/limits.ts';
import type { DocStore } from '../store/ports.ts';
import type { DocumentBus, DocumentFeed } from './DocumentBus.ts';
import { encodeAwareness, encodeSync, SyncType } from './protocol.ts';

/** The origin of what arrived from another node: relayed to every local peer, never sent back. */
const REMOTE = Symbol('remote node');

/** How long a gap in the sequence may stay open (an own write still in flight) before it is read from the store. */
const GAP_WAIT_MS = 50;

/** What the document needs from a connection: somewhere to send, and its awareness clients. */
export interface DocumentPeer {
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
  /** The next `count` update messages this peer sent are durable (or were empty). */
  acknowledge(count: number): void;
  /** Awareness client ids this peer announced, removed when it leaves. */
  readonly awarenessClients: Set<number>;
}

interface QueuedUpdate {
  /** null for an empty update: nothing to store, but it is acknowledged in its turn. */
  update: Uint8Array | null;
  origin: DocumentPeer;
}

export interface SharedDocumentHooks {
  /** Called after a batch of updates is durable and applied. */
  afterWrite(doc: SharedDocument, updates: number, pendingInStore: number): void;
  /** Called when the store refused a write: the document can no longer be trusted in memory. */
  onWriteFailure(doc: SharedDocument, error: unknown): void;
  /** Called when catching up with the other nodes failed; the document carries on and retries on the next gap. */
  onCatchUpFailure?(doc: SharedDocument, error: unknown): void;
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
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly peers = new Set<DocumentPeer>();
  /** Sequence number up to which every stored update is applied to `doc`. */
  lastSeq = 0;
  private queue: QueuedUpdate[] = [];
  private writing: Promise<void> | null = null;
  private failed = false;
  /** Runs of sequence numbers applied beyond `lastSeq` (first -> last), while a gap is open. */
  private readonly ahead = new Map<number, number>();
  /** Remote messages that arrived before the stored content was restored. */
  private early: { firstSeq: number; updates: Uint8Array[] }[] | null = [];
  private gapTimer: NodeJS.Timeout | null = null;
  private catchingUp: Promise<void> | null = null;
  /** The awareness message being applied: relayed as it came, rather than encoded again. */
  private applyingAwareness: Uint8Array | null = null;

  constructor(
    readonly name: string,
    private readonly store: DocStore,
    private readonly hooks: SharedDocumentHooks,
    private readonly bus: DocumentBus | null = null,
  ) {
    this.awareness.setLocalState(null);
    this.doc.on('update', this.relayUpdate);
    this.awareness.on('update', this.relayAwareness);
  }

  /** Applies stored content without relaying it (load time), then what other nodes sent meanwhile. */
  restore(snapshot: Uint8Array | null, updates: Uint8Array[], seq: number): void {
    const parts = snapshot ? [snapshot, ...updates] : updates;
    if (parts.length > 0) Y.applyUpdate(this.doc, parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts), this);
    this.lastSeq = seq;
    this.replayEarly();
  }

  /** Marks the document restored even though its content failed to apply (the registry applied what it could). */
  restored(seq: number): void {
    this.lastSeq = seq;
    this.replayEarly();
  }

  onRemoteUpdates(firstSeq: number, updates: Uint8Array[]): void {
    if (this.early) {
      this.early.push({ firstSeq, updates });
      return;
    }
    const lastSeq = firstSeq + updates.length - 1;
    if (lastSeq <= this.lastSeq || this.failed) return;
    for (const update of updates) this.applyRemote(update);
    this.advance(firstSeq, lastSeq);
  }

  onRemoteAwareness(update: Uint8Array): void {
    this.applyingAwareness = update;
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE);
    } catch {
      // Another node relays only what its clients sent validly; a garbled message is dropped.
    } finally {
      this.applyingAwareness = null;
    }
  }

  onResync(): void {
    // A moment later, so that the renewed subscription is in place before the store is read.
    setTimeout(() => {
      if (!this.early) void this.catchUp();
    }, GAP_WAIT_MS).unref();
  }

  /**
   * Queues a validated update from a read-write peer for the write-ahead path.
   * Empty updates queue too, so that acknowledgements keep the peer's order.
   */
  receiveUpdate(update: Uint8Array | null, origin: DocumentPeer): void {
    if (this.failed) return;
    this.queue.push({ update, origin });
    // `finally` runs asynchronously, so it always clears the promise it was chained to.
    this.writing ??= this.writeQueued().finally(() => {
      this.writing = null;
    });
  }

  /** Resolves once every queued update is durable and applied (or the store failed). */
  async drain(): Promise<void> {
    while (this.writing) await this.writing;
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
    const clients = [...this.awareness.getStates().keys()];
    return clients.length > 0 ? encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)) : null;
  }

  applyAwareness(update: Uint8Array, origin: DocumentPeer): void {
    this.applyingAwareness = update;
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, origin);
    } finally {
      this.applyingAwareness = null;
    }
  }

  removePeer(peer: DocumentPeer): void {
    this.peers.delete(peer);
    if (peer.awarenessClients.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessClients], null);
    }
  }

  destroy(): void {
    if (this.gapTimer) clearTimeout(this.gapTimer);
    this.failed = true;
    this.awareness.destroy();
    this.doc.destroy();
  }

  private async writeQueued(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        const updates = batch.flatMap((item) => (item.update ? [item.update] : []));
        if (updates.length > 0) {
          const result = await this.store.append(this.name, updates);
          for (const { update, origin } of batch) if (update) this.apply(update, origin);
          this.advance(result.seq - updates.length + 1, result.seq);
          this.hooks.afterWrite(this, updates.length, result.pendingCount);
        }
        acknowledge(batch);
      }
    } catch (error) {
      this.failed = true;
      this.queue = [];
      this.hooks.onWriteFailure(this, error);
    }
  }

  /**
   * Applies a stored update. Updates are validated before they are stored, so
   * this failing means a client found a shape the validation missed: that
   * client is closed; the document and everyone else carry on (a load skips
   * the stored entry too).
   */
  private apply(update: Uint8Array, origin: DocumentPeer): void {
    try {
      Y.applyUpdate(this.doc, update, origin);
    } catch {
      origin.close(CloseCode.unsupportedData, 'update could not be applied');
    }
  }

  private applyRemote(update: Uint8Array): void {
    try {
      Y.applyUpdate(this.doc, update, REMOTE);
    } catch {
      // Validated by the node that stored it; a load skips such an entry too.
    }
  }

  /**
   * Records that the stored updates `firstSeq..lastSeq` are applied. Without
   * a bus this node is the only writer and every run follows the previous one.
   */
  private advance(firstSeq: number, lastSeq: number): void {
    if (!this.bus || firstSeq <= this.lastSeq + 1) {
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

  /** Reads what this node missed from the store and applies it (single flight). */
  private catchUp(): Promise<void> {
    this.catchingUp ??= this.readMissed()
      .catch((error: unknown) => this.hooks.onCatchUpFailure?.(this, error))
      .finally(() => {
        this.catchingUp = null;
      });
    return this.catchingUp;
  }

  private async readMissed(): Promise<void> {
    if (!this.bus || this.failed) return;
    const missed = await this.bus.readAfter(this.name, this.lastSeq);
    if (this.failed) return;
    if (missed) {
      for (const update of missed.updates) this.applyRemote(update);
      this.lastSeq = Math.max(this.lastSeq, missed.seq);
    } else {
      const stored = await this.store.load(this.name);
      if (this.failed) return;
      for (const part of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) this.applyRemote(part);
      this.lastSeq = Math.max(this.lastSeq, stored.seq);
    }
    for (const [first, last] of this.ahead) if (last <= this.lastSeq) this.ahead.delete(first);
    this.absorbAhead();
  }

  private replayEarly(): void {
    const early = this.early ?? [];
    this.early = null;
    for (const { firstSeq, updates } of early) this.onRemoteUpdates(firstSeq, updates);
  }

  /** Relays what an applied update added to every peer but its origin. */
  private readonly relayUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this) return;
    const message = encodeSync(SyncType.update, update);
    for (const peer of this.peers) if (peer !== origin) peer.send(message);
  };

  private readonly relayAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const source = origin as DocumentPeer | null;
    if (source && this.peers.has(source)) {
      for (const id of added) source.awarenessClients.add(id);
      for (const id of removed) source.awarenessClients.delete(id);
    }
    const update = this.applyingAwareness ?? awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...added, ...updated, ...removed]);
    const message = encodeAwareness(update);
    for (const peer of this.peers) if (peer !== source) peer.send(message);
    // Local changes (a peer's, or a peer leaving) go to the other nodes; what came from there does not go back.
    if (this.bus && origin !== REMOTE && origin !== 'timeout') this.bus.publishAwareness(this.name, update);
  };
}

/** Tells each peer how many of its queued messages are now safe, in one message per peer. */
function acknowledge(batch: QueuedUpdate[]): void {
  const counts = new Map<DocumentPeer, number>();
  for (const { origin } of batch) counts.set(origin, (counts.get(origin) ?? 0) + 1);
  for (const [peer, count] of counts) peer.acknowledge(count);
}

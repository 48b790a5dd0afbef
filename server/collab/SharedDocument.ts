import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode } from '../../shared/limits.ts';
import type { DocStore } from '../store/ports.ts';
import { encodeAwareness, encodeSync, SyncType } from './protocol.ts';

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
}

/**
 * One loaded collaborative document. The in-memory Y.Doc only ever holds what
 * the store has made durable: an incoming update is queued, appended to the
 * store, and applied (and so relayed) once the append resolves. A sync reply
 * computed from the Y.Doc can therefore never show a client anything that a
 * crash could take back.
 */
export class SharedDocument {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly peers = new Set<DocumentPeer>();
  /** Sequence number of the newest stored update applied to `doc`. */
  lastSeq = 0;
  private queue: QueuedUpdate[] = [];
  private writing: Promise<void> | null = null;
  private failed = false;

  constructor(
    readonly name: string,
    private readonly store: DocStore,
    private readonly hooks: SharedDocumentHooks,
  ) {
    this.awareness.setLocalState(null);
    this.doc.on('update', this.relayUpdate);
    this.awareness.on('update', this.relayAwareness);
  }

  /** Applies stored content without relaying it (load time). */
  restore(snapshot: Uint8Array | null, updates: Uint8Array[], seq: number): void {
    const parts = snapshot ? [snapshot, ...updates] : updates;
    if (parts.length > 0) Y.applyUpdate(this.doc, parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts), this);
    this.lastSeq = seq;
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
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, origin);
  }

  removePeer(peer: DocumentPeer): void {
    this.peers.delete(peer);
    if (peer.awarenessClients.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessClients], null);
    }
  }

  destroy(): void {
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
          this.lastSeq = result.seq;
          for (const { update, origin } of batch) if (update) this.apply(update, origin);
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
    const changed = [...added, ...updated, ...removed];
    const message = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    for (const peer of this.peers) if (peer !== source) peer.send(message);
  };
}

/** Tells each peer how many of its queued messages are now safe, in one message per peer. */
function acknowledge(batch: QueuedUpdate[]): void {
  const counts = new Map<DocumentPeer, number>();
  for (const { origin } of batch) counts.set(origin, (counts.get(origin) ?? 0) + 1);
  for (const [peer, count] of counts) peer.acknowledge(count);
}

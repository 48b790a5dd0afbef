import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { WriteRefusal } from '../../shared/collabProtocol.ts';
import { CloseCode, MAX_DOCUMENT_BYTES } from '../../shared/limits.ts';
import { DocumentHeldError, type AppendResult, type DocStore } from '../store/ports.ts';
import { AwarenessGuard, type AwarenessPeer } from './awarenessGuard.ts';
import type { DocumentBus, DocumentFeed } from './DocumentBus.ts';
import { encodeAwareness, encodeSync, SyncType } from './protocol.ts';
import { UpdateFilter, type DecodedUpdate, type DocumentRules } from './updateFilter.ts';

/** The origin of what arrived from another node: relayed to every local peer, never sent back. */
const REMOTE = Symbol('remote node');

/** How long a batch waits before it tries again while another node holds the document's writes. */
const HELD_RETRY_MS = 15;

/** How often a document at its size quota may be measured again (a full encoding each time). */
const QUOTA_MEASURE_INTERVAL_MS = 10_000;

/** How long a gap in the sequence may stay open (an own write still in flight) before it is read from the store. */
const GAP_WAIT_MS = 50;

/** What the document needs from a connection: somewhere to send, who it is, and its awareness clients. */
export interface DocumentPeer extends AwarenessPeer {
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
  /** The next `count` update messages this peer sent are durable (or were empty). */
  acknowledge(count: number): void;
  /** Part of an update this peer sent was not stored; sent before its acknowledgement. */
  refuse(refusals: WriteRefusal[]): void;
}

interface QueuedUpdate {
  /** What is stored: as sent, or as the rules let it through; null for an empty update (acknowledged in its turn). */
  update: Uint8Array | null;
  /** The update as the peer sent it. */
  readonly sent: Uint8Array | null;
  /** The update as decoded when it was validated; null for an empty one. */
  decoded: DecodedUpdate | null;
  origin: DocumentPeer;
  refusals?: WriteRefusal[];
}

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
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly peers = new Set<DocumentPeer>();
  /** Sequence number up to which every stored update is applied to `doc`. */
  lastSeq = 0;
  /** Bytes stored for this document (snapshot and updates), for MAX_DOCUMENT_BYTES; exact after a load or compaction. */
  storedBytes = 0;
  private queue: QueuedUpdate[] = [];
  private writing: Promise<void> | null = null;
  /** While a workflow command decides on this document's content, no batch starts (see DocumentRegistry.hold). */
  private paused = false;
  private failed = false;
  /** What the document may hold and which sections are locked; null checks nothing (tests of the relay mechanics). */
  private rules: DocumentRules | null = null;
  private readonly awarenessGuard = new AwarenessGuard();
  /** Counts rule reads, so that an older read finishing late does not replace a newer one. */
  rulesVersion = 0;
  /** Distributed mode: the rules epoch the current rules were read at (see DocumentBus.rulesEpoch). */
  rulesEpoch = 0;
  /** When the stored size was last measured by encoding the document (see `fits`). */
  private measuredAt = 0;
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
    this.storedBytes = parts.reduce((sum, part) => sum + part.length, 0);
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

  onRemoteRulesChanged(): void {
    this.hooks.onRulesChanged?.(this);
  }

  onResync(): void {
    // A moment later, so that the renewed subscription is in place before the store is read.
    setTimeout(() => {
      if (!this.early) void this.catchUp();
      // A change of rules announced meanwhile may have been missed as well.
      this.hooks.onRulesChanged?.(this);
    }, GAP_WAIT_MS).unref();
  }

  /**
   * Queues a validated update from a read-write peer for the write-ahead path.
   * Empty updates queue too, so that acknowledgements keep the peer's order.
   */
  receiveUpdate(update: Uint8Array | null, origin: DocumentPeer, decoded: DecodedUpdate | null = null): void {
    if (this.failed) return;
    this.queue.push({ update, sent: update, decoded, origin });
    this.startWriting();
  }

  /** Resolves once every queued update is durable and applied (or the store failed). */
  async drain(): Promise<void> {
    while (this.writing) await this.writing;
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
  async pauseWrites(): Promise<void> {
    this.paused = true;
    await this.drain();
  }

  resumeWrites(): void {
    this.paused = false;
    this.startWriting();
  }

  private startWriting(): void {
    if (this.paused || this.queue.length === 0) return;
    // `finally` runs asynchronously, so it always clears the promise it was chained to.
    this.writing ??= this.writeQueued().finally(() => {
      this.writing = null;
      this.startWriting();
    });
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

  /**
   * Applies and relays a peer's awareness update, as the AwarenessGuard lets
   * it through: only the peer's own client ids, stamped with its account.
   * Throws AwarenessViolation when it breaks a limit. Returns whether it
   * carried any state of the peer's own.
   */
  applyAwareness(update: Uint8Array, origin: DocumentPeer): boolean {
    const sanitized = this.awarenessGuard.sanitize(update, origin, (id) => this.awareness.meta.get(id)?.clock ?? 0);
    if (!sanitized) return false;
    this.applyingAwareness = sanitized;
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, sanitized, origin);
    } finally {
      this.applyingAwareness = null;
    }
    return true;
  }

  removePeer(peer: DocumentPeer): void {
    this.peers.delete(peer);
    this.awarenessGuard.release(peer);
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
      while (this.queue.length > 0 && !this.paused) {
        const batch = this.queue;
        this.queue = [];
        let { tooLarge, updates } = this.prepare(batch);
        let result: AppendResult | null = null;
        // An empty batch is acknowledged at once, without waiting a turn of the event loop.
        while (updates.length > 0) {
          try {
            result = await this.store.append(this.name, updates, this.bus && this.rules ? { rulesEpoch: this.rulesEpoch } : undefined);
            break;
          } catch (error) {
            if (!(error instanceof DocumentHeldError)) throw error;
            await this.waitForHold(batch);
            ({ tooLarge, updates } = this.prepare(batch));
          }
        }
        if (result) {
          this.storedBytes += updates.reduce((sum, update) => sum + update.length, 0);
          for (const { update, origin } of batch) if (update) this.apply(update, origin);
          this.advance(result.seq - updates.length + 1, result.seq);
          this.hooks.afterWrite(this, updates.length, result.pendingCount);
        }
        for (const peer of tooLarge) peer.close(CloseCode.tooLarge, 'document too large');
        for (const { origin, refusals } of batch) if (refusals) origin.refuse(refusals);
        acknowledge(batch);
      }
    } catch (error) {
      this.failed = true;
      this.queue = [];
      this.hooks.onWriteFailure(this, error);
    }
  }

  /** Checks a batch: what may be stored of it, and the peers whose updates were too large. */
  private prepare(batch: QueuedUpdate[]): { tooLarge: Set<DocumentPeer>; updates: Uint8Array[] } {
    const tooLarge = this.check(batch);
    return { tooLarge, updates: batch.flatMap((item) => (item.update ? [item.update] : [])) };
  }

  /**
   * A workflow command on another node holds the document (DocumentHeldError):
   * nothing of the batch was stored. After a pause the rules are read again —
   * the command may have locked a section — and the batch, as its peers sent
   * it, is checked again against them.
   */
  private async waitForHold(batch: QueuedUpdate[]): Promise<void> {
    for (const item of batch) {
      item.update = item.sent;
      delete item.refusals;
    }
    await new Promise((resolve) => setTimeout(resolve, HELD_RETRY_MS));
    await this.hooks.onHeldElsewhere?.(this);
  }

  /** Applies everything other nodes stored that this node has not applied yet (a hold reads the draft after it). */
  catchUpNow(): Promise<void> {
    return this.bus ? this.catchUp() : Promise.resolve();
  }

  /**
   * Filters a batch before it is stored: what the rules refuse becomes GC
   * ranges (the sender is told), and the updates of a peer that would grow
   * the document past MAX_DOCUMENT_BYTES are dropped with every later one of
   * that peer in the batch (they may build on it). Returns those peers.
   */
  private check(batch: QueuedUpdate[]): Set<DocumentPeer> {
    const tooLarge = new Set<DocumentPeer>();
    const filter = this.rules ? new UpdateFilter(this.doc, this.rules) : null;
    let inBatch = 0;
    for (const item of batch) {
      if (!item.update || !item.decoded) continue;
      if (tooLarge.has(item.origin)) {
        item.update = null;
        continue;
      }
      if (filter) {
        const result = filter.filter(item.update, item.decoded);
        item.update = result.update;
        if (result.refusals.length > 0) item.refusals = result.refusals;
      }
      if (!this.fits(inBatch + item.update.length)) {
        tooLarge.add(item.origin);
        item.update = null;
        continue;
      }
      inBatch += item.update.length;
    }
    return tooLarge;
  }

  /**
   * Whether `more` bytes fit under MAX_DOCUMENT_BYTES. The stored size counts
   * every update as appended, also what later edits removed; near the quota
   * the document is measured as a compaction would store it (at most every
   * QUOTA_MEASURE_INTERVAL_MS: it costs a full encoding), and the measure
   * replaces the count — what is appended later can only add to it.
   */
  private fits(more: number): boolean {
    if (this.storedBytes + more <= MAX_DOCUMENT_BYTES) return true;
    const now = Date.now();
    if (now - this.measuredAt < QUOTA_MEASURE_INTERVAL_MS) return false;
    this.measuredAt = now;
    this.storedBytes = Y.encodeStateAsUpdate(this.doc).length;
    return this.storedBytes + more <= MAX_DOCUMENT_BYTES;
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
    this.storedBytes += update.length;
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

  private readonly relayAwareness = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
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

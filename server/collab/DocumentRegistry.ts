import * as Y from 'yjs';
import type { Logger } from 'pino';
import { CloseCode } from '../../shared/limits.ts';
import type { Metrics } from '../metrics.ts';
import type { DocStore } from '../store/ports.ts';
import type { ClientConnection } from './ClientConnection.ts';
import type { DocumentBus } from './DocumentBus.ts';
import { loadDocument } from './documentLoader.ts';
import type { SharedDocument } from './SharedDocument.ts';
import type { DocumentRules } from './updateFilter.ts';

export interface RegistryOptions {
  /** How long a document without peers stays in memory. */
  idleUnloadMs: number;
  /** Stored updates since the last snapshot that trigger a compaction. */
  compactThreshold: number;
  /**
   * What a document may hold and which of its sections are locked, read when
   * it loads (and by `refreshRules`); without it nothing is checked.
   */
  rulesOf?: (docName: string) => Promise<DocumentRules>;
}

interface Loaded {
  document: SharedDocument;
  /** Updates in the store since the last snapshot. */
  uncompacted: number;
  compacting: Promise<void> | null;
  idleTimer: NodeJS.Timeout | null;
}

/**
 * Loads each document once (concurrent loads share one promise), unloads it
 * when idle, compacts it past a threshold and on unload.
 */
export class DocumentRegistry {
  private readonly loading = new Map<string, Promise<SharedDocument>>();
  private readonly loaded = new Map<SharedDocument, Loaded>();
  /** Per document name: the end of the chain of holds (see `hold`). */
  private readonly holds = new Map<string, Promise<void>>();
  /** Names under a hold now. */
  private readonly held = new Set<string>();
  /** Every document loading or loaded, by name. */
  private readonly byName = new Map<string, SharedDocument>();

  constructor(
    private readonly store: DocStore,
    private readonly options: RegistryOptions,
    private readonly log: Logger,
    private readonly metrics: Metrics,
    /** Shares documents with the other nodes (distributed mode); null on a single node. */
    private readonly bus: DocumentBus | null = null,
  ) {}

  get size(): number {
    return this.loaded.size;
  }

  documents(): SharedDocument[] {
    return [...this.loaded.keys()];
  }

  /**
   * Runs `fn` while no write of the document is in progress and none starts:
   * a workflow command that reads a draft, decides on it and records the
   * decision (a signature) must not have an update land in between. Updates
   * arriving meanwhile wait in the queue; afterwards the document's rules are
   * read again — the decision may have locked or unlocked sections — and the
   * queue is checked against them. A document that starts loading during the
   * hold starts paused. Holds of one document run one after the other.
   */
  async hold<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.holds.get(name) ?? Promise.resolve();
    let release!: () => void;
    const current = previous.then(() => new Promise<void>((resolve) => (release = resolve)));
    this.holds.set(name, current);
    await previous;
    this.held.add(name);
    let releaseNodes: (() => Promise<void>) | null = null;
    try {
      const loaded = this.byName.get(name);
      // This node's write in flight first (it may itself wait for another node's hold), then every node's.
      await loaded?.pauseWrites();
      if (this.bus) {
        releaseNodes = await this.bus.holdWrites(name);
        // What other nodes stored before the hold is read before the command reads the draft.
        await loaded?.catchUpNow();
      }
      return await fn();
    } finally {
      this.held.delete(name);
      // Released first: that moves the rules epoch on, so the rules read next belong to the new one.
      await releaseNodes?.().catch((error: unknown) =>
        this.log.warn({ cat: 'collab', doc: name, err: error }, 'releasing the hold on the other nodes failed; it expires'),
      );
      const document = this.byName.get(name);
      if (document) await this.reloadRules(document);
      document?.resumeWrites();
      // The other nodes holding the document check their writes against the new rules too.
      this.bus?.publishRulesChanged(name);
      release();
      if (this.holds.get(name) === current) this.holds.delete(name);
    }
  }

  /** Reads a loaded document's rules again (they changed elsewhere: another node). */
  async refreshRules(name: string): Promise<void> {
    const document = this.byName.get(name);
    if (document) await this.reloadRules(document);
  }

  /**
   * The rules, and in distributed mode the epoch they belong to — read first:
   * rules newer than their epoch only cost a retry, the other way round a
   * write checked against old rules would pass.
   */
  private async readRules(name: string): Promise<{ rules: DocumentRules; epoch: number }> {
    const epoch = (await this.bus?.rulesEpoch(name)) ?? 0;
    return { rules: await this.options.rulesOf!(name), epoch };
  }

  /** A document whose rules cannot be read cannot check its writes: it closes like one whose store failed. */
  private async reloadRules(document: SharedDocument): Promise<void> {
    if (!this.options.rulesOf) return;
    const version = ++document.rulesVersion;
    try {
      const { rules, epoch } = await this.readRules(document.name);
      if (document.rulesVersion === version) document.setRules(rules, epoch);
    } catch (error) {
      this.onWriteFailure(document, error);
    }
  }

  get(name: string): Promise<SharedDocument> {
    let promise = this.loading.get(name);
    if (!promise) {
      promise = this.load(name);
      this.loading.set(name, promise);
      promise.catch(() => this.loading.delete(name));
    }
    return promise;
  }

  /**
   * Reads a document as the server holds it — only durable content, by the
   * write-ahead rule — loading it when needed; it unloads again when idle.
   */
  async read<T>(name: string, fn: (doc: Y.Doc) => T): Promise<T> {
    const document = await this.get(name);
    try {
      return fn(document.doc);
    } finally {
      this.leave(document);
    }
  }

  /**
   * Reads several documents at one moment: all are loaded first, then `fn`
   * runs over them in one synchronous step. Updates are applied to a loaded
   * document synchronously on the event loop, so no update lands on any of
   * them between the first read and the last (a version of a case's three
   * documents relies on it). A document unloaded while the others loaded is
   * loaded again, so `fn` never sees a discarded copy.
   */
  async readAll<T>(names: readonly string[], fn: (docs: Y.Doc[]) => T): Promise<T> {
    const documents = await Promise.all(names.map((name) => this.get(name)));
    try {
      if (documents.some((document) => !this.loaded.has(document))) return await this.readAll(names, fn);
      return fn(documents.map((document) => document.doc));
    } finally {
      for (const document of documents) this.leave(document);
    }
  }

  /** Attaches a connection to its document, loading the document when needed. */
  async connect(connection: ClientConnection): Promise<void> {
    const document = await this.get(connection.context.docName);
    const entry = this.loaded.get(document);
    if (!entry) return this.connect(connection); // unloaded while we waited: load again
    this.cancelIdle(entry);
    connection.attach(document);
    if (connection.isClosed) this.leave(document);
  }

  /** Called when a connection of `document` closed. */
  leave(document: SharedDocument): void {
    const entry = this.loaded.get(document);
    if (entry && document.peers.size === 0 && !entry.idleTimer) {
      entry.idleTimer = setTimeout(() => void this.unload(entry), this.options.idleUnloadMs);
      entry.idleTimer.unref();
    }
  }

  /** Closes every peer, writes what is queued, compacts and frees every document. */
  async shutdown(): Promise<void> {
    await Promise.all([...this.loaded.values()].map((entry) => this.unload(entry, true)));
  }

  private async load(name: string): Promise<SharedDocument> {
    const { document, uncompacted } = await loadDocument(name, {
      store: this.store,
      bus: this.bus,
      log: this.log,
      hooks: {
        afterWrite: (doc, updates, pendingInStore) => this.afterWrite(doc, updates, pendingInStore),
        onWriteFailure: (doc, error) => this.onWriteFailure(doc, error),
        onCatchUpFailure: (doc, error) => this.log.warn({ cat: 'collab', doc: doc.name, err: error }, 'catching up with other nodes failed'),
        onRulesChanged: (doc) => void this.reloadRules(doc),
        onHeldElsewhere: (doc) => this.reloadRules(doc),
      },
      readRules: this.options.rulesOf ? (docName) => this.readRules(docName) : null,
      created: (doc) => {
        this.byName.set(name, doc);
        if (this.held.has(name)) void doc.pauseWrites();
      },
      abandoned: (doc) => {
        if (this.byName.get(name) === doc) this.byName.delete(name);
      },
    });
    const entry: Loaded = { document, uncompacted, compacting: null, idleTimer: null };
    this.loaded.set(document, entry);
    this.metrics.docsLoaded.set(this.loaded.size);
    if (entry.uncompacted >= this.options.compactThreshold) void this.compact(entry);
    return document;
  }

  private afterWrite(document: SharedDocument, updates: number, pendingInStore: number): void {
    this.metrics.updatesApplied.inc(updates);
    const entry = this.loaded.get(document);
    if (!entry) return;
    entry.uncompacted = pendingInStore;
    if (pendingInStore >= this.options.compactThreshold && !entry.compacting) setImmediate(() => void this.compact(entry));
  }

  private onWriteFailure(document: SharedDocument, error: unknown): void {
    this.log.error({ cat: 'collab', doc: document.name, err: error }, 'store write failed; closing the document');
    for (const peer of [...document.peers]) peer.close(CloseCode.internalError, 'store unavailable');
    this.forget(document);
    document.destroy();
  }

  private async compact(entry: Loaded): Promise<void> {
    if (entry.compacting) return entry.compacting;
    const { document } = entry;
    const run = async () => {
      const seq = document.lastSeq;
      const snapshot = Y.encodeStateAsUpdate(document.doc);
      const counted = document.storedBytes;
      await this.store.compact(document.name, snapshot, seq);
      // What was appended while the snapshot was written stays counted on top of it.
      document.storedBytes = snapshot.length + (document.storedBytes - counted);
      entry.uncompacted = 0;
      this.metrics.compactions.inc();
    };
    entry.compacting = run()
      .catch((error: unknown) => this.log.error({ cat: 'collab', doc: document.name, err: error }, 'compaction failed'))
      .finally(() => {
        entry.compacting = null;
      });
    return entry.compacting;
  }

  private async unload(entry: Loaded, closePeers = false): Promise<void> {
    const { document } = entry;
    this.cancelIdle(entry);
    if (closePeers) {
      for (const peer of [...document.peers]) peer.close(CloseCode.goingAway, 'server shutting down');
    }
    await document.drain();
    if (document.peers.size > 0 || !this.loaded.has(document)) return;
    this.forget(document);
    if (entry.compacting) await entry.compacting;
    if (entry.uncompacted > 0) await this.compact(entry);
    document.destroy();
  }

  private forget(document: SharedDocument): void {
    const entry = this.loaded.get(document);
    if (entry) this.cancelIdle(entry);
    this.loaded.delete(document);
    this.loading.delete(document.name);
    if (this.byName.get(document.name) === document) this.byName.delete(document.name);
    this.bus?.leave(document.name, document);
    this.metrics.docsLoaded.set(this.loaded.size);
  }

  private cancelIdle(entry: Loaded): void {
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    entry.idleTimer = null;
  }
}

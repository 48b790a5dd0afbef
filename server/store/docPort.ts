/** The document store port (docs/architecture.md, docs/durability.md); re-exported by ports.ts. */

export interface StoredDoc {
  /** Compacted state, or null when the document was never compacted. */
  snapshot: Uint8Array | null;
  /** Updates appended after the snapshot, oldest first. */
  updates: Uint8Array[];
  /** Sequence number of the newest stored entry (0 when the document is empty). */
  seq: number;
}

export interface AppendResult {
  /** Sequence number of the last appended update. */
  seq: number;
  /** Updates stored after the last snapshot, including these. */
  pendingCount: number;
}

/**
 * Distributed mode: the rules epoch the updates were checked against (see
 * DocumentBus.rulesEpoch). A store shared by several nodes refuses the append
 * with DocumentHeldError when the epoch moved on meanwhile; a store of one
 * node ignores it.
 */
export interface AppendChecked {
  rulesEpoch: number;
}

export interface DocStore {
  load(docName: string): Promise<StoredDoc>;
  /**
   * Appends updates in order; resolves only once they survive the death of
   * the process (the level at which they may be relayed, docs/durability.md).
   * The bytes are taken as they are at the call; appending none reports the current seq.
   */
  append(docName: string, updates: Uint8Array[], checked?: AppendChecked): Promise<AppendResult>;
  /**
   * Resolves once everything appended before the call survives a power loss
   * as well (the level at which the writer is acknowledged). Calls made close
   * together share one fsync; a store that syncs every append resolves at once.
   */
  flush(): Promise<void>;
  /**
   * Replaces every stored update with seq <= uptoSeq by `snapshot`, atomically.
   * The snapshot must contain at least those updates. A compaction older than the
   * stored snapshot (a smaller uptoSeq) is ignored: it would drop the updates in between.
   */
  compact(docName: string, snapshot: Uint8Array, uptoSeq: number): Promise<void>;
}

/**
 * An append refused because a workflow command holds the document's writes
 * on every node (distributed mode, see DocumentRegistry.hold): nothing was
 * stored; the writer checks its updates again and retries once it is released.
 */
export class DocumentHeldError extends Error {
  constructor(readonly docName: string) {
    super(`The writes of ${docName} are held by a workflow command`);
  }
}

/**
 * How the nodes of the distributed mode share live documents (docs/architecture.md,
 * "Scale-out"). A node that holds a document joins its channel: durable
 * updates stored through any node reach it in order of their sequence
 * numbers, and awareness (carets, presence) is passed on as it is.
 * The embedded mode has one node and no bus.
 */
export interface DocumentBus {
  /** This node's id, unique among the nodes sharing the bus. */
  readonly nodeId: string;
  /** Starts delivering a document's messages to `feed`; resolves once nothing can be missed any more. */
  join(docName: string, feed: DocumentFeed): Promise<void>;
  /** Stops delivering to `feed` (a newer feed of the same document stays joined). */
  leave(docName: string, feed: DocumentFeed): void;
  /** Passes an awareness update of this node's clients to the other nodes. */
  publishAwareness(docName: string, update: Uint8Array): void;
  /**
   * Holds the document's writes on every node (stores refuse them with
   * DocumentHeldError) until the returned release is called; waits while
   * another node holds them.
   */
  holdWrites(docName: string): Promise<() => Promise<void>>;
  /**
   * The document's rules epoch: read before its rules, and given with every
   * append (an append checked against older rules is refused and checked again).
   */
  rulesEpoch(docName: string): Promise<number>;
  /** Tells the other nodes that the document's rules changed (a section was locked or unlocked): they read them again. */
  publishRulesChanged(docName: string): void;
  /**
   * The stored updates after `afterSeq`, with the seq of the newest; null when
   * compaction already folded some of them into the snapshot (load instead).
   */
  readAfter(docName: string, afterSeq: number): Promise<{ seq: number; updates: Uint8Array[] } | null>;
  close(): Promise<void>;
}

/** What a joined document receives from the other nodes. */
export interface DocumentFeed {
  /** Durable updates stored through another node; `firstSeq` is the seq of the first. */
  onRemoteUpdates(firstSeq: number, updates: Uint8Array[]): void;
  onRemoteAwareness(update: Uint8Array): void;
  /** Another node changed the document's rules. */
  onRemoteRulesChanged(): void;
  /** The link to the other nodes was interrupted: messages may have been missed. */
  onResync(): void;
}

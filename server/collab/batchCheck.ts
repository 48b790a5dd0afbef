import * as Y from 'yjs';
import { MAX_DOCUMENT_BYTES } from '../../shared/limits.ts';
import { UpdateFilter, type DocumentRules } from './updateFilter.ts';
import type { QueuedUpdate, WritingPeer } from './writeQueue.ts';

/** How often a document at its size quota may be measured again (a full encoding each time). */
const QUOTA_MEASURE_INTERVAL_MS = 10_000;

/** A document's stored size against MAX_DOCUMENT_BYTES. */
export class DocumentQuota {
  /** Bytes stored for this document (snapshot and updates); exact after a load or compaction. */
  storedBytes = 0;
  /** When the stored size was last measured by encoding the document (see `fits`). */
  private measuredAt = 0;

  constructor(private readonly doc: Y.Doc) {}

  /**
   * Whether `more` bytes fit under MAX_DOCUMENT_BYTES. The stored size counts
   * every update as appended, also what later edits removed; near the quota
   * the document is measured as a compaction would store it (at most every
   * QUOTA_MEASURE_INTERVAL_MS: it costs a full encoding), and the measure
   * replaces the count — what is appended later can only add to it.
   */
  fits(more: number): boolean {
    if (this.storedBytes + more <= MAX_DOCUMENT_BYTES) return true;
    const now = Date.now();
    if (now - this.measuredAt < QUOTA_MEASURE_INTERVAL_MS) return false;
    this.measuredAt = now;
    this.storedBytes = Y.encodeStateAsUpdate(this.doc).length;
    return this.storedBytes + more <= MAX_DOCUMENT_BYTES;
  }
}

/**
 * Filters a batch before it is stored: what the rules refuse becomes GC
 * ranges (the sender is told), and the updates of a peer that would grow
 * the document past MAX_DOCUMENT_BYTES are dropped with every later one of
 * that peer in the batch (they may build on it). Returns those peers.
 */
export function checkBatch<P extends WritingPeer>(batch: QueuedUpdate<P>[], doc: Y.Doc, rules: DocumentRules | null, quota: DocumentQuota): Set<P> {
  const tooLarge = new Set<P>();
  const filter = rules ? new UpdateFilter(doc, rules) : null;
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
    if (!quota.fits(inBatch + item.update.length)) {
      tooLarge.add(item.origin);
      item.update = null;
      continue;
    }
    inBatch += item.update.length;
  }
  return tooLarge;
}

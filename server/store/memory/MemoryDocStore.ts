import type { AppendResult, DocStore, StoredDoc } from '../ports.ts';

interface Entry {
  snapshot: Uint8Array | null;
  snapshotSeq: number;
  updates: { seq: number; data: Uint8Array }[];
  seq: number;
}

/**
 * Copies bytes into a plain Uint8Array of their own. `Buffer#slice` shares memory
 * with the original, so it would not protect the store from a caller reusing a buffer.
 */
const copy = (data: Uint8Array) => new Uint8Array(data);

/** In-memory document store for fast unit tests; not durable. */
export class MemoryDocStore implements DocStore {
  private readonly docs = new Map<string, Entry>();

  async load(docName: string): Promise<StoredDoc> {
    const entry = this.docs.get(docName);
    if (!entry) return { snapshot: null, updates: [], seq: 0 };
    return {
      snapshot: entry.snapshot && copy(entry.snapshot),
      updates: entry.updates.map((u) => copy(u.data)),
      seq: entry.seq,
    };
  }

  async append(docName: string, updates: Uint8Array[]): Promise<AppendResult> {
    const entry = this.entry(docName);
    for (const data of updates) entry.updates.push({ seq: ++entry.seq, data: copy(data) });
    return { seq: entry.seq, pendingCount: entry.updates.length };
  }

  /** Nothing here survives anything: appends are as durable as they will get. */
  async flush(): Promise<void> {}

  async compact(docName: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    const entry = this.entry(docName);
    // A snapshot that covers less than the stored one would drop the updates in between.
    if (entry.snapshot && uptoSeq < entry.snapshotSeq) return;
    entry.snapshot = copy(snapshot);
    entry.snapshotSeq = uptoSeq;
    entry.updates = entry.updates.filter((u) => u.seq > uptoSeq);
  }

  private entry(docName: string): Entry {
    let entry = this.docs.get(docName);
    if (!entry) {
      entry = { snapshot: null, snapshotSeq: 0, updates: [], seq: 0 };
      this.docs.set(docName, entry);
    }
    return entry;
  }
}

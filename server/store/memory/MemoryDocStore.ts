import type { AppendResult, DocStore, StoredDoc } from '../ports.ts';

interface Entry {
  snapshot: Uint8Array | null;
  updates: { seq: number; data: Uint8Array }[];
  seq: number;
}

/** In-memory document store for fast unit tests; not durable. */
export class MemoryDocStore implements DocStore {
  private readonly docs = new Map<string, Entry>();

  async load(docName: string): Promise<StoredDoc> {
    const entry = this.docs.get(docName);
    if (!entry) return { snapshot: null, updates: [], seq: 0 };
    return { snapshot: entry.snapshot, updates: entry.updates.map((u) => u.data), seq: entry.seq };
  }

  async append(docName: string, updates: Uint8Array[]): Promise<AppendResult> {
    const entry = this.entry(docName);
    for (const data of updates) entry.updates.push({ seq: ++entry.seq, data: data.slice() });
    return { seq: entry.seq, pendingCount: entry.updates.length };
  }

  async compact(docName: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    const entry = this.entry(docName);
    entry.snapshot = snapshot.slice();
    entry.updates = entry.updates.filter((u) => u.seq > uptoSeq);
  }

  private entry(docName: string): Entry {
    let entry = this.docs.get(docName);
    if (!entry) {
      entry = { snapshot: null, updates: [], seq: 0 };
      this.docs.set(docName, entry);
    }
    return entry;
  }
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AppendResult } from '../../server/store/ports.ts';
import { bytes, nextTurn, useFreshStores, type MakeStores } from './fixture.ts';
import { docFromUpdates, editingSession, expectSameContent, reconstruct, recordSession } from './tiptapDoc.ts';

/** The DocStore rules every adapter keeps (docs/architecture.md, "Durability"). */
export function docStoreContract(name: string, makeStores: MakeStores): void {
  describe(`DocStore contract: ${name}`, () => {
    const stores = useFreshStores(makeStores);
    const docs = () => stores().docs;

    it('an empty document loads as no snapshot, no updates, seq 0', async () => {
      expect(await docs().load('cases/none/joint')).toEqual({ snapshot: null, updates: [], seq: 0 });
    });

    it('appended updates load back in order and byte-identical', async () => {
      const updates = [bytes(1), bytes(2, 1), bytes(3, 300), bytes(4)];
      await docs().append('d', updates.slice(0, 2));
      await docs().append('d', updates.slice(2));
      const stored = await docs().load('d');
      expect(stored.snapshot).toBeNull();
      expect(stored.updates).toEqual(updates);
      for (const update of stored.updates) expect(update).toBeInstanceOf(Uint8Array);
    });

    it('seq increases with every append and load reports the newest', async () => {
      const seqs: number[] = [];
      for (let i = 0; i < 5; i++) seqs.push((await docs().append('d', [bytes(i), bytes(i + 10)])).seq);
      for (let i = 1; i < seqs.length; i++) expect(seqs[i]!).toBeGreaterThan(seqs[i - 1]!);
      expect(seqs[0]!).toBeGreaterThan(0);
      expect((await docs().load('d')).seq).toBe(seqs.at(-1));
    });

    it('appending no updates stores nothing and reports the current seq', async () => {
      const { seq } = await docs().append('d', [bytes(1), bytes(2)]);
      expect(await docs().append('d', [])).toEqual({ seq, pendingCount: 2 });
      expect((await docs().load('d')).updates).toHaveLength(2);
      expect(await docs().append('empty', [])).toEqual({ seq: 0, pendingCount: 0 });
      expect(await docs().load('empty')).toEqual({ snapshot: null, updates: [], seq: 0 });
    });

    it('pendingCount counts the updates stored since the last snapshot', async () => {
      expect((await docs().append('d', [bytes(1)])).pendingCount).toBe(1);
      const second = await docs().append('d', [bytes(2), bytes(3)]);
      expect(second.pendingCount).toBe(3);
      expect((await docs().append('d', [bytes(4)])).pendingCount).toBe(4);
      await docs().compact('d', bytes(99), second.seq);
      expect((await docs().append('d', [bytes(5)])).pendingCount).toBe(2);
      const { seq } = await docs().load('d');
      await docs().compact('d', bytes(100), seq);
      expect((await docs().append('d', [bytes(6)])).pendingCount).toBe(1);
    });

    it('concurrent appends to one document in the same turn all land and keep per-call order', async () => {
      const calls = [[bytes(1), bytes(2)], [bytes(3)], [bytes(4), bytes(5), bytes(6)], [bytes(7)]];
      const results = await Promise.all(calls.map((updates) => docs().append('d', updates)));
      expectAllLandedInCallOrder((await docs().load('d')).updates, calls);
      expect(new Set(results.map((r) => r.seq)).size).toBe(calls.length);
      expect(Math.max(...results.map((r) => r.pendingCount))).toBe(7);
      expect((await docs().load('d')).seq).toBe(Math.max(...results.map((r) => r.seq)));
    });

    it('concurrent appends to several documents, within a turn and across turns, all land and keep per-call order', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.record({ doc: fc.nat({ max: 3 }), size: fc.integer({ min: 1, max: 4 }), wait: fc.constantFrom('none', 'microtask', 'turn') }), {
            minLength: 1,
            maxLength: 30,
          }),
          async (plan) => {
            const run = `run-${Math.random().toString(36).slice(2)}`;
            const calls = new Map<string, Uint8Array[][]>();
            const pending: Promise<AppendResult>[] = [];
            let seed = 0;
            for (const { doc, size, wait } of plan) {
              const docName = `${run}/${doc}`;
              const updates = Array.from({ length: size }, () => bytes(++seed, 1 + (seed % 5)));
              calls.set(docName, [...(calls.get(docName) ?? []), updates]);
              pending.push(docs().append(docName, updates));
              if (wait === 'microtask') await Promise.resolve();
              if (wait === 'turn') await nextTurn();
            }
            await Promise.all(pending);
            for (const [docName, docCalls] of calls) expectAllLandedInCallOrder((await docs().load(docName)).updates, docCalls);
          },
        ),
        { numRuns: 40 },
      );
    });

    it('documents are isolated from each other', async () => {
      await Promise.all([docs().append('cases/a/joint', [bytes(1)]), docs().append('cases/b/joint', [bytes(2)])]);
      await docs().append('cases/a/joint', [bytes(3)]);
      const b = await docs().load('cases/b/joint');
      await docs().compact('cases/a/joint', bytes(50), (await docs().load('cases/a/joint')).seq);
      expect(await docs().load('cases/a/joint')).toMatchObject({ snapshot: bytes(50), updates: [] });
      expect(await docs().load('cases/b/joint')).toEqual(b);
      expect(b.updates).toEqual([bytes(2)]);
      expect(await docs().load('cases/a')).toEqual({ snapshot: null, updates: [], seq: 0 });
    });

    it('compact replaces updates with seq <= uptoSeq by the snapshot and keeps later ones', async () => {
      const first = await docs().append('d', [bytes(1), bytes(2)]);
      const later = await docs().append('d', [bytes(3)]);
      await docs().compact('d', bytes(12, 20), first.seq);
      expect(await docs().load('d')).toEqual({ snapshot: bytes(12, 20), updates: [bytes(3)], seq: later.seq });
      await docs().compact('d', bytes(123, 30), later.seq);
      expect(await docs().load('d')).toEqual({ snapshot: bytes(123, 30), updates: [], seq: later.seq });
    });

    it('seq keeps increasing after a compaction', async () => {
      const { seq } = await docs().append('d', [bytes(1), bytes(2)]);
      await docs().compact('d', bytes(12), seq);
      const next = await docs().append('d', [bytes(3)]);
      expect(next.seq).toBeGreaterThan(seq);
      expect(await docs().load('d')).toEqual({ snapshot: bytes(12), updates: [bytes(3)], seq: next.seq });
    });

    it('a stale compaction never rolls a document back', async () => {
      const editor = new Y.Doc();
      const log: Uint8Array[] = [];
      editor.on('update', (update: Uint8Array) => log.push(update));
      const type = (words: string) => editor.getXmlFragment('d240').insert(0, [new Y.XmlText(words)]);
      type('one ');
      type('two ');
      const early = await docs().append('d', log.splice(0));
      const staleSnapshot = Y.encodeStateAsUpdate(editor);
      type('three ');
      const late = await docs().append('d', log.splice(0));
      // Another compaction (another node, or an earlier unload) already went further.
      await docs().compact('d', Y.encodeStateAsUpdate(editor), late.seq);
      type('four ');
      await docs().append('d', log.splice(0));
      await docs().compact('d', staleSnapshot, early.seq);
      expectSameContent(reconstruct(await docs().load('d')), editor);
    });

    it('compaction leaves the content identical', async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          editingSession(3, 60),
          fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 10 }),
          fc.nat(),
          fc.nat({ max: 3 }),
          async (steps, chunkSizes, cutAt, lag) => {
            const docName = `cases/prop-${++run}/joint`;
            const log = recordSession(steps, 3);
            const calls = chunk(log, chunkSizes);
            const cut = cutAt % (calls.length + 1);
            // Append the log in calls of varying size. Like the relay, snapshot the state at
            // one point and compact a few calls later, while newer updates are already stored.
            const relay = new Y.Doc();
            let midCompaction: { snapshot: Uint8Array; seq: number } | null = null;
            for (const [i, updates] of calls.entries()) {
              const { seq } = await docs().append(docName, updates);
              for (const update of updates) Y.applyUpdate(relay, update);
              if (i === cut) midCompaction = { snapshot: Y.encodeStateAsUpdate(relay), seq };
              if (midCompaction && (i === cut + lag || i === calls.length - 1)) {
                await docs().compact(docName, midCompaction.snapshot, midCompaction.seq);
                midCompaction = null;
              }
            }
            const expected = docFromUpdates(log);
            const before = await docs().load(docName);
            const loaded = reconstruct(before);
            expectSameContent(loaded, expected);

            const snapshot = Y.encodeStateAsUpdate(loaded);
            await docs().compact(docName, snapshot, before.seq);
            const after = await docs().load(docName);
            expect(after).toEqual({ snapshot, updates: [], seq: before.seq });
            const compacted = reconstruct(after);
            expectSameContent(compacted, expected);
            expectSameContent(compacted, loaded);
            for (const doc of [relay, expected, loaded, compacted]) doc.destroy();
          },
        ),
        { numRuns: 40 },
      );
    });

    it('updates appended after a compaction survive a second compaction', async () => {
      const editor = new Y.Doc();
      const log: Uint8Array[] = [];
      editor.on('update', (update: Uint8Array) => log.push(update));
      const section = editor.getXmlFragment('d430');
      const paragraph = new Y.XmlElement('paragraph');
      const text = new Y.XmlText('Kan 2 uur staan.');
      paragraph.insert(0, [text]);
      section.insert(0, [paragraph]);
      const first = await docs().append('d', log.splice(0));
      await docs().compact('d', Y.encodeStateAsUpdate(editor), first.seq);

      text.insert(text.length, ' Daarna pauze.', { bold: true });
      text.delete(0, 4);
      const second = await docs().append('d', log.splice(0));
      const server = reconstruct(await docs().load('d'));
      await docs().compact('d', Y.encodeStateAsUpdate(server), second.seq);
      text.format(0, 3, { italic: true });
      await docs().append('d', log.splice(0));

      const stored = await docs().load('d');
      expect(stored.updates).toHaveLength(1);
      expectSameContent(reconstruct(stored), editor);
      expect(section.toJSON()).toContain('Daarna pauze.');
    });

    it('binary data round-trips exactly, including views with a non-zero byteOffset', async () => {
      const buffer = new ArrayBuffer(32);
      new Uint8Array(buffer).forEach((_, i, all) => (all[i] = 200 + i));
      const view = new Uint8Array(buffer, 3, 10);
      const everyByte = Uint8Array.from({ length: 256 }, (_, i) => 255 - i);
      const nodeBuffer = Buffer.from(buffer, 5, 4);
      await docs().append('d', [view, everyByte, nodeBuffer, Uint8Array.of(0)]);
      const stored = await docs().load('d');
      expect(stored.updates.map((u) => [...u])).toEqual([[...view], [...everyByte], [...nodeBuffer], [0]]);
      expect(stored.updates[0]).toHaveLength(10);

      await docs().compact('d', new Uint8Array(buffer, 7, 5), stored.seq);
      expect([...(await docs().load('d')).snapshot!]).toEqual([207, 208, 209, 210, 211]);
    });

    it('append stores the bytes as they were when it was called', async () => {
      const reused = Uint8Array.of(1, 2, 3);
      const socketBuffer = Buffer.from([4, 5]);
      const calls = [docs().append('d', [reused, socketBuffer])];
      reused.set([9, 9, 9]);
      socketBuffer.fill(0);
      calls.push(docs().append('d', [reused]));
      reused.set([7, 7, 7]);
      await Promise.all(calls);
      const stored = (await docs().load('d')).updates.map((u) => [...u]);
      expect(stored).toEqual([
        [1, 2, 3],
        [4, 5],
        [9, 9, 9],
      ]);
    });

    it('changing what load returned does not change what is stored', async () => {
      const { seq } = await docs().append('d', [Uint8Array.of(1, 2, 3)]);
      await docs().compact('d', Uint8Array.of(4, 5), seq);
      await docs().append('d', [Uint8Array.of(6)]);
      const first = await docs().load('d');
      first.snapshot!.fill(0);
      first.updates[0]!.fill(0);
      first.updates.push(Uint8Array.of(8));
      expect(await docs().load('d')).toEqual({ snapshot: Uint8Array.of(4, 5), updates: [Uint8Array.of(6)], seq: first.seq });
    });
  });
}

/** Splits `log` into consecutive calls whose sizes cycle through `sizes`. */
function chunk(log: Uint8Array[], sizes: number[]): Uint8Array[][] {
  const calls: Uint8Array[][] = [];
  for (let start = 0; start < log.length; start += calls.at(-1)!.length) {
    calls.push(log.slice(start, start + sizes[calls.length % sizes.length]!));
  }
  return calls;
}

/** Every call's updates are stored, each call's in its own order (calls may interleave). */
function expectAllLandedInCallOrder(stored: Uint8Array[], calls: Uint8Array[][]): void {
  const key = (update: Uint8Array) => Buffer.from(update).toString('hex');
  const position = new Map(stored.map((update, i) => [key(update), i]));
  expect(stored).toHaveLength(calls.flat().length);
  for (const call of calls) {
    const positions = call.map((update) => position.get(key(update)));
    expect(positions).not.toContain(undefined);
    expect(positions).toEqual([...(positions as number[])].sort((a, b) => a - b));
  }
}

import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, UPDATE_RATE } from '../../shared/limits.ts';
import { ClientConnection, type ConnectionContext } from '../../server/collab/ClientConnection.ts';
import { DocumentRegistry, type RegistryOptions } from '../../server/collab/DocumentRegistry.ts';
import type { DocumentRules } from '../../server/collab/updateFilter.ts';
import { decodeClientMessage, encodeSync, MessageType, SyncType } from '../../server/collab/protocol.ts';
import { MESSAGE_AUTH, WRITE_ACK, WRITE_REFUSED } from '../../shared/collabProtocol.ts';
import * as decoding from 'lib0/decoding';
import { createMetrics } from '../../server/metrics.ts';
import { MemoryDocStore } from '../../server/store/memory/MemoryDocStore.ts';
import type { AppendResult, DocStore } from '../../server/store/ports.ts';
import { sectionText, typeInto } from '../helpers/collabClient.ts';
import { waitFor } from '../helpers/waitFor.ts';

const DOC = 'cases/demo/joint';

function context(access: 'rw' | 'r' = 'rw'): ConnectionContext {
  return {
    userId: 'u1',
    username: 'ba.demo',
    name: 'Anna Bakker',
    role: 'bedrijfsarts',
    organisationId: 'demo-arbo',
    caseRole: 'ba',
    caseId: 'demo',
    docName: DOC,
    part: 'joint',
    access,
    tokenId: 't1',
    tokenExpiresAt: Number.MAX_SAFE_INTEGER,
    sessionId: null,
    sessionVersion: 0,
    secondFactor: false,
    ip: null,
    userAgent: null,
  };
}

/** A connection whose socket records what it was sent. */
function fakeConnection(registry: DocumentRegistry, access: 'rw' | 'r' = 'rw') {
  const sent: Uint8Array[] = [];
  const closes: number[] = [];
  const connection: ClientConnection = new ClientConnection(
    { send: (data) => sent.push(data), close: (code) => closes.push(code), pause: () => undefined, resume: () => undefined },
    context(access),
    UPDATE_RATE,
    {
      onReadOnlyWrite: () => undefined,
      onBadMessage: () => undefined,
      onLimit: () => undefined,
      onRefused: () => undefined,
      onClose: (c) => c.document && registry.leave(c.document),
    },
  );
  const updates = () =>
    sent
      .filter((m) => m[0] === MessageType.sync)
      .map((m) => decodeClientMessage(m))
      .filter((m) => m.type === 'update');
  /** Update messages the server has acknowledged as durable, in total. */
  const acknowledged = () =>
    sent.filter((m) => m[0] === MESSAGE_AUTH && m[1] === WRITE_ACK).reduce((sum, m) => sum + decoding.readVarUint(decoding.createDecoder(m.subarray(2))), 0);
  /** The refusals the server sent, decoded. */
  const refusals = () =>
    sent
      .filter((m) => m[0] === MESSAGE_AUTH && m[1] === WRITE_REFUSED)
      .map((m) => JSON.parse(decoding.readVarString(decoding.createDecoder(m.subarray(2)))) as unknown);
  return { connection, sent, closes, updates, acknowledged, refusals };
}

function updateOf(text: string): Uint8Array {
  const doc = new Y.Doc();
  typeInto(doc, 'd240', text);
  return Y.encodeStateAsUpdate(doc);
}

function makeRegistry(store: DocStore, options: Partial<RegistryOptions> = {}) {
  return new DocumentRegistry(store, { idleUnloadMs: 60_000, compactThreshold: 1000, ...options }, pino({ level: 'silent' }), createMetrics());
}

/** A store whose appends wait until the test releases them. */
class GatedStore extends MemoryDocStore {
  private gates: (() => void)[] = [];
  override async append(docName: string, updates: Uint8Array[]): Promise<AppendResult> {
    await new Promise<void>((resolve) => this.gates.push(resolve));
    return super.append(docName, updates);
  }
  release(): void {
    for (const open of this.gates.splice(0)) open();
  }
  get waiting(): number {
    return this.gates.length;
  }
}

describe('DocumentRegistry and the write-ahead relay', () => {
  it('concurrent loads of one document share one load', async () => {
    const store = new MemoryDocStore();
    const load = vi.spyOn(store, 'load');
    const registry = makeRegistry(store);
    const [a, b, c] = await Promise.all([registry.get(DOC), registry.get(DOC), registry.get(DOC)]);
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('readAll loads every document first, then reads them all in one step, and lets them unload again', async () => {
    const store = new MemoryDocStore();
    const other = 'cases/demo/occupational';
    await store.append(DOC, [updateOf('gezamenlijk')]);
    await store.append(other, [updateOf('bedrijfsarts')]);
    const registry = makeRegistry(store, { idleUnloadMs: 10 });
    const texts = await registry.readAll([DOC, other], (docs) => docs.map((doc) => sectionText(doc, 'd240')));
    expect(texts).toEqual(['gezamenlijk', 'bedrijfsarts']);
    await waitFor(() => registry.size === 0);
  });

  it('relays an update only after the store has made it durable', async () => {
    const store = new GatedStore();
    const registry = makeRegistry(store);
    const writer = fakeConnection(registry);
    const reader = fakeConnection(registry);
    await registry.connect(writer.connection);
    await registry.connect(reader.connection);

    writer.connection.receive(encodeSync(SyncType.update, updateOf('eerst opslaan')));
    await waitFor(() => store.waiting === 1);
    expect(reader.updates()).toHaveLength(0);
    // A sync reply before durability must not show the update either.
    const document = await registry.get(DOC);
    expect(sectionText(document.doc, 'd240')).toBe('');

    expect(writer.acknowledged()).toBe(0);

    store.release();
    await waitFor(() => reader.updates().length === 1, { what: 'relay after durability' });
    expect(sectionText(document.doc, 'd240')).toBe('eerst opslaan');
    // The author does not get its own update back, but an acknowledgement.
    expect(writer.updates()).toHaveLength(0);
    expect(writer.acknowledged()).toBe(1);
  });

  it('relays an update message as the writer sent it, and an update repeating what the document holds not at all', async () => {
    const registry = makeRegistry(new MemoryDocStore());
    const writer = fakeConnection(registry);
    const reader = fakeConnection(registry);
    await registry.connect(writer.connection);
    await registry.connect(reader.connection);
    const message = encodeSync(SyncType.update, updateOf('zoals verzonden'));
    writer.connection.receive(message);
    await waitFor(() => writer.acknowledged() === 1, { what: 'the first acknowledgement' });
    const relayedUpdates = () => reader.sent.filter((m) => m[0] === MessageType.sync && m[1] === SyncType.update);
    expect(relayedUpdates()).toEqual([message]);
    // The same update again (a client's resync, say): stored and acknowledged, but nothing new for the reader.
    writer.connection.receive(message);
    await waitFor(() => writer.acknowledged() === 2, { what: 'the second acknowledgement' });
    expect(relayedUpdates()).toHaveLength(1);
  });

  it('acknowledges every update message in order, empty ones too, only once what came before is durable', async () => {
    const store = new GatedStore();
    const registry = makeRegistry(store);
    const writer = fakeConnection(registry);
    await registry.connect(writer.connection);
    writer.connection.receive(encodeSync(SyncType.update, updateOf('een')));
    writer.connection.receive(encodeSync(SyncType.step2, new Uint8Array([0, 0])));
    await waitFor(() => store.waiting === 1);
    expect(writer.acknowledged()).toBe(0);
    store.release();
    await waitFor(() => writer.acknowledged() === 2, { what: 'two acknowledgements' });
    // With nothing queued, an empty update is acknowledged at once.
    writer.connection.receive(encodeSync(SyncType.update, new Uint8Array([0, 0])));
    expect(writer.acknowledged()).toBe(3);
    expect((await store.load(DOC)).updates).toHaveLength(1);
  });

  it('never applies updates from a read-only connection', async () => {
    const store = new MemoryDocStore();
    const registry = makeRegistry(store);
    const reader = fakeConnection(registry, 'r');
    const other = fakeConnection(registry);
    await registry.connect(reader.connection);
    await registry.connect(other.connection);
    reader.connection.receive(encodeSync(SyncType.update, updateOf('mag niet')));
    reader.connection.receive(encodeSync(SyncType.step2, updateOf('ook niet')));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await store.load(DOC)).updates).toHaveLength(0);
    expect(other.updates()).toHaveLength(0);
  });

  it('compacts past the threshold, keeping the content identical', async () => {
    const store = new MemoryDocStore();
    const registry = makeRegistry(store, { compactThreshold: 10 });
    const writer = fakeConnection(registry);
    await registry.connect(writer.connection);
    const source = new Y.Doc();
    source.on('update', (update: Uint8Array) => writer.connection.receive(encodeSync(SyncType.update, update)));
    for (let i = 0; i < 25; i++) typeInto(source, 'd240', `${i} `);
    const document = await registry.get(DOC);
    await waitFor(() => sectionText(document.doc, 'd240') === sectionText(source, 'd240'));
    await waitFor(async () => (await store.load(DOC)).snapshot !== null, { what: 'a compaction' });

    const stored = await store.load(DOC);
    expect(stored.updates.length).toBeLessThan(10);
    const restored = new Y.Doc();
    Y.applyUpdate(restored, Y.mergeUpdates([stored.snapshot!, ...stored.updates]));
    expect(sectionText(restored, 'd240')).toBe(sectionText(source, 'd240'));
  });

  it('unloads an idle document after the last connection leaves, compacting it', async () => {
    const store = new MemoryDocStore();
    const registry = makeRegistry(store, { idleUnloadMs: 20 });
    const writer = fakeConnection(registry);
    await registry.connect(writer.connection);
    writer.connection.receive(encodeSync(SyncType.update, updateOf('tot straks')));
    await waitFor(async () => (await store.load(DOC)).updates.length === 1);
    expect(registry.size).toBe(1);

    writer.connection.close(CloseCode.normal, 'bye');
    await waitFor(() => registry.size === 0, { what: 'idle unload' });
    const stored = await store.load(DOC);
    expect(stored.updates).toHaveLength(0);
    const restored = new Y.Doc();
    Y.applyUpdate(restored, stored.snapshot!);
    expect(sectionText(restored, 'd240')).toBe('tot straks');

    // It loads again, with its content, for the next connection.
    const again = fakeConnection(registry);
    await registry.connect(again.connection);
    expect(sectionText((await registry.get(DOC)).doc, 'd240')).toBe('tot straks');
  });

  it('a connection arriving during the idle period keeps the document loaded', async () => {
    const registry = makeRegistry(new MemoryDocStore(), { idleUnloadMs: 30 });
    const first = fakeConnection(registry);
    await registry.connect(first.connection);
    const document = await registry.get(DOC);
    first.connection.close(CloseCode.normal, 'bye');
    const second = fakeConnection(registry);
    await registry.connect(second.connection);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(registry.size).toBe(1);
    expect(await registry.get(DOC)).toBe(document);
  });

  it('when the store refuses a write, the document closes its connections (1011) and reloads fresh', async () => {
    const store = new MemoryDocStore();
    const registry = makeRegistry(store);
    const writer = fakeConnection(registry);
    await registry.connect(writer.connection);
    vi.spyOn(store, 'append').mockRejectedValueOnce(new Error('disk full'));
    writer.connection.receive(encodeSync(SyncType.update, updateOf('verloren')));
    await waitFor(() => writer.closes.length === 1);
    expect(writer.closes[0]).toBe(CloseCode.internalError);
    expect(registry.size).toBe(0);
    const next = fakeConnection(registry);
    await registry.connect(next.connection);
    expect(sectionText((await registry.get(DOC)).doc, 'd240')).toBe('');
  });

  it('shutdown closes connections with 1001 and writes everything queued', async () => {
    const store = new GatedStore();
    const registry = makeRegistry(store);
    const writer = fakeConnection(registry);
    await registry.connect(writer.connection);
    writer.connection.receive(encodeSync(SyncType.update, updateOf('nog in de wachtrij')));
    await waitFor(() => store.waiting === 1);
    const stopping = registry.shutdown();
    expect(writer.closes).toEqual([CloseCode.goingAway]);
    store.release();
    await stopping;
    const stored = await store.load(DOC);
    const restored = new Y.Doc();
    Y.applyUpdate(restored, Y.mergeUpdates([...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates]));
    expect(sectionText(restored, 'd240')).toBe('nog in de wachtrij');
  });

  it('a hold keeps writes out while a command decides, then checks what waited against the rules it left', async () => {
    const store = new MemoryDocStore();
    let rules: DocumentRules = { sections: new Set(['d240', 'd110']), locked: new Set() };
    const registry = makeRegistry(store, { rulesOf: async () => rules });
    const writer = fakeConnection(registry);
    await registry.connect(writer.connection);
    const source = new Y.Doc();
    source.on('update', (update: Uint8Array) => writer.connection.receive(encodeSync(SyncType.update, update)));
    typeInto(source, 'd240', 'Voorstel.');
    await waitFor(async () => (await store.load(DOC)).updates.length === 1);

    await registry.hold(DOC, async () => {
      typeInto(source, 'd240', ' Na de handtekening.');
      typeInto(source, 'd110', 'Elders.');
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect((await store.load(DOC)).updates).toHaveLength(1);
      rules = { ...rules, locked: new Set(['d240']) }; // the signature, committed
    });
    await waitFor(() => writer.acknowledged() === 3, { what: 'the held updates, acknowledged' });
    const document = await registry.get(DOC);
    expect(sectionText(document.doc, 'd240')).toBe('Voorstel.');
    expect(sectionText(document.doc, 'd110')).toBe('Elders.');
    expect(writer.refusals()).toEqual([[{ reason: 'locked', sections: ['d240'] }]]);
  });

  it('a hold waits for the write in flight, and a document loading during a hold starts paused', async () => {
    const store = new GatedStore();
    const registry = makeRegistry(store, { rulesOf: async () => ({ sections: new Set(['d240']), locked: new Set() }) });
    const writer = fakeConnection(registry);
    await registry.connect(writer.connection);
    writer.connection.receive(encodeSync(SyncType.update, updateOf('onderweg')));
    await waitFor(() => store.waiting === 1);
    let decided = false;
    const holding = registry.hold(DOC, async () => {
      decided = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(decided).toBe(false);
    store.release();
    await holding;
    expect(decided).toBe(true);

    const other = 'cases/other/joint';
    await registry.hold(other, async () => {
      const late = fakeConnection(registry);
      late.connection.context.docName = other;
      await registry.connect(late.connection);
      late.connection.receive(encodeSync(SyncType.update, updateOf('wacht')));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(store.waiting).toBe(0);
    });
    await waitFor(() => store.waiting === 1, { what: 'the held write, after the hold' });
    store.release();
  });
});

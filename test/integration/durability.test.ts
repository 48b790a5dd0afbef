import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { formatDocName } from '../../shared/docNames.ts';
import { CloseCode } from '../../shared/limits.ts';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { createSqliteStores } from '../../server/store/sqlite/index.ts';
import { connectDoc, sectionText, typeInto, type CollabClient } from '../helpers/collabClient.ts';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.ts';
import { loginToken } from '../helpers/testServer.ts';
import { makeTempDir } from '../helpers/tmp.ts';
import { sleep, waitFor } from '../helpers/waitFor.ts';

const joint = formatDocName({ caseId: DEMO_CASE_ID, part: 'joint' });
const occupational = formatDocName({ caseId: DEMO_CASE_ID, part: 'occupational' });
/** Concurrent writers in the SIGKILL-under-load test. */
const WRITERS = 50;
/** Sections of the template the writers type into, one after the other. */
const SECTIONS = ['d160', 'd175', 'd220', 'd230', 'd240', 'd350', 'd720', 'd740', 'd430', 'd440'];

/** True when `doc` holds everything `seen` holds (its state vector covers the other's). */
function covers(doc: Y.Doc, seen: Y.Doc): boolean {
  const have = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(seen))) {
    if ((have.get(client) ?? 0) < clock) return false;
  }
  return true;
}

describe('durability of the server process', () => {
  const temp = makeTempDir();
  let processes: ServerProcess[] = [];
  let clients: CollabClient[] = [];

  afterAll(() => temp.remove());

  afterEach(async () => {
    for (const client of clients) client.destroy();
    clients = [];
    for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) await p.kill('SIGKILL');
    processes = [];
  });

  const start = async (dataDir: string) => {
    const server = await startServerProcess({ DATA_DIR: dataDir, DOC_COMPACT_THRESHOLD: '50', LOG_LEVEL: 'debug' });
    processes.push(server);
    return server;
  };
  const connect = (server: ServerProcess, docName: string, token: string) => {
    const client = connectDoc(`ws://127.0.0.1:${server.port}/collab`, docName, token);
    clients.push(client);
    return client;
  };

  it('after SIGKILL during editing and a restart, every update a client saw relayed is still there', async () => {
    const dataDir = `${temp.dir}/kill`;
    const first = await start(dataDir);
    const ba = await loginToken(first.url, 'ba.demo');
    const va = await loginToken(first.url, 'va.demo');

    const baJoint = connect(first, joint, ba);
    const vaJoint = connect(first, joint, va);
    const baOwn = connect(first, occupational, ba);
    // Observers only read: what they hold is exactly what the server relayed to them.
    const watchJoint = connect(first, joint, va);
    const watchOwn = connect(first, occupational, va);
    await Promise.all([baJoint, vaJoint, baOwn, watchJoint, watchOwn].map((c) => c.synced()));

    let typing = true;
    const typist = (async () => {
      for (let i = 0; typing; i++) {
        typeInto(baJoint.doc, 'd240', `b${i} `);
        typeInto(vaJoint.doc, 'd240', `v${i} `);
        typeInto(baOwn.doc, 'd430', `o${i} `);
        await sleep(2);
      }
    })();
    // Kill in the middle of typing, once a good amount has been relayed (and compacted at least once).
    await waitFor(() => sectionText(watchOwn.doc, 'd430').length > 2000, { timeoutMs: 15_000, what: 'relayed typing' });
    expect(await first.kill('SIGKILL')).toBe('SIGKILL');
    typing = false;
    await typist;

    const seenJoint = new Y.Doc();
    Y.applyUpdate(seenJoint, Y.encodeStateAsUpdate(watchJoint.doc));
    const seenOwn = new Y.Doc();
    Y.applyUpdate(seenOwn, Y.encodeStateAsUpdate(watchOwn.doc));
    for (const client of clients) client.destroy();
    clients = [];

    const second = await start(dataDir);
    const reader = connect(second, joint, await loginToken(second.url, 'va.demo'));
    const ownReader = connect(second, occupational, await loginToken(second.url, 'ba.demo'));
    await Promise.all([reader.synced(), ownReader.synced()]);

    expect(sectionText(seenJoint, 'd240').length).toBeGreaterThan(0);
    expect(covers(reader.doc, seenJoint)).toBe(true);
    expect(covers(ownReader.doc, seenOwn)).toBe(true);
    expect(sectionText(ownReader.doc, 'd430').startsWith(sectionText(seenOwn, 'd430'))).toBe(true);
    const restoredJoint = sectionText(reader.doc, 'd240');
    for (const word of sectionText(seenJoint, 'd240').split(' ').filter(Boolean)) expect(restoredJoint).toContain(`${word} `);
  });

  it('after SIGKILL under load from 50 concurrent writers, every update any peer saw is still there', async () => {
    const dataDir = `${temp.dir}/kill-50`;
    const server = await startServerProcess({ DATA_DIR: dataDir, DOC_COMPACT_THRESHOLD: '200', LOG_LEVEL: 'info', MAX_CONNECTIONS_PER_USER: String(WRITERS) });
    processes.push(server);
    const tokens = { ba: await loginToken(server.url, 'ba.demo'), va: await loginToken(server.url, 'va.demo') };
    // Half the writers type into the joint draft (BA and VA in turn), the other half into the BA's own.
    const writers = Array.from({ length: WRITERS }, (_, i) =>
      i % 2 === 0
        ? { client: connect(server, joint, i % 4 === 0 ? tokens.ba : tokens.va), section: SECTIONS[i % SECTIONS.length]! }
        : { client: connect(server, occupational, tokens.ba), section: SECTIONS[(i + 5) % SECTIONS.length]! },
    );
    // The observers only read (the VA on the BA's own document is read-only; on the joint one it never types).
    const watchers = [connect(server, joint, tokens.va), connect(server, occupational, tokens.va)];
    await Promise.all([...writers.map((w) => w.client), ...watchers].map((c) => c.synced()));

    let typing = true;
    const typists = writers.map(async ({ client, section }, w) => {
      for (let i = 0; typing; i++) {
        typeInto(client.doc, section, `w${w}k${i} `);
        await sleep(5 + (w % 7));
      }
    });
    await waitFor(() => watchers.every((watcher) => Y.encodeStateAsUpdate(watcher.doc).length > 20_000), {
      timeoutMs: 45_000,
      what: 'relayed typing of 50 writers',
    });
    expect(await server.kill('SIGKILL')).toBe('SIGKILL');
    typing = false;
    await Promise.all(typists);

    // What a peer saw: the watchers hold exactly what the server relayed to them.
    const seen = [joint, occupational].map((docName, i) => ({ docName, state: Y.encodeStateAsUpdate(watchers[i]!.doc) }));
    for (const client of clients) client.destroy();
    clients = [];

    const second = await start(dataDir);
    const token = await loginToken(second.url, 'ba.demo');
    for (const { docName, state } of seen) {
      const reader = connect(second, docName, token);
      await reader.synced();
      const watched = new Y.Doc();
      Y.applyUpdate(watched, state);
      // Every writer's typing reached the watcher, and all of it is back after the restart.
      expect(Y.decodeStateVector(Y.encodeStateVector(watched)).size).toBeGreaterThanOrEqual(WRITERS / 2);
      expect(covers(reader.doc, watched)).toBe(true);
    }
  }, 90_000);

  it('SIGTERM closes connections (1001), writes what is queued, compacts, and exits 0; logs hold no medical text', async () => {
    const dataDir = `${temp.dir}/term`;
    const server = await start(dataDir);
    const ba = await loginToken(server.url, 'ba.demo');
    const writer = connect(server, occupational, ba);
    const watcher = connect(server, occupational, await loginToken(server.url, 'va.demo'));
    await Promise.all([writer.synced(), watcher.synced()]);
    for (let i = 0; i < 30; i++) typeInto(writer.doc, 'd240', `regel ${i}. `);
    await waitFor(() => sectionText(watcher.doc, 'd240').includes('regel 29.'), { what: 'relay before shutdown' });
    // A refused write is logged as a warning: the log line must not carry what was typed.
    typeInto(watcher.doc, 'd240', 'Depressieve klachten sinds het overlijden van');

    const exit = await server.kill('SIGTERM');
    expect(exit).toBe(0);
    await waitFor(() => writer.closes.length > 0);
    expect(writer.closes[0]!.code).toBe(CloseCode.goingAway);
    writer.provider.disconnect();
    watcher.provider.disconnect();
    expect(server.output.some((line) => line.includes('"msg":"stopped"'))).toBe(true);
    const log = server.output.join('\n');
    expect(log).toContain('update from read-only connection ignored');
    for (const medical of ['regel', 'Depressieve', 'Magazijnmedewerker', 'WN-2026']) expect(log).not.toContain(medical);

    const stores = createSqliteStores(dataDir, { synchronous: 'normal' });
    try {
      const stored = await stores.docs.load(occupational);
      expect(stored.snapshot).not.toBeNull();
      expect(stored.updates).toHaveLength(0);
      const restored = new Y.Doc();
      Y.applyUpdate(restored, stored.snapshot!);
      expect(sectionText(restored, 'd240')).toBe(sectionText(writer.doc, 'd240'));
    } finally {
      await stores.close();
    }
  });

  it('an invalid configuration lists every problem and exits non-zero', async () => {
    await expect(startServerProcess({ DATA_DIR: `${temp.dir}/bad`, PORT: 'abc', STORE: 'floppy', JWT_SECRET: 'short' }, 10_000)).rejects.toThrow(
      /exited \(2\)[\s\S]*PORT[\s\S]*STORE[\s\S]*JWT_SECRET/,
    );
  });
});

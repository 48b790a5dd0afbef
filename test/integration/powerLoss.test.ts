import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { MESSAGE_AUTH, WRITE_ACK } from '../../shared/collabProtocol.ts';
import { formatDocName } from '../../shared/docNames.ts';
import { DEMO_CASE_ID } from '../../server/seed.ts';
import { createSqliteStores, SQLITE_FILE_NAME } from '../../server/store/sqlite/index.ts';
import { nodeFileSync, type FileSync } from '../../server/store/sqlite/walSync.ts';
import { typeInto } from '../helpers/collabClient.ts';
import { startTestServer } from '../helpers/testServer.ts';
import { makeTempDir } from '../helpers/tmp.ts';
import { sleep, waitFor } from '../helpers/waitFor.ts';

const DOC = formatDocName({ caseId: DEMO_CASE_ID, part: 'occupational' });
/** The disk "loses power" after this many completed fsyncs of the WAL. */
const FSYNCS_BEFORE_POWER_LOSS = 15;
/** Typing stops here if the power loss never comes (no fsync through the file layer: the test fails). */
const MAX_KEYSTROKES = 2_000;

/**
 * A test double of the file layer under the WAL sync. At the start of each
 * fsync it copies the database file and its WAL as they are (what that fsync
 * is about to make durable) into `disk`: the disk after a power loss holds
 * exactly the copy of the last fsync that completed. From the power loss on,
 * no fsync ever returns, as on a machine without power.
 */
function diskDouble(dataDir: string, disk: string) {
  let completed = 0;
  let restored = false;
  const hung: (() => void)[] = [];
  const files: FileSync = {
    open: nodeFileSync.open,
    close: nodeFileSync.close,
    async sync(fd) {
      if (restored) return nodeFileSync.sync(fd);
      if (completed >= FSYNCS_BEFORE_POWER_LOSS) return new Promise<void>((resolve) => hung.push(resolve));
      const taken = join(disk, 'next');
      mkdirSync(taken, { recursive: true });
      for (const suffix of ['', '-wal']) {
        const file = join(dataDir, SQLITE_FILE_NAME + suffix);
        if (existsSync(file)) copyFileSync(file, join(taken, SQLITE_FILE_NAME + suffix));
      }
      await nodeFileSync.sync(fd);
      for (const suffix of ['', '-wal']) {
        const file = join(taken, SQLITE_FILE_NAME + suffix);
        if (existsSync(file)) copyFileSync(file, join(disk, SQLITE_FILE_NAME + suffix));
      }
      completed++;
    },
  };
  return {
    files,
    get powerLost() {
      return completed >= FSYNCS_BEFORE_POWER_LOSS;
    },
    /** The power comes back: the hung fsyncs return (the test is over by then). */
    restore: () => {
      restored = true;
      hung.splice(0).forEach((resolve) => resolve());
    },
  };
}

/** A writer on a raw socket: sends each keystroke as one sync update and counts the acknowledged messages. */
function rawWriter(url: string, token: string) {
  const socket = new WebSocket(`${url}/${DOC}?token=${encodeURIComponent(token)}`);
  const doc = new Y.Doc();
  /** The writer's clock after each sent update: acknowledging n messages promises clocks[n - 1]. */
  const clocks: number[] = [];
  let acknowledged = 0;
  socket.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    if (decoding.readVarUint(decoder) !== MESSAGE_AUTH || decoding.readVarUint(decoder) !== WRITE_ACK) return;
    acknowledged += decoding.readVarUint(decoder);
  });
  doc.on('update', (update: Uint8Array) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint8Array(encoder, update);
    socket.send(encoding.toUint8Array(encoder));
    clocks.push(Y.getState(doc.store, doc.clientID));
  });
  return {
    doc,
    clocks,
    opened: new Promise<void>((resolve, reject) => (socket.once('open', () => resolve()), socket.once('error', reject))),
    get acknowledged() {
      return acknowledged;
    },
    close: () => socket.terminate(),
  };
}

describe('an acknowledged update survives a power loss', () => {
  const temp = makeTempDir();
  afterEach(() => temp.remove());

  it('every update acknowledged to its writer is in what the disk held at the last completed fsync', async () => {
    const dataDir = join(temp.dir, 'data');
    const disk = join(temp.dir, 'disk');
    const double = diskDouble(dataDir, disk);
    // No checkpoint during the test: the database file stays as the seed left it, the WAL holds what is typed.
    const server = await startTestServer({ dataDir, sqlite: { synchronous: 'full', files: double.files, checkpointIntervalMs: 3_600_000 } });
    const writer = rawWriter(server.collabUrl, await server.login('ba.demo'));
    await writer.opened;

    let i = 0;
    while (!double.powerLost && i < MAX_KEYSTROKES) {
      typeInto(writer.doc, 'd240', `k${i++} `);
      await sleep(3);
    }
    expect(double.powerLost).toBe(true);
    // Typing goes on after the power is gone: relayed, maybe, but never acknowledged.
    for (let j = 0; j < 50; j++, i++) {
      typeInto(writer.doc, 'd240', `n${i} `);
      await sleep(2);
    }
    await waitFor(() => writer.acknowledged > 0, { what: 'an acknowledgement' });
    await sleep(200);
    const acknowledged = writer.acknowledged;
    writer.close();
    expect(writer.clocks.length).toBeGreaterThan(acknowledged);

    const afterPowerLoss = createSqliteStores(disk, { synchronous: 'normal' });
    try {
      const stored = await afterPowerLoss.docs.load(DOC);
      const restored = new Y.Doc();
      if (stored.snapshot) Y.applyUpdate(restored, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(restored, update);
      expect(acknowledged).toBeGreaterThan(0);
      expect(Y.getState(restored.store, writer.doc.clientID)).toBeGreaterThanOrEqual(writer.clocks[acknowledged - 1]!);
    } finally {
      await afterPowerLoss.close();
      double.restore();
      await server.close();
    }
  });
});

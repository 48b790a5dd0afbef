import Database from 'better-sqlite3';
import { join } from 'node:path';
import { Server } from '@hocuspocus/server';
import { applyUpdate, encodeStateAsUpdate } from 'yjs';
import './probe.ts';

/**
 * Hocuspocus with SQLite persistence equivalent to ours (same library, WAL,
 * synchronous=FULL), written the way its Database extension does it: the
 * whole document state is loaded in onLoadDocument and stored in
 * onStoreDocument, which Hocuspocus debounces (2 s, at most 10 s) — it relays
 * an update before it is stored.
 */
const port = Number(process.env.PORT);
const db = new Database(join(process.env.DATA_DIR!, 'hocuspocus.sqlite'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec('CREATE TABLE IF NOT EXISTS documents (name TEXT PRIMARY KEY, data BLOB NOT NULL)');
const fetchDoc = db.prepare<[string], { data: Buffer }>('SELECT data FROM documents WHERE name = ?');
const storeDoc = db.prepare<[string, Uint8Array]>('INSERT INTO documents (name, data) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET data = excluded.data');

const server = new Server({
  port,
  address: '127.0.0.1',
  quiet: true,
  async onLoadDocument({ documentName, document }) {
    const row = fetchDoc.get(documentName);
    if (row) applyUpdate(document, new Uint8Array(row.data));
  },
  async onStoreDocument({ documentName, document }) {
    storeDoc.run(documentName, encodeStateAsUpdate(document));
  },
});
await server.listen();
process.stderr.write(`hocuspocus on ${port}\n`);

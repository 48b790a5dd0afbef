/**
 * The SQLite checkpoint thread (see Checkpointer.ts): opens its own
 * connection to the database file and, on each request, copies what the WAL
 * holds into the database file (a passive checkpoint: it never waits for a
 * writer, and no writer waits for it). Started as a module of its own, built
 * to dist/ with the server.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { applyPragmas, type SqliteOptions } from './sqlitePragmas.ts';

export interface CheckpointData {
  file: string;
  options: SqliteOptions;
}

/** A checkpoint to run; id 0 asks the thread to close the connection and end. */
export interface CheckpointRequest {
  id: number;
}

/** The outcome of checkpoint `id`: the WAL's frames and how many of them are now in the database file. */
export interface CheckpointReply {
  id: number;
  walFrames?: number;
  checkpointed?: number;
  error?: string;
}

if (parentPort) {
  const port = parentPort;
  const { file, options } = workerData as CheckpointData;
  const db = new Database(file);
  applyPragmas(db, options.synchronous);
  port.on('message', ({ id }: CheckpointRequest) => {
    if (id === 0) {
      db.close();
      port.close();
      return;
    }
    let reply: CheckpointReply;
    try {
      const [row] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
      reply = { id, walFrames: row?.log ?? 0, checkpointed: row?.checkpointed ?? 0 };
    } catch (error) {
      reply = { id, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
  });
}

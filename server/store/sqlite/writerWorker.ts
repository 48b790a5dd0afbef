/**
 * The SQLite writer thread (see ThreadWriter.ts): opens its own connection
 * to the database file and performs each batch it is sent in one transaction.
 * Started as a module of its own, built to dist/ with the server.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { applyPragmas, type SqliteOptions } from './sqlitePragmas.ts';
import { createWriteRunner, type Outcome, type WriteOp } from './writeRunner.ts';

export interface WriterData {
  file: string;
  options: SqliteOptions;
}

/** A batch to write; id 0 asks the thread to close the connection and end. */
export interface WriterRequest {
  id: number;
  ops?: WriteOp[];
}

/** The outcome of each op of batch `id`, or why its transaction failed as a whole. */
export interface WriterReply {
  id: number;
  outcomes?: Outcome[];
  error?: string;
}

if (parentPort) {
  const port = parentPort;
  const { file, options } = workerData as WriterData;
  const db = new Database(file);
  applyPragmas(db, options);
  const run = createWriteRunner(db);
  port.on('message', ({ id, ops }: WriterRequest) => {
    if (id === 0) {
      db.close();
      port.close();
      return;
    }
    let reply: WriterReply;
    try {
      reply = { id, outcomes: run(ops ?? []) };
    } catch (error) {
      reply = { id, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
  });
}

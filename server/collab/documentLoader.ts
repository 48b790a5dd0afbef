import * as Y from 'yjs';
import type { Logger } from 'pino';
import type { DocStore } from '../store/ports.ts';
import type { DocumentBus } from './DocumentBus.ts';
import { SharedDocument, type SharedDocumentHooks } from './SharedDocument.ts';
import type { DocumentRules } from './updateFilter.ts';

export interface LoadContext {
  store: DocStore;
  /** Shares documents with the other nodes (distributed mode); null on a single node. */
  bus: DocumentBus | null;
  hooks: SharedDocumentHooks;
  log: Logger;
  /** The document's rules and the epoch they were read at; null checks nothing. */
  readRules: ((name: string) => Promise<{ rules: DocumentRules; epoch: number }>) | null;
  /** The document exists, before anything is read: a hold that starts now already finds it. */
  created(document: SharedDocument): void;
  /** Reading the document failed: it was destroyed. */
  abandoned(document: SharedDocument): void;
}

/**
 * Loads a document: joins the other nodes first, reads what is stored and
 * the rules, and applies the stored content. Returns the document with the
 * number of updates stored since the last snapshot.
 */
export async function loadDocument(name: string, context: LoadContext): Promise<{ document: SharedDocument; uncompacted: number }> {
  const { store, bus, readRules } = context;
  const document = new SharedDocument(name, store, context.hooks, bus);
  context.created(document);
  let stored: Awaited<ReturnType<DocStore['load']>>;
  try {
    // Joined before loading: whatever another node stores from now on arrives, and what the load already holds is skipped.
    await bus?.join(name, document);
    stored = await store.load(name);
    if (readRules) {
      const version = document.rulesVersion;
      const { rules, epoch } = await readRules(name);
      // A hold that ended meanwhile read newer rules.
      if (document.rulesVersion === version) document.setRules(rules, epoch);
    }
  } catch (error) {
    context.abandoned(document);
    bus?.leave(name, document);
    document.destroy();
    throw error;
  }
  restore(document, stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates, stored.seq, context.log);
  return { document, uncompacted: stored.updates.length };
}

/**
 * Applies stored content without relaying it. Should one stored update ever
 * fail to apply, the others still load: one bad entry must not lock
 * physicians out of a document.
 */
function restore(document: SharedDocument, parts: Uint8Array[], seq: number, log: Logger): void {
  const storedBytes = parts.reduce((sum, part) => sum + part.length, 0);
  try {
    if (parts.length > 0) Y.applyUpdate(document.doc, parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts), document);
  } catch (error) {
    let skipped = 0;
    for (const part of parts) {
      try {
        Y.applyUpdate(document.doc, part, document);
      } catch {
        skipped++;
      }
    }
    log.error({ cat: 'collab', doc: document.name, skipped, err: error }, 'stored updates failed to apply');
  }
  document.restored(seq, storedBytes);
}

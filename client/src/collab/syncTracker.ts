import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { MESSAGE_AUTH, WRITE_ACK, WRITE_REFUSED, type WriteRefusal } from '../../../shared/collabProtocol.ts';
import { changedSections, parsePendingRecord } from './changedSections.ts';

type MessageHandler = WebsocketProvider['messageHandlers'][number];

const MESSAGE_SYNC = 0;
const SYNC_STEP_1 = 0;

/** One or more of this browser's changes, and the sections they touched. */
interface Change {
  weight: number;
  sections: Set<string>;
}

/**
 * Counts this browser's changes to one document that the server has not yet
 * confirmed as durable. The server acknowledges the update messages of a
 * connection in order (shared/collabProtocol.ts); a change is confirmed when
 * the message that carried it is. Changes made without a connection travel in
 * the sync reply of the next connection. The count, and the sections the
 * changes touched, survive a reload (localStorage), like the changes
 * themselves (IndexedDB).
 */
export class SyncTracker {
  private unconfirmed: Change[];
  /** For every update message in flight on this connection: the changes it carries. */
  private inFlight: Change[][] = [];
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly provider: WebsocketProvider,
    private readonly storageKey: string,
    /** Origins whose updates are not this user's new changes (the provider, the local cache). */
    private readonly foreignOrigins: readonly unknown[],
    /** The server did not store part of a change (a locked section): it says which, before acknowledging it. */
    private readonly onRefused: (refusals: WriteRefusal[]) => void = () => undefined,
  ) {
    const kept = parsePendingRecord(localStorage.getItem(storageKey));
    this.unconfirmed = kept.changes > 0 ? [{ weight: kept.changes, sections: new Set(kept.sections) }] : [];
    // Registered after the provider's own update handler, so `wsconnected` says whether it just sent.
    doc.on('update', this.onUpdate);
    provider.on('connection-close', this.onConnectionClose);
    this.wrapHandlers();
  }

  /** How many changes the server has not confirmed. */
  get pending(): number {
    return this.unconfirmed.reduce((sum, change) => sum + change.weight, 0);
  }

  /** The sections whose changes the server has not confirmed. */
  get sections(): ReadonlySet<string> {
    return new Set(this.unconfirmed.flatMap((change) => [...change.sections]));
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.doc.off('update', this.onUpdate);
    this.provider.off('connection-close', this.onConnectionClose);
    this.listeners.clear();
  }

  private readonly onUpdate = (_update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction?: Y.Transaction) => {
    if (this.foreignOrigins.includes(origin)) return;
    const sections = changedSections(this.doc, transaction);
    const last = this.unconfirmed.at(-1);
    if (this.provider.wsconnected) {
      const change = { weight: 1, sections };
      this.unconfirmed.push(change);
      this.inFlight.push([change]);
    } else if (last && this.inFlight.length === 0) {
      // Offline every change waits for the next sync reply: one entry holds them all.
      last.weight++;
      for (const section of sections) last.sections.add(section);
    } else this.unconfirmed.push({ weight: 1, sections });
    this.changed();
  };

  /** What was in flight may or may not have arrived; the next sync reply carries it again. */
  private readonly onConnectionClose = () => {
    this.inFlight = [];
  };

  private wrapHandlers(): void {
    const handlers = this.provider.messageHandlers;
    const sync: MessageHandler = handlers[MESSAGE_SYNC]!;
    handlers[MESSAGE_SYNC] = (encoder, decoder, provider, emitSynced, type) => {
      const isStep1 = decoder.arr[decoder.pos] === SYNC_STEP_1;
      sync(encoder, decoder, provider, emitSynced, type);
      // The provider answers the server's sync step 1 with everything the server lacks:
      // one message carrying every change not otherwise in flight.
      if (isStep1) {
        const sent = new Set(this.inFlight.flat());
        this.inFlight.push(this.unconfirmed.filter((change) => !sent.has(change)));
      }
    };
    const auth: MessageHandler = handlers[MESSAGE_AUTH]!;
    handlers[MESSAGE_AUTH] = (encoder, decoder, provider, emitSynced, type) => {
      const subType = decoder.arr[decoder.pos];
      if (subType === WRITE_REFUSED) {
        decoding.readVarUint(decoder);
        return this.onRefused(parseRefusals(decoding.readVarString(decoder)));
      }
      if (subType !== WRITE_ACK) return auth(encoder, decoder, provider, emitSynced, type);
      decoding.readVarUint(decoder);
      this.confirm(decoding.readVarUint(decoder));
    };
  }

  private confirm(messages: number): void {
    const confirmed = new Set(this.inFlight.splice(0, messages).flat());
    this.unconfirmed = this.unconfirmed.filter((change) => !confirmed.has(change));
    this.changed();
  }

  private changed(): void {
    const changes = this.pending;
    if (changes > 0) localStorage.setItem(this.storageKey, JSON.stringify({ changes, sections: [...this.sections] }));
    else localStorage.removeItem(this.storageKey);
    for (const listener of this.listeners) listener();
  }
}

function parseRefusals(json: string): WriteRefusal[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? (value as WriteRefusal[]) : [];
  } catch {
    return [];
  }
}

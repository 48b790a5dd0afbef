import type * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { applyAwarenessEntries } from './awarenessApply.ts';
import { AwarenessGuard, type AwarenessPeer } from './awarenessGuard.ts';
import { encodeAwareness } from './protocol.ts';

/** The origin of what arrived from another node: relayed to every local peer, never sent back. */
export const REMOTE = Symbol('remote node');

/** What the awareness of a document needs from a connection. */
export interface AwarenessRelayPeer extends AwarenessPeer {
  send(message: Uint8Array): void;
}

/**
 * The awareness (carets, presence) of one document: what the guard lets
 * through is applied and relayed to the document's other peers, and, in
 * distributed mode, published to the other nodes. A peer's message is
 * decoded and parsed once, by the guard, and relayed as the guard encoded it.
 */
export class DocumentAwareness {
  readonly awareness: awarenessProtocol.Awareness;
  private readonly guard = new AwarenessGuard();
  /** The message being applied: relayed as it came, rather than encoded again. */
  private applying: Uint8Array | null = null;

  constructor(
    doc: Y.Doc,
    private readonly peers: ReadonlySet<AwarenessRelayPeer>,
    /** Publishes a local change to the other nodes (distributed mode). */
    private readonly publish: ((update: Uint8Array) => void) | null,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.relay);
  }

  /** All current awareness states, or null when there are none. */
  snapshot(): Uint8Array | null {
    const clients = [...this.awareness.getStates().keys()];
    return clients.length > 0 ? encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)) : null;
  }

  /**
   * Applies and relays a peer's awareness update, as the guard lets it
   * through: only the peer's own client ids, stamped with its account.
   * Throws AwarenessViolation when it breaks a limit. Returns whether it
   * carried any state of the peer's own.
   */
  apply(update: Uint8Array, origin: AwarenessRelayPeer): boolean {
    const sanitized = this.guard.sanitize(update, origin, (id) => this.awareness.meta.get(id)?.clock ?? 0);
    if (!sanitized) return false;
    this.applying = sanitized.message;
    try {
      applyAwarenessEntries(this.awareness, sanitized.entries, origin);
    } finally {
      this.applying = null;
    }
    return true;
  }

  /** Another node's awareness update (validated there). */
  applyRemote(update: Uint8Array): void {
    this.applying = update;
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE);
    } catch {
      // Another node relays only what its clients sent validly; a garbled message is dropped.
    } finally {
      this.applying = null;
    }
  }

  /** The peer left: its carets go. */
  removePeer(peer: AwarenessRelayPeer): void {
    this.guard.release(peer);
    if (peer.awarenessClients.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessClients], null);
    }
  }

  destroy(): void {
    this.awareness.destroy();
  }

  private readonly relay = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    const source = origin as AwarenessRelayPeer | null;
    const local = source !== null && this.peers.has(source) ? source : null;
    if (local) {
      for (const id of added) local.awarenessClients.add(id);
      for (const id of removed) local.awarenessClients.delete(id);
    }
    const update = this.applying ?? awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...added, ...updated, ...removed]);
    const message = encodeAwareness(update);
    for (const peer of this.peers) if (peer !== local) peer.send(message);
    // Local changes (a peer's, or a peer leaving) go to the other nodes; what came from there does not go back.
    if (this.publish && origin !== REMOTE && origin !== 'timeout') this.publish(update);
  };
}

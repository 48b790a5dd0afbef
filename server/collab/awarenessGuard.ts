import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MAX_AWARENESS_CLIENTS_PER_CONNECTION, MAX_AWARENESS_STATE_CHARS } from '../../shared/limits.ts';
import type { AccessRole } from '../../shared/roles.ts';

/** Who is behind a connection, as the store knows them: what every relayed awareness state says. */
export interface PeerIdentity {
  userId: string;
  name: string;
  /** The role in the case: ba, va or reviewer. */
  role: AccessRole;
}

/** What the guard needs of a connection. */
export interface AwarenessPeer {
  readonly identity: PeerIdentity;
  /** Awareness client ids this connection holds. */
  readonly awarenessClients: Set<number>;
}

/** One client's awareness state as the guard lets it through: stamped with the account, null for a removal. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

/** What is applied (`entries`, parsed once) and relayed (`message`, their encoding). */
export interface SanitizedAwareness {
  message: Uint8Array;
  entries: AwarenessEntry[];
}

/** An awareness message that breaks a limit: the connection is closed. */
export class AwarenessViolation extends Error {}

/** Keeps the colour a client chose only when it is a plain CSS hex colour. */
const COLOR = /^#[0-9a-fA-F]{3,8}$/;

/** Most client ids a document remembers the owner of (the oldest not held by a connection are forgotten first). */
const MAX_REMEMBERED_OWNERS = 1024;

/**
 * Awareness (carets, presence) belongs to the connection that sent it
 * (docs/security.md). Per document it remembers which account first announced each
 * awareness client id and which connection holds it now:
 * - a state for a client id another account announced is dropped, and so is
 *   its removal: nobody can move, hide or replace another physician's caret;
 * - the same account may take over its own id (a reconnect before the old
 *   socket is known to be gone);
 * - every state relayed carries `user = { id, name, role }` of the account
 *   behind the connection, whatever the client wrote there (its colour stays);
 * - a state larger than MAX_AWARENESS_STATE_CHARS, or more client ids on one
 *   connection than MAX_AWARENESS_CLIENTS_PER_CONNECTION, is a violation.
 */
export class AwarenessGuard {
  private readonly owners = new Map<number, string>();
  private readonly holders = new Map<number, AwarenessPeer>();

  /**
   * The message to apply and relay instead of `update`; null when nothing in
   * it is this peer's to say (the stock provider echoes every state it
   * receives: those are dropped here without a word).
   */
  sanitize(update: Uint8Array, peer: AwarenessPeer, clockOf: (clientId: number) => number): SanitizedAwareness | null {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const kept: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarString(decoder);
      // Not this account's, or not newer than what the document holds (an echo of a state it relayed): dropped.
      if (!this.mayAnnounce(clientId, peer) || clock < clockOf(clientId) || (clock === clockOf(clientId) && json !== 'null')) continue;
      if (json.length > MAX_AWARENESS_STATE_CHARS) throw new AwarenessViolation('awareness state too large');
      const state = parseState(json);
      if (!this.claim(clientId, peer, state === null)) continue;
      kept.push({ clientId, clock, state: state === null ? null : stamp(state, peer.identity) });
    }
    if (decoding.hasContent(decoder)) throw new AwarenessViolation('trailing bytes after awareness states');
    if (kept.length === 0) return null;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, kept.length);
    for (const { clientId, clock, state } of kept) {
      encoding.writeVarUint(encoder, clientId);
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarString(encoder, JSON.stringify(state));
    }
    return { message: encoding.toUint8Array(encoder), entries: kept };
  }

  /** A connection left: the ids it held are free for their owner's next connection. */
  release(peer: AwarenessPeer): void {
    for (const id of peer.awarenessClients) if (this.holders.get(id) === peer) this.holders.delete(id);
  }

  /** Whether the id is free or this peer's account's (checked before the state is even parsed). */
  private mayAnnounce(clientId: number, peer: AwarenessPeer): boolean {
    const owner = this.owners.get(clientId);
    return owner === undefined || owner === peer.identity.userId;
  }

  /** Whether `peer` may speak for `clientId`; takes the id over for it when so. */
  private claim(clientId: number, peer: AwarenessPeer, removal: boolean): boolean {
    const owner = this.owners.get(clientId);
    if (owner !== undefined && owner !== peer.identity.userId) return false;
    const holder = this.holders.get(clientId);
    if (removal) {
      if (holder && holder !== peer) return false;
      peer.awarenessClients.delete(clientId);
      this.holders.delete(clientId);
      return owner !== undefined;
    }
    if (holder !== peer) {
      if (peer.awarenessClients.size >= MAX_AWARENESS_CLIENTS_PER_CONNECTION) throw new AwarenessViolation('too many awareness clients on one connection');
      holder?.awarenessClients.delete(clientId);
      this.holders.set(clientId, peer);
      peer.awarenessClients.add(clientId);
    }
    if (owner === undefined) this.remember(clientId, peer.identity.userId);
    return true;
  }

  private remember(clientId: number, userId: string): void {
    if (this.owners.size >= MAX_REMEMBERED_OWNERS) {
      for (const id of this.owners.keys()) {
        if (this.holders.has(id)) continue;
        this.owners.delete(id);
        break;
      }
    }
    this.owners.set(clientId, userId);
  }
}

function parseState(json: string): Record<string, unknown> | null {
  let state: unknown;
  try {
    state = JSON.parse(json);
  } catch {
    throw new AwarenessViolation('malformed awareness state');
  }
  if (state === null) return null;
  if (typeof state !== 'object' || Array.isArray(state)) throw new AwarenessViolation('malformed awareness state');
  return state as Record<string, unknown>;
}

function stamp(state: Record<string, unknown>, identity: PeerIdentity): Record<string, unknown> {
  const claimed = state.user as { color?: unknown } | undefined;
  const color = typeof claimed?.color === 'string' && COLOR.test(claimed.color) ? claimed.color : undefined;
  return { ...state, user: { id: identity.userId, name: identity.name, role: identity.role, ...(color ? { color } : {}) } };
}

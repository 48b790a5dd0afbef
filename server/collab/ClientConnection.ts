import * as Y from 'yjs';
import type { WriteRefusal } from '../../shared/collabProtocol.ts';
import type { DocPart } from '../../shared/docNames.ts';
import type { DocAccess } from '../../shared/permissions.ts';
import { exhaustive } from '../../shared/exhaustive.ts';
import { AWARENESS_MESSAGE_RATE, AWARENESS_RATE, CloseCode, MAX_UPDATE_BYTES } from '../../shared/limits.ts';
import type { AccessRole } from '../../shared/roles.ts';
import { AwarenessViolation, type PeerIdentity } from './awarenessGuard.ts';
import { decodeClientMessage, encodeWriteAck, encodeWriteRefused, isEmptyUpdate, ProtocolError, type ClientMessage } from './protocol.ts';
import type { DocumentPeer, SharedDocument } from './SharedDocument.ts';
import { TokenBucket } from './TokenBucket.ts';
import { hasOneRunPerClient } from './updateEncoding.ts';

/** The minimal socket the relay core needs; `ws` appears only in the adapter. */
export interface CollabSocket {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Stops reading messages (backpressure on a client over its update rate) until `resume`. */
  pause(): void;
  resume(): void;
}

/** Who is on the other end of a connection and what they may do with the document. */
export interface ConnectionContext {
  userId: string;
  username: string;
  /** The account's display name, as the store holds it. */
  name: string;
  role: string;
  /** The account's organisation (for the audit). */
  organisationId: string;
  /** How the account takes part in the case. */
  caseRole: AccessRole;
  caseId: string;
  docName: string;
  part: DocPart;
  access: Exclude<DocAccess, 'none'>;
  /** Id of the session token the connection authenticated with (closed at logout). */
  tokenId: string;
  /** When that token expires (seconds since the epoch): a connection without a login session ends with it. */
  tokenExpiresAt: number;
  /**
   * The login session of the token (server/auth/sessions.ts), or null: a
   * session's connection outlives the access token it opened with (refreshes
   * replace that) and ends with the session.
   */
  sessionId: string | null;
  /** The account's session version the token was issued under: the connection ends when an administrator ends its sessions. */
  sessionVersion: number;
  /** Whether the token was issued after a second factor: refused once the account requires one and it was not. */
  secondFactor: boolean;
  ip: string | null;
  userAgent: string | null;
}

export interface ConnectionHooks {
  /** A read-only connection sent a non-empty update (called once per connection). */
  onReadOnlyWrite(connection: ClientConnection): void;
  onBadMessage(connection: ClientConnection, reason: string): void;
  /** The connection broke a limit (size, rate) and is closed with `code`. */
  onLimit(connection: ClientConnection, code: number, reason: string): void;
  /** Part of an update was not stored (a locked section, not what the editor writes). */
  onRefused(connection: ClientConnection, refusals: WriteRefusal[]): void;
  onClose(connection: ClientConnection): void;
}

/** Messages a client may send before its document has loaded; more is abuse. */
const MAX_EARLY_MESSAGES = 64;

/**
 * One client's connection to one document: decodes its messages and applies
 * them according to its access. Every malformed message closes this
 * connection only.
 */
export class ClientConnection implements DocumentPeer {
  readonly awarenessClients = new Set<number>();
  readonly identity: PeerIdentity;
  lastSentAt = Date.now();
  private sharedDocument: SharedDocument | null = null;
  private early: Uint8Array[] = [];
  private closed = false;
  private reportedReadOnlyWrite = false;
  private readonly updateRate: TokenBucket;
  private readonly awarenessRate = new TokenBucket(AWARENESS_RATE);
  private readonly awarenessMessageRate = new TokenBucket(AWARENESS_MESSAGE_RATE);
  private resumeTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly socket: CollabSocket,
    readonly context: ConnectionContext,
    updateRate: { perSecond: number; burst: number },
    private readonly hooks: ConnectionHooks,
  ) {
    this.updateRate = new TokenBucket(updateRate);
    this.identity = { userId: context.userId, name: context.name, role: context.caseRole };
  }

  get document(): SharedDocument | null {
    return this.sharedDocument;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Joins the loaded document: start the sync, share presence, handle what arrived early. */
  attach(document: SharedDocument): void {
    if (this.closed) return;
    this.sharedDocument = document;
    document.peers.add(this);
    // Only a writer's state is worth asking for: a reader's updates are never applied.
    if (this.context.access === 'rw') this.send(document.syncRequest());
    const awareness = document.awarenessSnapshot();
    if (awareness) this.send(awareness);
    const early = this.early;
    this.early = [];
    for (const message of early) this.receive(message);
  }

  receive(data: Uint8Array): void {
    if (this.closed) return;
    if (!this.sharedDocument) {
      if (this.early.length >= MAX_EARLY_MESSAGES) return this.reject('too many messages before sync');
      this.early.push(data);
      return;
    }
    try {
      this.handle(decodeClientMessage(data), this.sharedDocument, data);
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      this.reject(error.message);
    }
  }

  send(message: Uint8Array): void {
    if (this.closed) return;
    this.socket.send(message);
    this.lastSentAt = Date.now();
  }

  acknowledge(count: number): void {
    this.send(encodeWriteAck(count));
  }

  refuse(refusals: WriteRefusal[]): void {
    if (this.closed) return;
    this.hooks.onRefused(this, refusals);
    this.send(encodeWriteRefused(refusals));
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    this.sharedDocument?.removePeer(this);
    this.socket.close(code, reason);
    this.hooks.onClose(this);
  }

  /** The socket went away on its own. */
  onSocketClosed(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    this.sharedDocument?.removePeer(this);
    this.hooks.onClose(this);
  }

  private handle(message: ClientMessage, document: SharedDocument, data: Uint8Array): void {
    switch (message.type) {
      case 'syncStep1':
        return this.send(document.syncReply(validStateVector(message.stateVector)));
      case 'syncStep2':
        return this.receiveUpdate(message.update, document, null);
      case 'update':
        // A sync update may be relayed to the other peers exactly as it came (a sync step 2 may not: it tells a client it is synced).
        return this.receiveUpdate(message.update, document, data);
      case 'awareness':
        return this.receiveAwareness(message.update, document);
      case 'queryAwareness': {
        const snapshot = document.awarenessSnapshot();
        if (snapshot) this.send(snapshot);
        return;
      }
      default:
        return exhaustive(message);
    }
  }

  private receiveUpdate(update: Uint8Array, document: SharedDocument, frame: Uint8Array | null): void {
    if (this.context.access !== 'rw') {
      if (!isEmptyUpdate(update) && !this.reportedReadOnlyWrite) {
        this.reportedReadOnlyWrite = true;
        this.hooks.onReadOnlyWrite(this);
      }
      return;
    }
    this.throttleUpdates();
    if (isEmptyUpdate(update)) return document.receiveUpdate(null, this);
    if (update.length > MAX_UPDATE_BYTES) return this.overLimit(CloseCode.tooLarge, 'update too large');
    // Validate before the update reaches the store: stored garbage would break every later load.
    const decoded = guarded('malformed document update', () => Y.decodeUpdate(update));
    if (!hasOneRunPerClient(decoded)) throw new ProtocolError('malformed document update');
    document.receiveUpdate(update, this, decoded, frame);
  }

  /** Over its update rate, the connection is not read until the bucket has refilled: a flood waits, nothing is lost. */
  private throttleUpdates(): void {
    const wait = this.updateRate.take();
    if (wait === 0 || this.resumeTimer) return;
    this.socket.pause();
    this.resumeTimer = setTimeout(() => {
      this.resumeTimer = null;
      if (!this.closed) this.socket.resume();
    }, wait);
  }

  private receiveAwareness(update: Uint8Array, document: SharedDocument): void {
    if (this.awarenessMessageRate.take() > 0) return this.overLimit(CloseCode.policyViolation, 'too many awareness messages');
    try {
      const announced = document.applyAwareness(update, this);
      if (announced && this.awarenessRate.take() > 0) return this.overLimit(CloseCode.policyViolation, 'too many awareness updates');
    } catch (error) {
      if (error instanceof AwarenessViolation) return this.overLimit(CloseCode.policyViolation, error.message);
      throw new ProtocolError('malformed awareness update');
    }
  }

  private overLimit(code: number, reason: string): void {
    this.hooks.onLimit(this, code, reason);
    this.close(code, reason);
  }

  private reject(reason: string): void {
    this.hooks.onBadMessage(this, reason);
    this.close(CloseCode.unsupportedData, reason);
  }
}

function guarded<T>(reason: string, fn: () => T): T {
  try {
    return fn();
  } catch {
    throw new ProtocolError(reason);
  }
}

function validStateVector(stateVector: Uint8Array): Uint8Array {
  guarded('malformed state vector', () => Y.decodeStateVector(stateVector));
  return stateVector;
}

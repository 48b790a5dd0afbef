import type { Logger } from 'pino';
import type { WriteRefusal } from '../../shared/collabProtocol.ts';
import { CloseCode, UPDATE_RATE } from '../../shared/limits.ts';
import type { Audit } from '../audit/Audit.ts';
import type { Metrics } from '../metrics.ts';
import type { DocStore } from '../store/ports.ts';
import type { DocumentBus } from './DocumentBus.ts';
import { ClientConnection, type CollabSocket, type ConnectionContext } from './ClientConnection.ts';
import { DocumentRegistry, type RegistryOptions } from './DocumentRegistry.ts';
import { KEEPALIVE_MESSAGE } from './protocol.ts';

export interface CollabServerOptions extends RegistryOptions {
  maxConnectionsPerUser: number;
  /** Document updates per connection: a bucket of `burst`, refilled at `perSecond` (defaults: UPDATE_RATE). */
  updateRate?: { perSecond: number; burst: number };
}

/**
 * Re-checks an open connection: null while it may stay, else the close code.
 * Access can end while a connection is open — the token expires or is
 * revoked, the membership changes, a review ends — also by a change made
 * elsewhere (the admin command line, another node).
 */
export type AccessCheck = (context: ConnectionContext) => Promise<number | null>;

/** How often open connections are checked against their access. */
const ACCESS_SWEEP_MS = 30_000;

/** Send something at least this often, so the stock provider's 30 s watchdog stays calm. */
const KEEPALIVE_INTERVAL_MS = 10_000;

/**
 * The transport-neutral core of the collaboration relay: it knows connections,
 * users and documents, never `ws` or HTTP.
 */
export class CollabServer {
  readonly registry: DocumentRegistry;
  private readonly byUser = new Map<string, Set<ClientConnection>>();
  private readonly keepalive: NodeJS.Timeout;
  private sweep: NodeJS.Timeout | null = null;
  private stopping = false;

  constructor(
    store: DocStore,
    private readonly options: CollabServerOptions,
    private readonly audit: Audit,
    private readonly log: Logger,
    private readonly metrics: Metrics,
    bus: DocumentBus | null = null,
  ) {
    this.registry = new DocumentRegistry(store, options, log, metrics, bus);
    this.keepalive = setInterval(() => this.sendKeepalives(), KEEPALIVE_INTERVAL_MS);
    this.keepalive.unref();
  }

  /** Whether this user may open one more connection. */
  hasRoomFor(userId: string): boolean {
    return (this.byUser.get(userId)?.size ?? 0) < this.options.maxConnectionsPerUser;
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  get connectionCount(): number {
    let count = 0;
    for (const set of this.byUser.values()) count += set.size;
    return count;
  }

  /** Accepts an authorized socket: the returned connection receives its messages. */
  open(socket: CollabSocket, context: ConnectionContext): ClientConnection {
    const connection = new ClientConnection(socket, context, this.options.updateRate ?? UPDATE_RATE, {
      onReadOnlyWrite: (conn) => this.onReadOnlyWrite(conn),
      onBadMessage: (conn, reason) => this.onBadMessage(conn, reason),
      onLimit: (conn, code, reason) => this.onLimit(conn, code, reason),
      onRefused: (conn, refusals) => this.onRefused(conn, refusals),
      onClose: (conn) => this.onClose(conn),
    });
    let connections = this.byUser.get(context.userId);
    if (!connections) this.byUser.set(context.userId, (connections = new Set()));
    connections.add(connection);
    this.metrics.collabConnections.inc();
    this.registry.connect(connection).catch((error: unknown) => {
      this.log.error({ cat: 'collab', doc: context.docName, err: error }, 'document load failed');
      connection.close(CloseCode.internalError, 'document unavailable');
    });
    return connection;
  }

  /** Starts re-checking every open connection's access periodically. */
  watchAccess(check: AccessCheck, intervalMs = ACCESS_SWEEP_MS): void {
    if (this.sweep) clearInterval(this.sweep);
    this.sweep = setInterval(() => void this.sweepAccess(check), intervalMs);
    this.sweep.unref();
  }

  /** Checks every open connection once; closes those whose access ended. Resolves with how many closed. */
  async sweepAccess(check: AccessCheck): Promise<number> {
    let closed = 0;
    for (const connections of [...this.byUser.values()]) {
      for (const connection of [...connections]) {
        const code = await check(connection.context).catch((error: unknown) => {
          this.log.warn({ cat: 'collab', err: error }, 'access check failed; keeping the connection');
          return null;
        });
        if (code !== null && !connection.isClosed) {
          connection.close(code, 'access ended');
          closed++;
        }
      }
    }
    return closed;
  }

  /** Closes every connection matching `predicate` (logout, revoked access). */
  closeWhere(predicate: (context: ConnectionContext) => boolean, code: number, reason: string): number {
    let closed = 0;
    for (const connections of this.byUser.values()) {
      for (const connection of [...connections]) {
        if (predicate(connection.context)) {
          connection.close(code, reason);
          closed++;
        }
      }
    }
    return closed;
  }

  /** Stops accepting, closes every connection, writes what is queued and compacts. */
  async shutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.keepalive);
    if (this.sweep) clearInterval(this.sweep);
    await this.registry.shutdown();
    this.closeWhere(() => true, CloseCode.goingAway, 'server shutting down');
  }

  private onClose(connection: ClientConnection): void {
    const connections = this.byUser.get(connection.context.userId);
    connections?.delete(connection);
    if (connections?.size === 0) this.byUser.delete(connection.context.userId);
    this.metrics.collabConnections.dec();
    if (connection.document) this.registry.leave(connection.document);
  }

  private onReadOnlyWrite(connection: ClientConnection): void {
    const { context } = connection;
    this.metrics.updatesIgnoredReadOnly.inc();
    this.log.warn({ cat: 'collab', doc: context.docName, userId: context.userId }, 'update from read-only connection ignored');
    this.audit.recordInBackground(context, {
      action: 'denied',
      outcome: 'denied',
      object: `doc:${context.part}`,
      caseId: context.caseId,
      detail: 'write-on-read-only',
    });
  }

  private onLimit(connection: ClientConnection, code: number, reason: string): void {
    const { context } = connection;
    this.metrics.collabClosedForLimit.inc({ reason });
    this.log.warn({ cat: 'collab', doc: context.docName, userId: context.userId, code, reason }, 'closing connection over a limit');
    this.audit.recordInBackground(context, {
      action: 'denied',
      outcome: 'denied',
      object: `doc:${context.part}`,
      caseId: context.caseId,
      detail: `limit:${reason}`,
    });
  }

  /** A refusal names sections and a reason, never content. */
  private onRefused(connection: ClientConnection, refusals: WriteRefusal[]): void {
    const { context } = connection;
    for (const { reason, sections } of refusals) {
      this.metrics.updatesRefused.inc({ reason });
      this.log.info({ cat: 'collab', doc: context.docName, userId: context.userId, reason, sections }, 'part of an update refused');
      this.audit.recordInBackground(context, {
        action: 'denied',
        outcome: 'denied',
        object: `doc:${context.part}`,
        caseId: context.caseId,
        detail: `write-refused:${reason}${sections.length > 0 ? `:${sections.join(',')}` : ''}`.slice(0, 200),
      });
    }
  }

  private onBadMessage(connection: ClientConnection, reason: string): void {
    this.metrics.collabClosedForBadInput.inc();
    const { context } = connection;
    this.log.warn({ cat: 'collab', doc: context.docName, userId: context.userId, reason }, 'closing connection after malformed message');
  }

  private sendKeepalives(): void {
    const threshold = Date.now() - KEEPALIVE_INTERVAL_MS;
    for (const connections of this.byUser.values()) {
      for (const connection of connections) if (connection.lastSentAt < threshold) connection.send(KEEPALIVE_MESSAGE);
    }
  }
}

import type { Logger } from 'pino';
import type { AuditAction, AuditEntry, AuditOutcome, AuditStore } from '../store/ports.ts';
import { AnonymousRefusals } from './AnonymousRefusals.ts';

/** Who acts and from where; the subject of an audit row. */
export interface AuditActor {
  userId: string | null;
  username: string | null;
  role: string | null;
  /** The account's organisation; absent or null without an account. */
  organisationId?: string | null;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditEvent {
  action: AuditAction;
  outcome: AuditOutcome;
  object: string;
  caseId?: string | null;
  detail?: string | null;
}

/**
 * Writes NEN 7513-style audit rows. A failing audit write is logged (without
 * medical text) and rethrown: an action that cannot be audited does not happen.
 */
export class Audit {
  /** A failed summary write is already logged by `record`. */
  private readonly anonymous = new AnonymousRefusals(
    (actor, event) => this.record(actor, event),
    () => undefined,
  );

  constructor(
    private readonly store: AuditStore,
    private readonly log: Logger,
  ) {}

  async record(actor: AuditActor, event: AuditEvent): Promise<void> {
    try {
      await this.store.append(this.entryOf(actor, event));
    } catch (error) {
      this.log.error({ cat: 'audit', err: error, action: event.action, object: event.object }, 'audit write failed');
      throw error;
    }
  }

  /** The row `record` writes, for a store that writes it in the same transaction as what it records (WorkflowStore.commit). */
  entryOf(actor: AuditActor, event: AuditEvent): AuditEntry {
    return {
      at: new Date().toISOString(),
      userId: actor.userId,
      username: actor.username,
      role: actor.role,
      organisationId: actor.organisationId ?? null,
      caseId: event.caseId ?? null,
      object: event.object,
      action: event.action,
      outcome: event.outcome,
      detail: event.detail ?? null,
      ip: actor.ip,
      userAgent: actor.userAgent?.slice(0, 256) ?? null,
    };
  }

  /** For refusals on paths that cannot wait for the write; a failure is logged by `record`. */
  recordInBackground(actor: AuditActor, event: AuditEvent): void {
    this.record(actor, event).catch(() => undefined);
  }

  /**
   * A refusal: audited on its own when the actor is a user; without one
   * (no valid session) the repeats are summed per minute, see AnonymousRefusals.
   */
  recordRefusal(actor: AuditActor, event: AuditEvent): Promise<void> {
    return actor.userId === null ? this.anonymous.note(actor, event) : this.record(actor, event);
  }

  recordRefusalInBackground(actor: AuditActor, event: AuditEvent): void {
    this.recordRefusal(actor, event).catch(() => undefined);
  }

  /** Writes the summaries of anonymous refusals not yet written (at shutdown, before the stores close). */
  flush(): Promise<void> {
    return this.anonymous.flush();
  }
}

import { activeLabourExpert } from '../../../shared/workflow/labourExpert.ts';
import type { CaseWorkflow, EventEnvelope } from '../../../shared/workflow/types.ts';
import { normalizeStoredState } from '../../workflow/caseCheck.ts';
import {
  SeqConflictError,
  type AuditEntry,
  type CommentChange,
  type CommitExtras,
  type HeadSeal,
  type NewNotification,
  type LegacySeal,
  type ReviewerGrant,
  type WorkflowRecord,
  type WorkflowStore,
} from '../ports.ts';

/** In-memory workflow store for fast unit tests; not durable. Values are copied in and out, as a real store would. */
export class MemoryWorkflowStore implements WorkflowStore {
  private readonly records = new Map<string, WorkflowRecord>();
  private readonly events = new Map<string, EventEnvelope[]>();

  /**
   * `audit` appends a commit's audit row, `comments` applies its comment
   * change and `notifications` stores its notifications, in the same
   * synchronous step as the commit.
   */
  constructor(
    private readonly audit: { appendNow(entry: AuditEntry): void } | null = null,
    private readonly comments: { prepare(change: CommentChange): () => void } | null = null,
    private readonly notifications: { prepare(notifications: NewNotification[]): () => void } | null = null,
  ) {}

  async load(caseId: string): Promise<WorkflowRecord | null> {
    const record = this.records.get(caseId);
    return record ? structuredClone(record) : null;
  }

  async commit(envelope: EventEnvelope, state: CaseWorkflow, reviewers: ReviewerGrant[], seal: HeadSeal, extras: CommitExtras = {}): Promise<void> {
    const current = this.records.get(envelope.caseId)?.seq ?? 0;
    if (current !== envelope.seq - 1) throw new SeqConflictError(envelope.caseId);
    // Everything that can be refused is done before anything is written, so that a refusal commits nothing:
    // the comment change and the notifications are checked, then the audit row appended (the step that may still throw).
    const applyComment = extras.comment ? this.comments!.prepare(extras.comment) : () => {};
    const storeNotifications = extras.notifications?.length ? this.notifications!.prepare(extras.notifications) : () => {};
    if (extras.audit) this.audit!.appendNow(extras.audit);
    applyComment();
    storeNotifications();
    const log = this.events.get(envelope.caseId) ?? [];
    this.events.set(envelope.caseId, [...log, structuredClone(envelope)]);
    this.records.set(envelope.caseId, structuredClone({ seq: envelope.seq, hash: envelope.hash, state, reviewers: dedupe(reviewers), seal }));
  }

  async listEvents(caseId: string, afterSeq = 0): Promise<EventEnvelope[]> {
    return structuredClone((this.events.get(caseId) ?? []).filter((e) => e.seq > afterSeq));
  }

  async isReviewer(caseId: string, userId: string): Promise<boolean> {
    return (this.records.get(caseId)?.reviewers ?? []).some((grant) => grant.userId === userId);
  }

  async casesReviewedBy(userId: string): Promise<string[]> {
    return [...this.records]
      .filter(([, record]) => record.reviewers.some((g) => g.userId === userId))
      .map(([caseId]) => caseId)
      .sort();
  }

  async casesOfLabourExpert(userId: string): Promise<string[]> {
    return [...this.records]
      .filter(([, record]) => activeLabourExpert(normalizeStoredState(record.state)) === userId)
      .map(([caseId]) => caseId)
      .sort();
  }

  async sealCensus(): Promise<{ anySealed: boolean; unsealed: string[] }> {
    const records = [...this.records];
    return {
      anySealed: records.some(([, r]) => r.seal !== null),
      unsealed: records
        .filter(([, r]) => r.seal === null)
        .map(([id]) => id)
        .sort(),
    };
  }

  async sealLegacy(seals: LegacySeal[]): Promise<string[]> {
    const sealed: string[] = [];
    for (const { caseId, seq, hash, seal } of seals) {
      const record = this.records.get(caseId);
      if (!record || record.seal !== null || record.seq !== seq || record.hash !== hash) continue;
      this.records.set(caseId, { ...record, seal: structuredClone(seal) });
      sealed.push(caseId);
    }
    return sealed;
  }
}

/** A grant is a (user, dispute) pair: the SQLite and Redis adapters keep each once, so this one does too. */
function dedupe(grants: readonly ReviewerGrant[]): ReviewerGrant[] {
  return [...new Map(grants.map((g) => [`${g.userId}\u0000${g.disputeId}`, { userId: g.userId, disputeId: g.disputeId }])).values()];
}

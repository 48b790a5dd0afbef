import type { CaseWorkflow, EventEnvelope } from '../../../shared/workflow/types.ts';
import { SeqConflictError, type ReviewerGrant, type WorkflowRecord, type WorkflowStore } from '../ports.ts';

/** In-memory workflow store for fast unit tests; not durable. Values are copied in and out, as a real store would. */
export class MemoryWorkflowStore implements WorkflowStore {
  private readonly records = new Map<string, WorkflowRecord>();
  private readonly events = new Map<string, EventEnvelope[]>();
  private readonly reviewers = new Map<string, ReviewerGrant[]>();

  async load(caseId: string): Promise<WorkflowRecord | null> {
    const record = this.records.get(caseId);
    return record ? structuredClone(record) : null;
  }

  async commit(envelope: EventEnvelope, state: CaseWorkflow, reviewers: ReviewerGrant[]): Promise<void> {
    const current = this.records.get(envelope.caseId)?.seq ?? 0;
    if (current !== envelope.seq - 1) throw new SeqConflictError(envelope.caseId);
    const log = this.events.get(envelope.caseId) ?? [];
    this.events.set(envelope.caseId, [...log, structuredClone(envelope)]);
    this.records.set(envelope.caseId, { seq: envelope.seq, hash: envelope.hash, state: structuredClone(state) });
    this.reviewers.set(envelope.caseId, structuredClone(reviewers));
  }

  async listEvents(caseId: string, afterSeq = 0): Promise<EventEnvelope[]> {
    return structuredClone((this.events.get(caseId) ?? []).filter((e) => e.seq > afterSeq));
  }

  async isReviewer(caseId: string, userId: string): Promise<boolean> {
    return (this.reviewers.get(caseId) ?? []).some((grant) => grant.userId === userId);
  }

  async casesReviewedBy(userId: string): Promise<string[]> {
    return [...this.reviewers].filter(([, grants]) => grants.some((g) => g.userId === userId)).map(([caseId]) => caseId).sort();
  }
}

import { activeLabourExpert } from '../../shared/workflow/labourExpert.ts';
import type { CaseWorkflow, EventEnvelope } from '../../shared/workflow/types.ts';
import { isCaseIntegrityError } from '../errors.ts';
import type { CommitExtras, HeadSeal, LegacySeal, ReviewerGrant, WorkflowRecord, WorkflowStore } from '../store/ports.ts';
import type { CaseIntegrity } from './CaseIntegrity.ts';
import { normalizeStoredState } from './caseCheck.ts';

/**
 * The workflow store as the commands and the access checks see it: a case's
 * row is checked against its log on every load, and a quarantined case is
 * refused. Its reviewer grants are trusted only as far as that check goes,
 * so a grant slipped into the table opens nothing.
 */
export class VerifiedWorkflowStore implements WorkflowStore {
  constructor(
    private readonly inner: WorkflowStore,
    private readonly integrity: CaseIntegrity,
  ) {}

  load(caseId: string): Promise<WorkflowRecord | null> {
    return this.integrity.loadChecked(caseId);
  }

  async commit(envelope: EventEnvelope, state: CaseWorkflow, reviewers: ReviewerGrant[], seal: HeadSeal, extras?: CommitExtras): Promise<void> {
    this.integrity.refuseIfQuarantined(envelope.caseId);
    await this.inner.commit(envelope, state, reviewers, seal, extras);
  }

  async listEvents(caseId: string, afterSeq?: number): Promise<EventEnvelope[]> {
    await this.integrity.loadChecked(caseId);
    return this.inner.listEvents(caseId, afterSeq);
  }

  async isReviewer(caseId: string, userId: string): Promise<boolean> {
    if (this.integrity.isQuarantined(caseId) || !(await this.inner.isReviewer(caseId, userId))) return false;
    try {
      const record = await this.integrity.loadChecked(caseId);
      return record?.reviewers.some((grant) => grant.userId === userId) ?? false;
    } catch (error) {
      if (isCaseIntegrityError(error)) return false;
      throw error;
    }
  }

  async casesReviewedBy(userId: string): Promise<string[]> {
    const cases = await this.inner.casesReviewedBy(userId);
    const granted = await Promise.all(cases.map((caseId) => this.isReviewer(caseId, userId)));
    return cases.filter((_, i) => granted[i]);
  }

  /** The index's cases, each only as far as its checked state still names the user. */
  async casesOfLabourExpert(userId: string): Promise<string[]> {
    const cases = await this.inner.casesOfLabourExpert(userId);
    const named = await Promise.all(cases.map((caseId) => this.namesLabourExpert(caseId, userId)));
    return cases.filter((_, i) => named[i]);
  }

  private async namesLabourExpert(caseId: string, userId: string): Promise<boolean> {
    if (this.integrity.isQuarantined(caseId)) return false;
    try {
      const record = await this.integrity.loadChecked(caseId);
      return record !== null && activeLabourExpert(normalizeStoredState(record.state)) === userId;
    } catch (error) {
      if (isCaseIntegrityError(error)) return false;
      throw error;
    }
  }

  sealCensus(): Promise<{ anySealed: boolean; unsealed: string[] }> {
    return this.inner.sealCensus();
  }

  sealLegacy(seals: LegacySeal[]): Promise<string[]> {
    return this.inner.sealLegacy(seals);
  }
}

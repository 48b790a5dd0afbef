import type { CaseWorkflow, EventEnvelope } from '../../../shared/workflow/types.ts';
import { SeqConflictError, type ReviewerGrant, type WorkflowRecord, type WorkflowStore } from '../ports.ts';
import type { SqliteDatabase } from './openDatabase.ts';

interface EventRow {
  case_id: string;
  seq: number;
  at: string;
  actor: string;
  event: string;
  prev_hash: string;
  hash: string;
}

const toEnvelope = (row: EventRow): EventEnvelope => ({
  caseId: row.case_id,
  seq: row.seq,
  at: row.at,
  actor: JSON.parse(row.actor) as EventEnvelope['actor'],
  event: JSON.parse(row.event) as EventEnvelope['event'],
  prevHash: row.prev_hash,
  hash: row.hash,
});

/** The case event log, the state derived from it, and reviewer access, in the workspace database. */
export class SqliteWorkflowStore implements WorkflowStore {
  private readonly sql;
  private readonly commitTx: (envelope: EventEnvelope, state: CaseWorkflow, reviewers: ReviewerGrant[]) => void;

  constructor(db: SqliteDatabase) {
    this.sql = {
      load: db.prepare<[string], { seq: number; hash: string; state: string }>('SELECT seq, hash, state FROM case_workflow WHERE case_id = ?'),
      insertEvent: db.prepare(
        `INSERT INTO case_events (case_id, seq, at, actor, event, prev_hash, hash)
         VALUES (@case_id, @seq, @at, @actor, @event, @prev_hash, @hash)`,
      ),
      upsertState: db.prepare<[string, number, string, string]>(
        `INSERT INTO case_workflow (case_id, seq, hash, state) VALUES (?, ?, ?, ?)
         ON CONFLICT (case_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, state = excluded.state`,
      ),
      clearReviewers: db.prepare<[string]>('DELETE FROM case_reviewers WHERE case_id = ?'),
      insertReviewer: db.prepare<[string, string, string]>('INSERT OR IGNORE INTO case_reviewers (case_id, user_id, dispute_id) VALUES (?, ?, ?)'),
      events: db.prepare<[string, number], EventRow>('SELECT * FROM case_events WHERE case_id = ? AND seq > ? ORDER BY seq'),
      isReviewer: db.prepare<[string, string], { n: number }>('SELECT 1 AS n FROM case_reviewers WHERE case_id = ? AND user_id = ? LIMIT 1'),
      reviewed: db.prepare<[string], { case_id: string }>('SELECT DISTINCT case_id FROM case_reviewers WHERE user_id = ? ORDER BY case_id'),
    };
    this.commitTx = db.transaction((envelope: EventEnvelope, state: CaseWorkflow, reviewers: ReviewerGrant[]) => {
      const current = this.sql.load.get(envelope.caseId)?.seq ?? 0;
      if (current !== envelope.seq - 1) throw new SeqConflictError(envelope.caseId);
      this.sql.insertEvent.run({
        case_id: envelope.caseId,
        seq: envelope.seq,
        at: envelope.at,
        actor: JSON.stringify(envelope.actor),
        event: JSON.stringify(envelope.event),
        prev_hash: envelope.prevHash,
        hash: envelope.hash,
      });
      this.sql.upsertState.run(envelope.caseId, envelope.seq, envelope.hash, JSON.stringify(state));
      this.sql.clearReviewers.run(envelope.caseId);
      for (const grant of reviewers) this.sql.insertReviewer.run(envelope.caseId, grant.userId, grant.disputeId);
    });
  }

  async load(caseId: string): Promise<WorkflowRecord | null> {
    const row = this.sql.load.get(caseId);
    return row ? { seq: row.seq, hash: row.hash, state: JSON.parse(row.state) as CaseWorkflow } : null;
  }

  async commit(envelope: EventEnvelope, state: CaseWorkflow, reviewers: ReviewerGrant[]): Promise<void> {
    this.commitTx(envelope, state, reviewers);
  }

  async listEvents(caseId: string, afterSeq = 0): Promise<EventEnvelope[]> {
    return this.sql.events.all(caseId, afterSeq).map(toEnvelope);
  }

  async isReviewer(caseId: string, userId: string): Promise<boolean> {
    return this.sql.isReviewer.get(caseId, userId) !== undefined;
  }

  async casesReviewedBy(userId: string): Promise<string[]> {
    return this.sql.reviewed.all(userId).map((row) => row.case_id);
  }
}

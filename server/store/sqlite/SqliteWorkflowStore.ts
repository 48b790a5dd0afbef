import type { CaseWorkflow, EventEnvelope } from '../../../shared/workflow/types.ts';
import { SeqConflictError, type CommitExtras, type HeadSeal, type LegacySeal, type ReviewerGrant, type WorkflowRecord, type WorkflowStore } from '../ports.ts';
import { prepareCommentWrites } from './commentWrites.ts';
import type { SqliteDatabase } from './openDatabase.ts';
import { prepareNotificationWrites } from './SqliteNotificationStore.ts';

interface EventRow {
  case_id: string;
  seq: number;
  at: string;
  actor: string;
  event: string;
  prev_hash: string;
  hash: string;
}

interface StateRow {
  seq: number;
  hash: string;
  state: string;
  seal_mac: string | null;
  legacy_seq: number;
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

type Commit = (envelope: EventEnvelope, state: CaseWorkflow, reviewers: ReviewerGrant[], seal: HeadSeal, extras: CommitExtras) => void;

/** The case event log, the state derived from it, and reviewer access, in the workspace database. */
export class SqliteWorkflowStore implements WorkflowStore {
  private readonly sql;
  private readonly commitTx: Commit;
  private readonly loadTx: (caseId: string) => WorkflowRecord | null;
  private readonly sealTx: (seals: LegacySeal[]) => string[];

  constructor(db: SqliteDatabase) {
    this.sql = workflowStatements(db);
    // The comment store's own statements, on this connection (index.ts builds both stores on one), so this transaction covers them.
    const writeComment = prepareCommentWrites(db);
    const writeNotifications = prepareNotificationWrites(db);
    this.commitTx = db.transaction((envelope: EventEnvelope, state: CaseWorkflow, reviewers: ReviewerGrant[], seal: HeadSeal, extras: CommitExtras) => {
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
      this.sql.upsertState.run(envelope.caseId, envelope.seq, envelope.hash, JSON.stringify(state), seal.mac, seal.legacySeq);
      this.sql.clearReviewers.run(envelope.caseId);
      for (const grant of reviewers) this.sql.insertReviewer.run(envelope.caseId, grant.userId, grant.disputeId);
      // Any of these that throws rolls the whole transaction back: the event is not stored without them.
      if (extras.audit) this.sql.audit.run(extras.audit);
      if (extras.comment) writeComment(extras.comment);
      if (extras.notifications?.length) writeNotifications(extras.notifications);
    });
    // One read transaction: another process (the admin command line) sees the row and its grants of one commit.
    this.loadTx = db.transaction((caseId: string) => {
      const row = this.sql.load.get(caseId);
      if (!row) return null;
      const reviewers = this.sql.reviewers.all(caseId).map((r) => ({ userId: r.user_id, disputeId: r.dispute_id }));
      const seal = row.seal_mac === null ? null : { legacySeq: row.legacy_seq, mac: row.seal_mac };
      return { seq: row.seq, hash: row.hash, state: JSON.parse(row.state) as CaseWorkflow, reviewers, seal };
    });
    this.sealTx = db.transaction((seals: LegacySeal[]) =>
      seals.filter(({ caseId, seq, hash, seal }) => this.sql.sealLegacy.run(seal.mac, seal.legacySeq, caseId, seq, hash).changes === 1).map((s) => s.caseId),
    );
  }

  async load(caseId: string): Promise<WorkflowRecord | null> {
    return this.loadTx(caseId);
  }

  async commit(envelope: EventEnvelope, state: CaseWorkflow, reviewers: ReviewerGrant[], seal: HeadSeal, extras: CommitExtras = {}): Promise<void> {
    this.commitTx(envelope, state, reviewers, seal, extras);
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

  async casesOfLabourExpert(userId: string): Promise<string[]> {
    return this.sql.ofLabourExpert.all(userId).map((row) => row.case_id);
  }

  async sealCensus(): Promise<{ anySealed: boolean; unsealed: string[] }> {
    return { anySealed: this.sql.anySealed.get() !== undefined, unsealed: this.sql.unsealed.all().map((row) => row.case_id) };
  }

  async sealLegacy(seals: LegacySeal[]): Promise<string[]> {
    return this.sealTx(seals);
  }
}

/** The statements of the workflow tables (and the audit row a commit writes), prepared once per connection. */
function workflowStatements(db: SqliteDatabase) {
  return {
    load: db.prepare<[string], StateRow>('SELECT seq, hash, state, seal_mac, legacy_seq FROM case_workflow WHERE case_id = ?'),
    reviewers: db.prepare<[string], { user_id: string; dispute_id: string }>(
      'SELECT user_id, dispute_id FROM case_reviewers WHERE case_id = ? ORDER BY user_id, dispute_id',
    ),
    insertEvent: db.prepare(
      `INSERT INTO case_events (case_id, seq, at, actor, event, prev_hash, hash)
       VALUES (@case_id, @seq, @at, @actor, @event, @prev_hash, @hash)`,
    ),
    upsertState: db.prepare<[string, number, string, string, string, number]>(
      `INSERT INTO case_workflow (case_id, seq, hash, state, seal_mac, legacy_seq) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (case_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, state = excluded.state,
         seal_mac = excluded.seal_mac, legacy_seq = excluded.legacy_seq`,
    ),
    clearReviewers: db.prepare<[string]>('DELETE FROM case_reviewers WHERE case_id = ?'),
    insertReviewer: db.prepare<[string, string, string]>('INSERT OR IGNORE INTO case_reviewers (case_id, user_id, dispute_id) VALUES (?, ?, ?)'),
    events: db.prepare<[string, number], EventRow>('SELECT * FROM case_events WHERE case_id = ? AND seq > ? ORDER BY seq'),
    isReviewer: db.prepare<[string, string], { n: number }>('SELECT 1 AS n FROM case_reviewers WHERE case_id = ? AND user_id = ? LIMIT 1'),
    reviewed: db.prepare<[string], { case_id: string }>('SELECT DISTINCT case_id FROM case_reviewers WHERE user_id = ? ORDER BY case_id'),
    // Uses the index on the labour expert's id (server/store/sqlite/migrations.ts).
    ofLabourExpert: db.prepare<[string], { case_id: string }>(
      `SELECT case_id FROM case_workflow WHERE json_extract(state, '$.labourExpert.userId') = ?
         AND json_extract(state, '$.labourExpert.userId') IS NOT NULL AND json_extract(state, '$.closed') IS NULL ORDER BY case_id`,
    ),
    anySealed: db.prepare<[], { n: number }>('SELECT 1 AS n FROM case_workflow WHERE seal_mac IS NOT NULL LIMIT 1'),
    unsealed: db.prepare<[], { case_id: string }>('SELECT case_id FROM case_workflow WHERE seal_mac IS NULL ORDER BY case_id'),
    audit: db.prepare(
      `INSERT INTO audit_log (at, user_id, username, role, organisation_id, case_id, object, action, outcome, detail, ip, user_agent)
       VALUES (@at, @userId, @username, @role, @organisationId, @caseId, @object, @action, @outcome, @detail, @ip, @userAgent)`,
    ),
    sealLegacy: db.prepare<[string, number, string, number, string]>(
      'UPDATE case_workflow SET seal_mac = ?, legacy_seq = ? WHERE case_id = ? AND seq = ? AND hash = ? AND seal_mac IS NULL',
    ),
  };
}

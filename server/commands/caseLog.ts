import { activeReviewers, apply, type Actor, type CaseWorkflow, type EventEnvelope, type WorkflowEvent } from '../../shared/workflow/index.ts';
import type { AuditEntry, CaseRecord, CommentChange, WorkflowRecord } from '../store/ports.ts';
import { SeqConflictError } from '../store/ports.ts';
import { hashEnvelope } from '../workflow/eventChain.ts';
import { sealNext } from '../workflow/headSeal.ts';
import { loadWorkflow } from '../workflow/loadWorkflow.ts';
import { notificationsOf } from '../notifications/notificationPlan.ts';
import type { CommandDeps } from './deps.ts';

/** How often an event is appended again when another command on the same case won the race. */
export const MAX_ATTEMPTS = 5;

type LogDeps = Pick<CommandDeps, 'records' | 'workflow' | 'templates' | 'logKey' | 'notificationDelivery' | 'now'>;

/**
 * Appends one event after `current`: hashes it into the chain, applies it,
 * seals the new head, and commits all of it with the command's success
 * audit row (and a comment command's thread change) and the notifications
 * the event leads to, in one transaction; then hands the notifications on
 * for delivery. Throws SeqConflictError, having stored none of it, when the log moved.
 */
export async function commitEvent(
  deps: LogDeps,
  current: WorkflowRecord,
  entry: { caseId: string; actor: Actor; event: WorkflowEvent; audit: AuditEntry; comment?: CommentChange },
): Promise<{ envelope: EventEnvelope; state: CaseWorkflow }> {
  const { caseId, actor, event } = entry;
  const unsigned = { caseId, seq: current.seq + 1, at: deps.now().toISOString(), actor, event, prevHash: current.hash };
  const envelope = { ...unsigned, hash: hashEnvelope(deps.logKey, unsigned) };
  const state = apply(current.state, envelope);
  const reviewers = activeReviewers(state);
  const seal = sealNext(deps.logKey, current, { caseId, seq: envelope.seq, hash: envelope.hash, state, reviewers });
  const notifications = notificationsOf(envelope, state, await deps.records.listMembers(caseId));
  await deps.workflow.commit(envelope, state, reviewers, seal, { audit: entry.audit, comment: entry.comment, notifications });
  deps.notificationDelivery.delivered(notifications);
  return { envelope, state };
}

/**
 * Appends an event nothing has to be decided on (a comment's) to the case's
 * log, on whatever state the case has now, with its success audit row and
 * the change it records. A commit that lost the race stored nothing, so the
 * retry writes the change for the first time, never twice.
 */
export async function appendToCaseLog(
  deps: LogDeps,
  record: CaseRecord,
  entry: { actor: Actor; event: WorkflowEvent; audit: AuditEntry; comment?: CommentChange },
): Promise<EventEnvelope> {
  for (let attempt = 1; ; attempt++) {
    const current = await loadWorkflow(deps, record);
    try {
      return (await commitEvent(deps, current, { caseId: record.id, ...entry })).envelope;
    } catch (error) {
      if (error instanceof SeqConflictError && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
  }
}

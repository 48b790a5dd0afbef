import { activeReviewers, emptyRiv, replay, type CaseWorkflow, type EventEnvelope } from '../../shared/workflow/index.ts';
import { normalizeStoredSections, shapedLikeStored } from '../../shared/workflow/storedState.ts';
import type { ReviewerGrant, WorkflowRecord } from '../store/ports.ts';
import { canonicalJson, eventHashValid, hashEnvelope, legacyHashEnvelope, verifyChain } from './eventChain.ts';
import { normalizeGrants, sealValid } from './headSeal.ts';
import { failure, type IntegrityFailure } from './integrityProblems.ts';
import type { LogKey } from './logKey.ts';

/** A case's stored record and log, read together (server/workflow/verifyCase.ts). */
export interface CaseLog {
  caseId: string;
  record: WorkflowRecord | null;
  events: readonly EventEnvelope[];
}

export type CaseCheck = { ok: true; events: number; legacyEvents: number } | ({ ok: false } & IntegrityFailure);

const fail = (found: IntegrityFailure): CaseCheck => ({ ok: false, ...found });

/**
 * States stored before consultation sessions, the re-integration report's
 * doubt, the labour expert or the case's closing existed have none; read them as having none. Proposals and agreements stored before drafts carried the joint
 * qualifier hold none (shared/workflow/storedState.ts).
 */
export function normalizeStoredState(state: CaseWorkflow): CaseWorkflow {
  return normalizeStoredSections({
    ...state,
    sessions: state.sessions ?? [],
    riv: state.riv ?? emptyRiv(),
    labourExpert: state.labourExpert ?? null,
    closed: state.closed ?? null,
  });
}

/**
 * The full check of a case (verify-log, and the server's scan at boot): the
 * chain from its first event, the state row's head against the last event,
 * the stored state against a replay of the log, the reviewer grants against
 * the reviewers the replayed state justifies, and the row's seal. Pure: the
 * first problem found is named. A row without a seal is read with the
 * legacy prefix its events show, and reported as `seal.missing` only when all
 * else is intact.
 */
export function checkCaseLog(key: LogKey, sectionIds: readonly string[], { caseId, record, events }: CaseLog): CaseCheck {
  if (!record) {
    if (events.length === 0) return { ok: true, events: 0, legacyEvents: 0 };
    return fail(failure('state.missing', `the log holds ${events.length} events but there is no state row`, events[0]!.seq));
  }
  const legacySeq = record.seal ? record.seal.legacySeq : legacyPrefix(key, events);
  const chain = verifyChain(events, key, legacySeq);
  if (!chain.ok) return chain;
  const head = headProblem(record, events.at(-1));
  if (head) return fail(head);
  const stored = normalizeStoredState(record.state);
  // A section stored before the kept flag and agreement history is compared without them.
  const replayed = shapedLikeStored(replay(sectionIds, events), stored);
  if (canonicalJson(stored) !== canonicalJson(replayed)) {
    return fail(failure('state.forged', `the stored state differs from a replay of the log (${whereDiffers(stored, replayed)})`));
  }
  const grants = grantsProblem(record.reviewers, activeReviewers(replayed));
  if (grants) return fail(grants);
  if (!record.seal) return fail(missingSeal());
  if (!sealValid(key, caseId, record)) return fail(invalidSeal());
  return { ok: true, events: events.length, legacyEvents: Math.min(legacySeq, events.length) };
}

/**
 * The check made each time a case's workflow is loaded: the seal over the row
 * and its grants, and that the newest event is the row's head and verifies.
 * `tail` holds the events from the row's head on (all of them when there is
 * no row). It does not replay: that is the full check's job.
 */
export function checkHead(key: LogKey, caseId: string, record: WorkflowRecord | null, tail: readonly EventEnvelope[]): CaseCheck {
  if (!record) {
    if (tail.length === 0) return { ok: true, events: 0, legacyEvents: 0 };
    return fail(failure('state.missing', 'the log holds events but there is no state row', tail[0]!.seq));
  }
  if (!record.seal) return fail(missingSeal());
  const newest = tail.at(-1);
  if (!newest) {
    return fail(
      failure('log.truncated', `the state row's head is event ${record.seq} but the log holds no such event: trailing events were deleted`, record.seq),
    );
  }
  const head = headProblem(record, newest);
  if (head) return fail(head);
  const { legacySeq } = record.seal;
  if (!eventHashValid(key, newest, legacySeq)) {
    const unkeyed = newest.seq > legacySeq && legacyHashEnvelope(newest) === newest.hash;
    return fail(
      unkeyed
        ? failure('chain.rewritten', 'the newest event was hashed with the bare SHA-256, without the key', newest.seq)
        : failure('event.changed', 'the newest event does not match its hash', newest.seq),
    );
  }
  if (!sealValid(key, caseId, record)) return fail(invalidSeal());
  return { ok: true, events: record.seq, legacyEvents: Math.min(legacySeq, record.seq) };
}

/**
 * The legacy prefix an unsealed row's log shows: the events before the first
 * one that carries the keyed HMAC (all of them in a log from before the key).
 */
function legacyPrefix(key: LogKey, events: readonly EventEnvelope[]): number {
  const firstKeyed = events.findIndex((envelope) => hashEnvelope(key, envelope) === envelope.hash);
  return firstKeyed === -1 ? events.length : firstKeyed;
}

function headProblem(record: WorkflowRecord, last: EventEnvelope | undefined): IntegrityFailure | null {
  const lastSeq = last?.seq ?? 0;
  if (record.seq > lastSeq) {
    return failure(
      'log.truncated',
      `the state row's head is event ${record.seq} but the log ends at event ${lastSeq}: trailing events were deleted`,
      lastSeq + 1,
    );
  }
  if (record.seq < lastSeq) return failure('head.behind', `the log holds events after the state row's head (event ${record.seq})`, record.seq + 1);
  if (record.hash !== last!.hash) return failure('head.mismatch', `the state row's head hash is not the hash of event ${record.seq}`, record.seq);
  return null;
}

function grantsProblem(stored: readonly ReviewerGrant[], justified: readonly ReviewerGrant[]): IntegrityFailure | null {
  const key = (grant: ReviewerGrant) => `${grant.userId} (dispute ${grant.disputeId})`;
  const storedKeys = new Set(normalizeGrants(stored).map(key));
  const justifiedKeys = new Set(normalizeGrants(justified).map(key));
  const extra = [...storedKeys].filter((grant) => !justifiedKeys.has(grant));
  if (extra.length > 0) return failure('reviewers.unjustified', `reviewer access the log does not justify: user ${extra.join(', user ')}`);
  const missing = [...justifiedKeys].filter((grant) => !storedKeys.has(grant));
  if (missing.length > 0) return failure('reviewers.missing', `reviewer access the log grants is missing: user ${missing.join(', user ')}`);
  return null;
}

/** Names where two states part, by the template's section ids only: the stored state may hold anything. */
function whereDiffers(stored: CaseWorkflow, replayed: CaseWorkflow): string {
  if (stored.seq !== replayed.seq) return `its seq is ${Number(stored.seq)}, the log's ${replayed.seq}`;
  for (const id of Object.keys(replayed.sections)) {
    if (canonicalJson(stored.sections?.[id]) !== canonicalJson(replayed.sections[id])) return `section ${id}`;
  }
  if (canonicalJson(stored.sections) !== canonicalJson(replayed.sections)) return 'sections the template does not have';
  if (canonicalJson(stored.disputes) !== canonicalJson(replayed.disputes)) return 'the disputes';
  if (canonicalJson(stored.sessions) !== canonicalJson(replayed.sessions)) return 'the sessions';
  if (canonicalJson(stored.riv) !== canonicalJson(replayed.riv)) return "the re-integration report's doubt";
  if (canonicalJson(stored.labourExpert) !== canonicalJson(replayed.labourExpert)) return 'the labour expert';
  if (canonicalJson(stored.closed) !== canonicalJson(replayed.closed)) return "the case's closing";
  return 'fields the workflow does not have';
}

const missingSeal = () =>
  failure('seal.missing', 'the state row carries no seal: written before the log was keyed and not sealed since, or its seal was removed');

const invalidSeal = () => failure('seal.invalid', 'the seal of the state row does not verify: the row or its reviewer grants were changed without the log key');

import { templateSections } from '../../shared/template/index.ts';
import { TEMPLATE_V1 } from '../../shared/template/shipped.ts';
import {
  activeReviewers,
  apply,
  decide,
  initialWorkflow,
  type Actor,
  type CaseWorkflow,
  type EventEnvelope,
  type WorkflowCommand,
} from '../../shared/workflow/index.ts';
import type { HeadSeal, MemberRecord, RecordStore, ReviewerGrant, WorkflowRecord, WorkflowStore } from '../../server/store/ports.ts';
import { GENESIS_HASH, hashEnvelope, legacyHashEnvelope, sha256 } from '../../server/workflow/eventChain.ts';
import { sealNext } from '../../server/workflow/headSeal.ts';
import { createLogKey, type LogKey } from '../../server/workflow/logKey.ts';

/** The log key of servers that keep none in a DATA_DIR (memory, Redis) in tests. */
export const TEST_LOG_SECRET = 'test-log-secret-that-is-long-enough-for-hmac-sha256';
export const TEST_LOG_KEY = createLogKey(TEST_LOG_SECRET);
/** Another key: what an attacker who does not hold the log key recomputes with. */
export const WRONG_LOG_KEY = createLogKey('an-attacker-guess-that-is-long-enough-but-wrong');

export const SECTION_IDS = templateSections(TEMPLATE_V1).map((s) => s.id);

const BA: Actor = { userId: 'u-ba', name: 'Anna Bakker', role: 'ba' };
const VA: Actor = { userId: 'u-va', name: 'Victor Visser', role: 'va' };
export const REVIEWER = { userId: 'u-rev', name: 'Renée de Roos' };
export const DISPUTE_ID = 'dsp-1';

const both = (ba: string, va: string) => ({ ba, va });

/** A small case with every kind of thing the seal covers: flags, a proposal, a dispute with an invited reviewer (a grant). */
const STEPS: readonly { actor: Actor; command: WorkflowCommand }[] = [
  { actor: BA, command: { type: 'flag', section: 'd240', rationale: 'BA ziet 4 uur', kind: 'hours', positions: both('4 uur', '8 uur') } },
  { actor: VA, command: { type: 'propose', section: 'd160', draft: { text: 'Samen', qualifier: '2', hash: sha256('Samen') } } },
  { actor: VA, command: { type: 'flag', section: 'd430', rationale: 'VA ziet 5 kg', kind: 'capacity', positions: both('15 kg', '5 kg') } },
  {
    actor: BA,
    command: {
      type: 'openDispute',
      disputeId: DISPUTE_ID,
      sections: ['d430'],
      question: 'Hoeveel kan de werknemer tillen?',
      reason: 'explicit',
      explanation: 'Wij komen er niet uit',
      targets: { peerReview: null, formalRoute: null, closed: null },
      positions: { d430: both('15 kg', '5 kg') },
      persistentSections: [],
    },
  },
  { actor: BA, command: { type: 'inviteReviewer', disputeId: DISPUTE_ID, reviewer: REVIEWER, independent: true } },
];

export const SAMPLE_EVENTS = STEPS.length;

export interface ChainedCase {
  events: EventEnvelope[];
  state: CaseWorkflow;
  reviewers: ReviewerGrant[];
}

/** The sample case's log, each event hashed with `hash`, as the server's command path builds it. */
export function chainSample(caseId: string, hash: (unsigned: Omit<EventEnvelope, 'hash'>) => string): ChainedCase {
  let state = initialWorkflow(SECTION_IDS);
  let prevHash = GENESIS_HASH;
  const events: EventEnvelope[] = [];
  for (const [index, { actor, command }] of STEPS.entries()) {
    const decision = decide(state, command, actor);
    if (!decision.ok) throw new Error(`sample step ${index + 1} refused: ${decision.rejection.rule}`);
    const unsigned = { caseId, seq: index + 1, at: new Date(Date.UTC(2026, 2, 2, 9, index)).toISOString(), actor, event: decision.event, prevHash };
    const envelope = { ...unsigned, hash: hash(unsigned) };
    state = apply(state, envelope);
    events.push(envelope);
    prevHash = envelope.hash;
  }
  return { events, state, reviewers: activeReviewers(state) };
}

/** The case record the checks read the template version from. */
export async function createSampleCase(records: RecordStore, caseId: string, members: readonly MemberRecord[] = []): Promise<void> {
  await records.createCase(
    {
      id: caseId,
      title: 'Integriteit',
      employeePseudonym: 'WN-I',
      employer: 'Werkgever',
      firstSickDay: '2026-01-05',
      templateVersion: TEMPLATE_V1.version,
    },
    [...members],
  );
}

export interface SealedCommit {
  envelope: EventEnvelope;
  state: CaseWorkflow;
  reviewers: ReviewerGrant[];
  seal: HeadSeal;
}

/** The commits of the sample case with the keyed chain and a seal on each row, as runWorkflowCommand makes them. */
export function sealedSample(caseId: string, key: LogKey = TEST_LOG_KEY): { chained: ChainedCase; commits: SealedCommit[] } {
  const chained = chainSample(caseId, (unsigned) => hashEnvelope(key, unsigned));
  let previous: Pick<WorkflowRecord, 'seal'> = { seal: null };
  let state = initialWorkflow(SECTION_IDS);
  const commits = chained.events.map((envelope) => {
    state = apply(state, envelope);
    const reviewers = activeReviewers(state);
    const seal = sealNext(key, previous, { caseId, seq: envelope.seq, hash: envelope.hash, state, reviewers });
    previous = { seal };
    return { envelope, state, reviewers, seal };
  });
  return { chained, commits };
}

/** Creates the sample case and commits its events, each with its seal. */
export async function commitSample(
  stores: { records: RecordStore; workflow: WorkflowStore },
  caseId: string,
  key: LogKey = TEST_LOG_KEY,
  members: readonly MemberRecord[] = [],
): Promise<ChainedCase> {
  await createSampleCase(stores.records, caseId, members);
  const { chained, commits } = sealedSample(caseId, key);
  for (const { envelope, state, reviewers, seal } of commits) await stores.workflow.commit(envelope, state, reviewers, seal);
  return chained;
}

/** The sample case as a version before the keyed log wrote it: bare SHA-256 hashes. */
export const legacySample = (caseId: string) => chainSample(caseId, legacyHashEnvelope);

/**
 * The old attack: change event `fromSeq` and recompute every hash from there
 * on with `hash` (the bare SHA-256, or a key that is not the log key), each
 * event linked to the one before, so the chain looks whole.
 */
export function rechain(
  events: readonly EventEnvelope[],
  fromSeq: number,
  change: (envelope: EventEnvelope) => EventEnvelope,
  hash: (unsigned: Omit<EventEnvelope, 'hash'>) => string,
): EventEnvelope[] {
  const result: EventEnvelope[] = [];
  for (const original of events) {
    if (original.seq < fromSeq) {
      result.push(original);
      continue;
    }
    const changed = original.seq === fromSeq ? change(structuredClone(original)) : structuredClone(original);
    const { hash: _old, ...unsigned } = { ...changed, prevHash: result.at(-1)?.hash ?? GENESIS_HASH };
    result.push({ ...unsigned, hash: hash(unsigned) });
  }
  return result;
}

/** Rewrites a flag's rationale (the content an attacker wants changed). */
export function changeRationale(envelope: EventEnvelope): EventEnvelope {
  if (envelope.event.type !== 'disagreement.flagged') throw new Error(`event ${envelope.seq} is not a flag`);
  return { ...envelope, event: { ...envelope.event, rationale: 'Altijd al 8 uur gezien' } };
}

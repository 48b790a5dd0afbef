import { timingSafeEqual } from 'node:crypto';
import type { CaseWorkflow } from '../../shared/workflow/types.ts';
import type { HeadSeal, ReviewerGrant, WorkflowRecord } from '../store/ports.ts';
import { canonicalJson, sha256 } from './eventChain.ts';
import { hmacHex, type LogKey } from './logKey.ts';

/** What a case's seal covers: the head of its log and everything stored with it. */
export interface CaseHead {
  caseId: string;
  seq: number;
  hash: string;
  state: CaseWorkflow;
  reviewers: readonly ReviewerGrant[];
  legacySeq: number;
}

/** Grants as a set: each (user, dispute) once, in one order, so that equal grants seal equally in every adapter. */
export function normalizeGrants(grants: readonly ReviewerGrant[]): ReviewerGrant[] {
  const unique = new Map(grants.map(({ userId, disputeId }) => [`${userId}\u0000${disputeId}`, { userId, disputeId }]));
  return [...unique].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, grant]) => grant);
}

function sealedContent({ caseId, seq, hash, state, reviewers, legacySeq }: CaseHead): string {
  return canonicalJson({ caseId, seq, hash, stateHash: sha256(canonicalJson(state)), reviewers: normalizeGrants(reviewers), legacySeq });
}

/**
 * The seal of a state row: an HMAC with the log key over the head of the log
 * and what is stored with it. The row lives outside the events table, so an
 * attacker who deletes trailing events, or edits the state or the grants,
 * leaves a row whose seal no longer fits, and cannot make a new one.
 */
export function sealHead(key: LogKey, head: CaseHead): HeadSeal {
  return { legacySeq: head.legacySeq, mac: hmacHex(key.head, sealedContent(head)) };
}

/** Whether a stored row's seal verifies over what was stored with it. A row without a seal does not. */
export function sealValid(key: LogKey, caseId: string, record: WorkflowRecord): boolean {
  if (!record.seal) return false;
  const { seq, hash, state, reviewers, seal } = record;
  const expected = Buffer.from(sealHead(key, { caseId, seq, hash, state, reviewers, legacySeq: seal.legacySeq }).mac, 'hex');
  const stored = Buffer.from(seal.mac, 'hex');
  return stored.length === expected.length && timingSafeEqual(stored, expected);
}

/** The seal of the row a command writes: its new head, carrying the legacy prefix forward. */
export function sealNext(key: LogKey, previous: Pick<WorkflowRecord, 'seal'>, head: Omit<CaseHead, 'legacySeq'>): HeadSeal {
  return sealHead(key, { ...head, legacySeq: previous.seal?.legacySeq ?? 0 });
}

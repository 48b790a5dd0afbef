/**
 * The events of the case's append-only log (docs/domain.md): what happened,
 * with who and when in the envelope that chains it to the one before.
 */

import type { DocPart } from '../docNames.ts';
import type { CaseCloseReason } from './labourExpert.ts';
import type { ItemOutcome, SessionMode } from './sessionTypes.ts';
import type {
  Actor,
  DifferenceKind,
  DisputeOutcome,
  DisputeReason,
  DisputeTargets,
  FormalRouteKind,
  FormalRouteRequester,
  PositionSnapshot,
  RecordedDraft,
} from './types.ts';

/** Events: what happened, in the case's append-only log. */
export type WorkflowEvent =
  | { type: 'disagreement.flagged'; section: string; rationale: string; kind: DifferenceKind; positions: PositionSnapshot }
  | { type: 'disagreement.withdrawn'; section: string }
  | { type: 'agreement.proposed'; section: string; draft: RecordedDraft }
  | { type: 'agreement.signed'; section: string; hash: string }
  | { type: 'agreement.reopened'; section: string; reason: string }
  | {
      type: 'dispute.opened';
      disputeId: string;
      sections: string[];
      question: string;
      reason: DisputeReason;
      explanation: string;
      targets: DisputeTargets;
      positions: Record<string, PositionSnapshot>;
    }
  | { type: 'dispute.reviewer_invited'; disputeId: string; reviewer: { userId: string; name: string } }
  | { type: 'dispute.opinion_recorded'; disputeId: string; text: string }
  | {
      type: 'dispute.formal_route_recorded';
      disputeId: string;
      kind: FormalRouteKind;
      requestedBy: FormalRouteRequester;
      requestedOn: string;
      question: string;
    }
  | { type: 'dispute.formal_route_outcome_recorded'; disputeId: string; text: string; decidedOn: string }
  | { type: 'dispute.closed'; disputeId: string; outcomes: Record<string, DisputeOutcome>; positions: Record<string, PositionSnapshot> }
  /** `videoUrl` only when one was given (events logged before video links have none). */
  | { type: 'session.scheduled'; sessionId: string; scheduledAt: string; durationMinutes: number; mode: SessionMode; agenda: string[]; videoUrl?: string }
  /** `videoUrl`: a string sets the link, null removes it, absent keeps it. */
  | { type: 'session.rescheduled'; sessionId: string; scheduledAt: string; durationMinutes: number; mode: SessionMode; videoUrl?: string | null }
  | { type: 'session.agenda_changed'; sessionId: string; agenda: string[] }
  | { type: 'session.cancelled'; sessionId: string; reason: string }
  | { type: 'session.started'; sessionId: string }
  | { type: 'session.item_selected'; sessionId: string; section: string }
  | { type: 'session.outcome_recorded'; sessionId: string; section: string; outcome: ItemOutcome; notes: string }
  | { type: 'session.concluded'; sessionId: string }
  | { type: 'session.accepted'; sessionId: string }
  | { type: 'session.declined'; sessionId: string; proposedAt: string | null; reason: string }
  | { type: 'riv.doubt_recorded'; reason: string }
  | { type: 'riv.doubt_withdrawn' }
  /**
   * The case moved to another template version (`npm run admin -- migrate-case`): sections are
   * carried over by id, `added` start open, `unplaced` (the old version's ids the new one lacks)
   * leave the workflow; their text stays in the documents, unseen.
   */
  | { type: 'template.migrated'; from: number; to: number; added: string[]; unplaced: string[] }
  /** `reason` of an objection is the physician's words: never audited, never in a notification. */
  | { type: 'labour_expert.invited'; userId: string; name: string }
  | { type: 'labour_expert.objected'; reason: string }
  | { type: 'labour_expert.revoked' }
  | { type: 'case.closed'; reason: CaseCloseReason }
  | CommentEvent;

/**
 * Margin comments in the log: that they happened, by whom and when, never
 * their text (which lives with the thread). They change no section, dispute
 * or session: applying one only moves the state's seq.
 */
export type CommentEvent =
  | { type: 'comment.created'; threadId: string; commentId: string; part: DocPart; section: string }
  | { type: 'comment.replied'; threadId: string; commentId: string }
  | { type: 'comment.edited'; threadId: string; commentId: string }
  | { type: 'comment.deleted'; threadId: string; commentId: string }
  | { type: 'comment.resolved'; threadId: string }
  | { type: 'comment.reopened'; threadId: string };

export type WorkflowEventType = WorkflowEvent['type'];

/** An event as it sits in the log: who, when, and its place in the chain. */
export interface EventEnvelope {
  caseId: string;
  seq: number;
  at: string;
  actor: Actor;
  event: WorkflowEvent;
  /** Hash of the previous envelope (64 zeros for the first), and of this one. */
  prevHash: string;
  hash: string;
}

/**
 * The consultation workflow (docs/domain.md) as plain data: section states, the
 * dispute route and the commands that ask for a change (the events that
 * change them are in events.ts). The server is the authority; the browser only asks.
 */

import type { AccessRole } from '../roles.ts';
import type { ConsultationSession, ItemOutcome, SessionMode } from './sessionTypes.ts';
import type { WorkflowEvent } from './events.ts';
import type { CaseClosure, CaseCloseReason, LabourExpertGrant } from './labourExpert.ts';

export * from './sessionTypes.ts';
export * from './events.ts';

/**
 * Who acts in a case: its two physicians, a reviewer invited into a dispute,
 * or the operator at the admin command line (who only moves a case to another
 * template version, `template.migrated`).
 */
export type WorkflowRole = AccessRole | 'operator';

export interface Actor {
  userId: string;
  name: string;
  role: WorkflowRole;
}

export const SECTION_STATUSES = ['open', 'disagreement', 'proposed', 'agreed', 'escalated', 'resolved'] as const;
export type SectionStatus = (typeof SECTION_STATUSES)[number];

export const DIFFERENCE_KINDS = ['capacity', 'hours', 'conditions', 'prognosis', 'other'] as const;
export type DifferenceKind = (typeof DIFFERENCE_KINDS)[number];

/**
 * Both physicians' positions on a section at one moment: the text, and the
 * qualifier each chose (null: none). Snapshots recorded before qualifiers were
 * snapshotted lack the qualifier fields: read them as unknown, not as "none".
 */
export interface PositionSnapshot {
  ba: string;
  va: string;
  baQualifier?: string | null;
  vaQualifier?: string | null;
}

/**
 * The joint draft of a section as the server read it: its text, the joint
 * qualifier (null: none chosen), and the hash of both, so that a signature
 * covers the agreed qualifier as much as the agreed text.
 */
export interface DraftSnapshot {
  text: string;
  qualifier: string | null;
  hash: string;
}

/**
 * A draft as an `agreement.proposed` event records it: proposals logged before
 * the joint qualifier was part of the draft carry no `qualifier` (read: null).
 */
export type RecordedDraft = Omit<DraftSnapshot, 'qualifier'> & { qualifier?: string | null };

export interface Flag {
  by: Actor;
  at: string;
  rationale: string;
  kind: DifferenceKind;
  positions: PositionSnapshot;
}

export interface Proposal extends DraftSnapshot {
  by: Actor;
  at: string;
}

export interface Agreement extends DraftSnapshot {
  proposedBy: Actor;
  proposedAt: string;
  signedBy: Actor;
  signedAt: string;
}

/** An agreement that was reopened: what had been agreed, and why, by whom and when it was reopened. */
export interface ReopenedAgreement {
  agreement: Agreement;
  reason: string;
  by: Actor;
  at: string;
}

export const DISPUTE_OUTCOMES = ['agreed', 'residual', 'withdrawn'] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];

export interface SectionState {
  status: SectionStatus;
  /** The current flag (status `disagreement`); the moment it was raised feeds the persistence rule. */
  flag: Flag | null;
  proposal: Proposal | null;
  agreement: Agreement | null;
  /** The dispute the section is part of (open, or the one that resolved it). */
  disputeId: string | null;
  /** How the dispute ended for this section (status `resolved`, or `agreed` through a dispute). */
  outcome: DisputeOutcome | null;
  /**
   * The flag that led here, kept after an agreement or an escalation so that
   * its rationale stays readable; cleared only when the flag is withdrawn.
   * Absent in states stored before it was kept (see shared/workflow/storedState.ts).
   */
  lastFlag?: Flag | null;
  /** Past agreements of the section, oldest first, each with why it was reopened. Absent like `lastFlag`. */
  reopened?: ReopenedAgreement[];
}

export const DISPUTE_STAGES = ['opened', 'peer_review', 'formal_route', 'closed'] as const;
export type DisputeStage = (typeof DISPUTE_STAGES)[number];

export const DISPUTE_REASONS = ['persistent', 'explicit'] as const;
export type DisputeReason = (typeof DISPUTE_REASONS)[number];

/** Target dates (YYYY-MM-DD) by which a stage should be reached; overdue when passed. */
export interface DisputeTargets {
  peerReview: string | null;
  formalRoute: string | null;
  closed: string | null;
}

export const FORMAL_ROUTE_KINDS = ['deskundigenoordeel', 'second_opinion'] as const;
export type FormalRouteKind = (typeof FORMAL_ROUTE_KINDS)[number];

/** Employer or employee request a UWV deskundigenoordeel; only the employee a second opinion. Never the physicians. */
export const FORMAL_ROUTE_REQUESTERS = ['employer', 'employee'] as const;
export type FormalRouteRequester = (typeof FORMAL_ROUTE_REQUESTERS)[number];

export interface FormalRoute {
  kind: FormalRouteKind;
  requestedBy: FormalRouteRequester;
  requestedOn: string;
  question: string;
  recordedBy: Actor;
  recordedAt: string;
  outcome: { text: string; decidedOn: string; recordedBy: Actor; recordedAt: string } | null;
}

export interface Reviewer {
  userId: string;
  name: string;
  invitedBy: Actor;
  invitedAt: string;
  opinion: { text: string; at: string } | null;
}

export interface StageEntry {
  stage: DisputeStage;
  at: string;
  by: Actor;
}

export interface Dispute {
  id: string;
  sections: string[];
  question: string;
  reason: DisputeReason;
  /** Why, in the physician's words. */
  explanation: string;
  targets: DisputeTargets;
  /** Both positions per section when the dispute opened. */
  positions: Record<string, PositionSnapshot>;
  stage: DisputeStage;
  /** Every stage reached, in order, with who and when. */
  timeline: StageEntry[];
  reviewer: Reviewer | null;
  formalRoute: FormalRoute | null;
  /** When closed: the outcome per section and both positions frozen at that moment. */
  closing: { outcomes: Record<string, DisputeOutcome>; positions: Record<string, PositionSnapshot> } | null;
}

/**
 * The BA's doubt about the current assessment of work capacity (actueel
 * oordeel) for the re-integration report: while it stands, the case needs a
 * consultation with the VA (shared/workflow/riv.ts). `reason` is medical text.
 */
export interface RivDoubt {
  by: Actor;
  at: string;
  reason: string;
}

/** The re-integration report (RIV) part of the workflow. */
export interface RivState {
  doubt: RivDoubt | null;
}

export interface CaseWorkflow {
  /** Sequence number of the last event applied (0: none). */
  seq: number;
  sections: Record<string, SectionState>;
  disputes: Dispute[];
  sessions: ConsultationSession[];
  /** Absent in states stored before it existed; read as no doubt (server/workflow/caseCheck.ts). */
  riv: RivState;
  /** The invited arbeidsdeskundige (shared/workflow/labourExpert.ts); absent in older states, read as none. */
  labourExpert: LabourExpertGrant | null;
  /** Set once the case is closed; absent in older states, read as open. */
  closed: CaseClosure | null;
}

/**
 * Commands: what an actor asks for. The server fills in what only it can
 * know (the positions and the joint draft as stored, a new dispute id, the
 * number of sessions) before the domain decides.
 */
export type WorkflowCommand =
  | { type: 'flag'; section: string; rationale: string; kind: DifferenceKind; positions: PositionSnapshot }
  | { type: 'withdrawFlag'; section: string }
  | { type: 'propose'; section: string; draft: DraftSnapshot }
  /** `seen`: the hash of the proposal the signer was shown; `current`: the joint draft as stored now. */
  | { type: 'sign'; section: string; seen: string; current: DraftSnapshot }
  | { type: 'reopen'; section: string; reason: string }
  | {
      type: 'openDispute';
      disputeId: string;
      sections: string[];
      question: string;
      reason: DisputeReason;
      explanation: string;
      targets: DisputeTargets;
      positions: Record<string, PositionSnapshot>;
      /** Which of the sections the persistence rule finds persistent now. */
      persistentSections: string[];
    }
  /**
   * `reviewer`: the physician named, or null when there is none by that name;
   * `independent`: they are not a member of the case.
   */
  | { type: 'inviteReviewer'; disputeId: string; reviewer: { userId: string; name: string } | null; independent: boolean }
  | { type: 'recordOpinion'; disputeId: string; text: string }
  | {
      type: 'recordFormalRoute';
      disputeId: string;
      kind: FormalRouteKind;
      requestedBy: FormalRouteRequester;
      requestedOn: string;
      question: string;
    }
  | { type: 'recordFormalRouteOutcome'; disputeId: string; text: string; decidedOn: string }
  | { type: 'closeDispute'; disputeId: string; outcomes: Record<string, DisputeOutcome>; positions: Record<string, PositionSnapshot> }
  /** `notBefore`: the present, as the server sees it; a session cannot start in the past. */
  | {
      type: 'scheduleSession';
      sessionId: string;
      scheduledAt: string;
      durationMinutes: number;
      mode: SessionMode;
      agenda: string[];
      videoUrl?: string;
      notBefore: string;
    }
  /** `videoUrl`: a string sets the link, null removes it, absent keeps it. */
  | {
      type: 'rescheduleSession';
      sessionId: string;
      scheduledAt: string;
      durationMinutes: number;
      mode: SessionMode;
      videoUrl?: string | null;
      notBefore: string;
    }
  | { type: 'changeAgenda'; sessionId: string; agenda: string[] }
  | { type: 'cancelSession'; sessionId: string; reason: string }
  | { type: 'startSession'; sessionId: string }
  | { type: 'selectItem'; sessionId: string; section: string }
  | { type: 'recordOutcome'; sessionId: string; section: string; outcome: ItemOutcome; notes: string }
  | { type: 'concludeSession'; sessionId: string }
  /** The invitee (the physician who did not plan the session) accepts its current schedule. */
  | { type: 'acceptSession'; sessionId: string }
  /** The invitee declines, perhaps proposing another start; `notBefore` as for scheduling. */
  | { type: 'declineSession'; sessionId: string; proposedAt: string | null; reason: string; notBefore: string }
  /** `week`: the week of sickness today, as the server sees it (null before the first sick day). */
  | { type: 'recordRivDoubt'; reason: string; week: number | null }
  | { type: 'withdrawRivDoubt' }
  /** `labourExpert`: the active arbeidsdeskundige account named, or null when there is none by that id. */
  | { type: 'inviteLabourExpert'; labourExpert: { userId: string; name: string } | null }
  | { type: 'objectToLabourExpert'; reason: string }
  | { type: 'revokeLabourExpert' }
  | { type: 'closeCase'; reason: CaseCloseReason };

export type WorkflowCommandType = WorkflowCommand['type'];

/** Why a command was refused: 403 (wrong actor) or 409 (wrong state), naming the rule. */
export interface Rejection {
  status: 403 | 409 | 400;
  rule: string;
  message: string;
}

export type Decision = { ok: true; event: WorkflowEvent } | { ok: false; rejection: Rejection };

import { nextMilestone } from './poortwachter.ts';
import type { AccessRole } from './roles.ts';
import { weekOfSickness } from './sickness.ts';
import { isPersistent, type PersistenceRule } from './workflow/persistence.ts';
import { concludedSessionsBySection } from './workflow/sessions.ts';
import { DISPUTE_STAGES, type CaseWorkflow, type Dispute, type DisputeStage, type DisputeTargets, type SessionMode } from './workflow/types.ts';

/**
 * What the case list needs to work as a queue (GET /api/cases): everything a
 * physician sorts and filters on, computed from the stores without a request
 * per case and without opening the case's documents.
 */
export interface CaseQueue {
  /** Null before the first sick day. */
  weekOfSickness: number | null;
  /** The first Poortwachter milestone not yet past; null once all are past. */
  nextMilestone: QueueMilestone | null;
  /** Sections flagged or proposed: not yet agreed, not escalated. Null when the case failed its integrity check. */
  openDisagreements: number | null;
  /** Proposals the caller may sign: made by the other physician. Always 0 for reviewers and administrators. */
  awaitingMySignature: number | null;
  /** Disputes not closed. */
  openDisputes: number | null;
  /** Open disputes with a stage not yet reached whose target date has passed. */
  overdueDisputes: number | null;
  /** Sections in disagreement that the configured persistence rule finds persistent today. */
  persistentDisagreements: number | null;
  /** The earliest scheduled or live session. */
  nextSession: QueueSession | null;
  /** Comments by others the caller has not read; 0 for administrators. */
  unreadComments: number;
  /** When the last event of the case's log happened, or when the case was created when there is none. */
  lastActivityAt: string;
  /** `failed`: the case's record does not match its log, so the counts are unknown (null). */
  integrity: 'ok' | 'failed';
}

export interface QueueMilestone {
  id: string;
  labelNl: string;
  labelEn: string;
  dueWeek: number;
  dueDate: string;
}

export interface QueueSession {
  id: string;
  scheduledAt: string;
  mode: SessionMode;
}

/** One case as the stores give it: its workflow state is null when the case failed its integrity check. */
export interface QueueCase {
  firstSickDay: string;
  createdAt: string;
  state: CaseWorkflow | null;
  /** The `at` of the head envelope of the log; null when nothing happened yet (or unknown). */
  lastEventAt: string | null;
  unreadComments: number;
}

/** Who asks and when. `role` is the caller's role in the case, null for an administrator. */
export interface QueueContext {
  userId: string;
  role: AccessRole | null;
  /** YYYY-MM-DD, the physician's today. */
  today: string;
  persistenceRule: PersistenceRule;
}

type Counts = Pick<CaseQueue, 'openDisagreements' | 'awaitingMySignature' | 'openDisputes' | 'overdueDisputes' | 'persistentDisagreements'>;

const NO_COUNTS: Counts = { openDisagreements: null, awaitingMySignature: null, openDisputes: null, overdueDisputes: null, persistentDisagreements: null };

export function workQueueEntry(input: QueueCase, context: QueueContext): CaseQueue {
  const milestone = nextMilestone(input.firstSickDay, context.today);
  return {
    weekOfSickness: weekOfSickness(input.firstSickDay, context.today),
    nextMilestone: milestone && {
      id: milestone.key,
      labelNl: milestone.labelNl,
      labelEn: milestone.labelEn,
      dueWeek: milestone.dueWeek,
      dueDate: milestone.dueDate,
    },
    ...(input.state ? counts(input.state, context) : NO_COUNTS),
    nextSession: input.state ? nextSession(input.state) : null,
    unreadComments: context.role === null ? 0 : input.unreadComments,
    lastActivityAt: input.lastEventAt ?? input.createdAt,
    integrity: input.state ? 'ok' : 'failed',
  };
}

function counts(state: CaseWorkflow, context: QueueContext): Counts {
  const sections = Object.entries(state.sections);
  const concluded = concludedSessionsBySection(state);
  // Only a physician of the case signs, and only what the other one proposed.
  const signer = context.role === 'ba' || context.role === 'va';
  const open = state.disputes.filter((d) => d.stage !== 'closed');
  return {
    openDisagreements: sections.filter(([, s]) => s.status === 'disagreement' || s.status === 'proposed').length,
    awaitingMySignature: signer
      ? sections.filter(([, s]) => s.status === 'proposed' && s.proposal !== null && s.proposal.by.userId !== context.userId).length
      : 0,
    openDisputes: open.length,
    overdueDisputes: open.filter((d) => isOverdue(d, context.today)).length,
    persistentDisagreements: sections.filter(([id, s]) =>
      isPersistent(s, { concludedSessions: concluded[id] ?? 0, today: context.today }, context.persistenceRule),
    ).length,
  };
}

const TARGET_OF: Partial<Record<DisputeStage, keyof DisputeTargets>> = { peer_review: 'peerReview', formal_route: 'formalRoute', closed: 'closed' };

/**
 * Overdue when a stage the dispute has not reached yet had a target date
 * before today. Stages may be skipped forward, so not only the next stage's
 * target counts: a passed target for a later one is just as late.
 */
export function isOverdue(dispute: Dispute, today: string): boolean {
  if (dispute.stage === 'closed') return false;
  const ahead = DISPUTE_STAGES.slice(DISPUTE_STAGES.indexOf(dispute.stage) + 1);
  return ahead.some((stage) => {
    const key = TARGET_OF[stage];
    const target = key ? dispute.targets[key] : null;
    return target !== null && target < today;
  });
}

function nextSession(state: CaseWorkflow): QueueSession | null {
  const pending = state.sessions.filter((s) => s.status === 'scheduled' || s.status === 'live').sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt));
  const first = pending[0];
  return first ? { id: first.id, scheduledAt: first.scheduledAt, mode: first.mode } : null;
}

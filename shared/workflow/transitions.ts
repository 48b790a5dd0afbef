import type { DisputeStage, SectionStatus, SessionStatus } from './types.ts';

/**
 * Who may make a transition:
 * - `physician`: the case's BA or VA;
 * - `flagger`: the physician who raised the current flag;
 * - `otherPhysician`: the physician who did not make the proposal (for a session: who did not plan it);
 * - `reviewer`: the reviewer invited into the dispute.
 */
export type ActorRule = 'physician' | 'flagger' | 'otherPhysician' | 'reviewer';

export interface Transition<State extends string> {
  from: readonly State[];
  /** The state after; null when the transition leaves the state as it is. */
  to: State | null;
  who: ActorRule;
}

/**
 * The section workflow (docs/domain.md) as data: every command, the states it
 * starts from, where it leads and who may make it. Two transitions are made
 * through the dispute route: opening a dispute escalates its sections, and
 * closing it resolves them (or keeps the ones agreed during the dispute).
 */
export const SECTION_TRANSITIONS = {
  flag: { from: ['open', 'proposed'], to: 'disagreement', who: 'physician' },
  withdrawFlag: { from: ['disagreement'], to: 'open', who: 'flagger' },
  propose: { from: ['open', 'disagreement', 'proposed', 'escalated'], to: 'proposed', who: 'physician' },
  sign: { from: ['proposed'], to: 'agreed', who: 'otherPhysician' },
  /** Back to `open`, or to `escalated` while the dispute it was agreed in is still open. */
  reopen: { from: ['agreed', 'resolved'], to: 'open', who: 'physician' },
  escalate: { from: ['disagreement'], to: 'escalated', who: 'physician' },
  /** Sections agreed during the dispute stay `agreed`; the others are resolved. */
  resolve: { from: ['escalated', 'proposed', 'agreed'], to: 'resolved', who: 'physician' },
} as const satisfies Record<string, Transition<SectionStatus>>;

/**
 * The dispute route (docs/domain.md): each stage may be skipped forward, never
 * backwards. Recording the opinion and the formal route's outcome stay in
 * their stage.
 */
export const DISPUTE_TRANSITIONS = {
  inviteReviewer: { from: ['opened'], to: 'peer_review', who: 'physician' },
  recordOpinion: { from: ['peer_review'], to: null, who: 'reviewer' },
  recordFormalRoute: { from: ['opened', 'peer_review'], to: 'formal_route', who: 'physician' },
  recordFormalRouteOutcome: { from: ['formal_route'], to: null, who: 'physician' },
  close: { from: ['opened', 'peer_review', 'formal_route'], to: 'closed', who: 'physician' },
} as const satisfies Record<string, Transition<DisputeStage>>;

/**
 * Consultation sessions (docs/domain.md): scheduled -> live -> concluded, or
 * cancelled before they start. The agenda may change until the session is
 * concluded; outcomes are recorded while it is live. The physician who did
 * not plan it answers (accepts or declines) while it is scheduled.
 */
export const SESSION_TRANSITIONS = {
  rescheduleSession: { from: ['scheduled'], to: null, who: 'physician' },
  changeAgenda: { from: ['scheduled', 'live'], to: null, who: 'physician' },
  cancelSession: { from: ['scheduled'], to: 'cancelled', who: 'physician' },
  startSession: { from: ['scheduled'], to: 'live', who: 'physician' },
  selectItem: { from: ['live'], to: null, who: 'physician' },
  recordOutcome: { from: ['live'], to: null, who: 'physician' },
  concludeSession: { from: ['live'], to: 'concluded', who: 'physician' },
  acceptSession: { from: ['scheduled'], to: null, who: 'otherPhysician' },
  declineSession: { from: ['scheduled'], to: null, who: 'otherPhysician' },
} as const satisfies Record<string, Transition<SessionStatus>>;

/** The order of the stages: a dispute only ever moves to a later one. */
export const STAGE_ORDER: Record<DisputeStage, number> = { opened: 0, peer_review: 1, formal_route: 2, closed: 3 };

/** Every pair of section states a transition connects: anything else is forbidden. */
export function allowedSectionMoves(): Set<string> {
  const moves = new Set<string>();
  for (const transition of Object.values(SECTION_TRANSITIONS)) {
    if (transition.to) for (const from of transition.from) moves.add(`${from}->${transition.to}`);
  }
  // Reopening an agreement made inside a dispute that is still open returns it to that dispute;
  // closing a dispute keeps a section agreed during it.
  moves.add('agreed->escalated');
  moves.add('agreed->agreed');
  return moves;
}

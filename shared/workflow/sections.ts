import { exhaustive } from '../exhaustive.ts';
import { accept, checkActor, checkFrom, reject, unknownSection } from './decisions.ts';
import { findOpenDispute, type DisputeEvent } from './disputes.ts';
import { SECTION_TRANSITIONS, type Transition } from './transitions.ts';
import type { Actor, Agreement, CaseWorkflow, Decision, SectionState, SectionStatus, WorkflowCommand, WorkflowEvent } from './types.ts';

/** A section's own workflow: flag, withdraw, propose, sign, reopen; and what a dispute does to its sections. */

export type SectionCommand = Extract<WorkflowCommand, { type: keyof typeof SECTION_TRANSITIONS }>;
export type SectionEvent = Extract<WorkflowEvent, { type: `disagreement.${string}` | `agreement.${string}` }>;

export function emptySection(): SectionState {
  return { status: 'open', flag: null, proposal: null, agreement: null, disputeId: null, outcome: null, lastFlag: null, reopened: [] };
}

export function decideSection(state: CaseWorkflow, command: SectionCommand, actor: Actor): Decision {
  const section = state.sections[command.section];
  if (!section) return unknownSection(command.section);
  const transition: Transition<SectionStatus> = SECTION_TRANSITIONS[command.type];
  return (
    checkActor(transition.who, actor, command.type) ??
    checkFrom(transition, section.status, command.type, 'state', `while the section is ${section.status}`) ??
    decideFrom(state, section, command, actor)
  );
}

/** The checks past the transition's own: who the actor is relative to the section, and the data. */
function decideFrom(state: CaseWorkflow, section: SectionState, command: SectionCommand, actor: Actor): Decision {
  switch (command.type) {
    case 'flag':
      if (section.disputeId && findOpenDispute(state, section.disputeId)) {
        return reject(409, 'flag.in-dispute', 'This section is part of an open dispute; its disagreement is already on record');
      }
      if (!command.rationale.trim()) return reject(400, 'flag.rationale', 'A flag needs a rationale');
      return accept({ type: 'disagreement.flagged', section: command.section, rationale: command.rationale, kind: command.kind, positions: command.positions });
    case 'withdrawFlag':
      if (section.flag?.by.userId !== actor.userId) {
        return reject(403, 'withdrawFlag.only-flagger', 'Only the physician who raised the flag may withdraw it');
      }
      return accept({ type: 'disagreement.withdrawn', section: command.section });
    case 'propose':
      if (!command.draft.text.trim()) return reject(409, 'propose.empty-draft', 'The joint draft of this section is empty: write the agreed position first');
      return accept({ type: 'agreement.proposed', section: command.section, draft: command.draft });
    case 'sign':
      return decideSign(section, command, actor);
    case 'reopen':
      if (!command.reason.trim()) return reject(400, 'reopen.reason', 'Reopening needs a reason');
      return accept({ type: 'agreement.reopened', section: command.section, reason: command.reason });
    default:
      return exhaustive(command);
  }
}

function decideSign(section: SectionState, command: Extract<SectionCommand, { type: 'sign' }>, actor: Actor): Decision {
  // The transition starts only from `proposed`, which always holds a proposal.
  const proposal = section.proposal!;
  if (proposal.by.userId === actor.userId) {
    return reject(403, 'sign.only-other-physician', 'Only the other physician may sign a proposal; the proposer already stands behind it');
  }
  if (proposal.hash !== command.seen) {
    return reject(409, 'sign.proposal-changed', 'The proposal has changed since you read it: read the current proposal, then sign');
  }
  if (proposal.hash !== command.current.hash) {
    return reject(409, 'sign.stale-draft', 'The joint draft has changed since it was proposed: propose it again, then sign');
  }
  return accept({ type: 'agreement.signed', section: command.section, hash: command.current.hash });
}

/** The sections after one of their own events. */
export function applySectionEvent(state: CaseWorkflow, event: SectionEvent, actor: Actor, at: string): Record<string, SectionState> {
  const section = state.sections[event.section]!;
  return { ...state.sections, [event.section]: { ...section, ...sectionChange(state, section, event, actor, at) } };
}

function sectionChange(state: CaseWorkflow, section: SectionState, event: SectionEvent, actor: Actor, at: string): Partial<SectionState> {
  switch (event.type) {
    case 'disagreement.flagged': {
      const flag = { by: actor, at, rationale: event.rationale, kind: event.kind, positions: event.positions };
      return { status: 'disagreement', flag, lastFlag: flag, proposal: null };
    }
    case 'disagreement.withdrawn':
      // A withdrawn flag no longer explains anything that follows.
      return { status: 'open', flag: null, lastFlag: null };
    case 'agreement.proposed':
      // Proposals logged before the joint qualifier was part of the draft carry none.
      return { status: 'proposed', proposal: { ...event.draft, qualifier: event.draft.qualifier ?? null, by: actor, at } };
    case 'agreement.signed': {
      const proposal = section.proposal!;
      const agreement: Agreement = {
        text: proposal.text,
        qualifier: proposal.qualifier,
        hash: proposal.hash,
        proposedBy: proposal.by,
        proposedAt: proposal.at,
        signedBy: actor,
        signedAt: at,
      };
      // `flag` is the current disagreement, which the signature ends; `lastFlag` keeps why there was one.
      return { status: 'agreed', flag: null, proposal: null, agreement };
    }
    case 'agreement.reopened':
      return reopenedChange(state, section, event.reason, actor, at);
    default:
      return exhaustive(event);
  }
}

/** Reopening ends the agreement but keeps it in the section's history, with the reason. */
function reopenedChange(state: CaseWorkflow, section: SectionState, reason: string, actor: Actor, at: string): Partial<SectionState> {
  const inOpenDispute = section.disputeId !== null && findOpenDispute(state, section.disputeId) !== undefined;
  // A section resolved with a residual disagreement has no agreement to keep.
  const past = section.agreement ? [{ agreement: section.agreement, reason, by: actor, at }] : [];
  return {
    status: inOpenDispute ? 'escalated' : 'open',
    agreement: null,
    outcome: null,
    disputeId: inOpenDispute ? section.disputeId : null,
    reopened: [...(section.reopened ?? []), ...past],
  };
}

/**
 * The sections after a dispute event: opening escalates them (the flag's
 * disagreement now lives in the dispute, with both positions as they stood),
 * closing resolves them, or keeps the ones agreed during the dispute.
 */
export function sectionsAfterDispute(sections: Record<string, SectionState>, event: DisputeEvent): Record<string, SectionState> {
  switch (event.type) {
    case 'dispute.opened':
      return change(sections, event.sections, () => ({ status: 'escalated', disputeId: event.disputeId, flag: null, proposal: null, outcome: null }));
    case 'dispute.closed':
      return change(sections, Object.keys(event.outcomes), (id) => {
        const outcome = event.outcomes[id]!;
        return outcome === 'agreed' ? { outcome } : { status: 'resolved', outcome, proposal: null };
      });
    case 'dispute.reviewer_invited':
    case 'dispute.opinion_recorded':
    case 'dispute.formal_route_recorded':
    case 'dispute.formal_route_outcome_recorded':
      return sections;
    default:
      return exhaustive(event);
  }
}

function change(sections: Record<string, SectionState>, ids: readonly string[], changeOf: (id: string) => Partial<SectionState>): Record<string, SectionState> {
  const next = { ...sections };
  for (const id of ids) next[id] = { ...next[id]!, ...changeOf(id) };
  return next;
}

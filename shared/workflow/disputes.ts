import { exhaustive } from '../exhaustive.ts';
import { accept, checkActor, checkFrom, reject, unknownSection } from './decisions.ts';
import { DISPUTE_TRANSITIONS, SECTION_TRANSITIONS, type Transition } from './transitions.ts';
import type { Actor, CaseWorkflow, Decision, Dispute, DisputeStage, SectionStatus, WorkflowCommand, WorkflowEvent } from './types.ts';

/** The dispute route: opening a dispute over sections in disagreement, a reviewer and their opinion, a formal route, closing. */

type OpenDisputeCommand = Extract<WorkflowCommand, { type: 'openDispute' }>;
export type DisputeCommand = Exclude<Extract<WorkflowCommand, { disputeId: string }>, OpenDisputeCommand>;
export type DisputeEvent = Extract<WorkflowEvent, { type: `dispute.${string}` }>;

const DISPUTE_TRANSITION_OF = {
  inviteReviewer: DISPUTE_TRANSITIONS.inviteReviewer,
  recordOpinion: DISPUTE_TRANSITIONS.recordOpinion,
  recordFormalRoute: DISPUTE_TRANSITIONS.recordFormalRoute,
  recordFormalRouteOutcome: DISPUTE_TRANSITIONS.recordFormalRouteOutcome,
  closeDispute: DISPUTE_TRANSITIONS.close,
} as const satisfies Record<DisputeCommand['type'], Transition<DisputeStage>>;

export function findOpenDispute(state: Pick<CaseWorkflow, 'disputes'>, id: string): Dispute | undefined {
  return state.disputes.find((d) => d.id === id && d.stage !== 'closed');
}

export function decideOpenDispute(state: CaseWorkflow, command: OpenDisputeCommand, actor: Actor): Decision {
  const who = checkActor(SECTION_TRANSITIONS.escalate.who, actor, 'openDispute');
  if (who) return who;
  if (command.sections.length === 0) return reject(400, 'openDispute.sections', 'A dispute covers at least one section');
  if (new Set(command.sections).size !== command.sections.length) return reject(400, 'openDispute.sections', 'A section is listed twice');
  if (state.disputes.some((d) => d.id === command.disputeId)) return reject(409, 'openDispute.id', 'A dispute with this id exists');
  if (!command.question.trim()) return reject(400, 'openDispute.question', 'A dispute needs a question');
  const refused = checkEscalable(state, command.sections) ?? checkPersistent(command);
  if (refused) return refused;
  const { type: _type, persistentSections: _persistent, ...rest } = command;
  return accept({ type: 'dispute.opened', ...rest });
}

function checkEscalable(state: CaseWorkflow, sections: readonly string[]): Decision | null {
  for (const id of sections) {
    const section = state.sections[id];
    if (!section) return unknownSection(id);
    if (!(SECTION_TRANSITIONS.escalate.from as readonly SectionStatus[]).includes(section.status)) {
      return reject(409, 'openDispute.state', `Section ${id} is ${section.status}: only a section in disagreement can be escalated`);
    }
  }
  return null;
}

function checkPersistent(command: OpenDisputeCommand): Decision | null {
  if (command.reason !== 'persistent') return null;
  const notYet = command.sections.filter((id) => !command.persistentSections.includes(id));
  if (notYet.length === 0) return null;
  return reject(409, 'openDispute.not-persistent', `Not (yet) a persistent disagreement: ${notYet.join(', ')}. Escalate it as an explicit choice instead`);
}

export function decideDispute(state: CaseWorkflow, command: DisputeCommand, actor: Actor): Decision {
  const dispute = state.disputes.find((d) => d.id === command.disputeId);
  if (!dispute) return reject(400, 'dispute.unknown', 'There is no such dispute in this case');
  const transition: Transition<DisputeStage> = DISPUTE_TRANSITION_OF[command.type];
  return (
    checkActor(transition.who, actor, command.type) ??
    checkFrom(transition, dispute.stage, command.type, 'stage', `when the dispute is ${dispute.stage.replace('_', ' ')}`) ??
    decideFrom(state, dispute, command, actor)
  );
}

function decideFrom(state: CaseWorkflow, dispute: Dispute, command: DisputeCommand, actor: Actor): Decision {
  switch (command.type) {
    case 'inviteReviewer':
      if (!command.reviewer) return reject(400, 'inviteReviewer.unknown', 'There is no physician by that name');
      if (!command.independent) {
        return reject(409, 'inviteReviewer.not-independent', "A reviewer must be independent: the case's own physicians cannot review it");
      }
      return accept({ type: 'dispute.reviewer_invited', disputeId: dispute.id, reviewer: command.reviewer });
    case 'recordOpinion':
      if (dispute.reviewer?.userId !== actor.userId) {
        return reject(403, 'recordOpinion.only-reviewer', 'Only the reviewer invited into this dispute may record its opinion');
      }
      if (dispute.reviewer.opinion) return reject(409, 'recordOpinion.once', 'The reviewer has already recorded an opinion');
      if (!command.text.trim()) return reject(400, 'recordOpinion.text', 'An opinion needs text');
      return accept({ type: 'dispute.opinion_recorded', disputeId: dispute.id, text: command.text });
    case 'recordFormalRoute': {
      if (command.kind === 'second_opinion' && command.requestedBy !== 'employee') {
        return reject(409, 'recordFormalRoute.requester', 'Only the employee can request a second opinion');
      }
      const { kind, requestedBy, requestedOn, question } = command;
      return accept({ type: 'dispute.formal_route_recorded', disputeId: dispute.id, kind, requestedBy, requestedOn, question });
    }
    case 'recordFormalRouteOutcome':
      if (dispute.formalRoute?.outcome) return reject(409, 'recordFormalRouteOutcome.once', 'The outcome of the formal route is already recorded');
      return accept({ type: 'dispute.formal_route_outcome_recorded', disputeId: dispute.id, text: command.text, decidedOn: command.decidedOn });
    case 'closeDispute':
      return decideClose(state, dispute, command);
    default:
      return exhaustive(command);
  }
}

function decideClose(state: CaseWorkflow, dispute: Dispute, command: Extract<DisputeCommand, { type: 'closeDispute' }>): Decision {
  const listed = Object.keys(command.outcomes).sort();
  if (listed.join() !== [...dispute.sections].sort().join()) {
    return reject(400, 'closeDispute.outcomes', `Give an outcome for exactly the sections of this dispute: ${dispute.sections.join(', ')}`);
  }
  for (const id of dispute.sections) {
    const agreed = state.sections[id]?.status === 'agreed';
    if (command.outcomes[id] === 'agreed' && !agreed) {
      return reject(409, 'closeDispute.agreed-needs-signatures', `Section ${id} has no signed agreement: propose and sign it first, or close it as residual`);
    }
    if (command.outcomes[id] !== 'agreed' && agreed) {
      return reject(409, 'closeDispute.agreed-is-agreed', `Section ${id} was agreed and signed in this dispute: close it as agreed, or reopen it first`);
    }
  }
  return accept({ type: 'dispute.closed', disputeId: dispute.id, outcomes: command.outcomes, positions: command.positions });
}

/** The disputes after one of their events (what it does to the sections: sections.ts). */
export function applyDisputeEvent(disputes: Dispute[], event: DisputeEvent, actor: Actor, at: string): Dispute[] {
  if (event.type === 'dispute.opened') return [...disputes, openedDispute(event, actor, at)];
  return disputes.map((dispute) => (dispute.id === event.disputeId ? changeDispute(dispute, event, actor, at) : dispute));
}

function openedDispute(event: Extract<DisputeEvent, { type: 'dispute.opened' }>, actor: Actor, at: string): Dispute {
  return {
    id: event.disputeId,
    sections: event.sections,
    question: event.question,
    reason: event.reason,
    explanation: event.explanation,
    targets: event.targets,
    positions: event.positions,
    stage: 'opened',
    timeline: [{ stage: 'opened', at, by: actor }],
    reviewer: null,
    formalRoute: null,
    closing: null,
  };
}

function changeDispute(dispute: Dispute, event: DisputeEvent, actor: Actor, at: string): Dispute {
  const reach = (stage: DisputeStage): Dispute =>
    dispute.stage === stage ? dispute : { ...dispute, stage, timeline: [...dispute.timeline, { stage, at, by: actor }] };
  switch (event.type) {
    case 'dispute.opened':
      return dispute;
    case 'dispute.reviewer_invited':
      return { ...reach('peer_review'), reviewer: { ...event.reviewer, invitedBy: actor, invitedAt: at, opinion: null } };
    case 'dispute.opinion_recorded':
      return { ...dispute, reviewer: { ...dispute.reviewer!, opinion: { text: event.text, at } } };
    case 'dispute.formal_route_recorded': {
      const { kind, requestedBy, requestedOn, question } = event;
      return { ...reach('formal_route'), formalRoute: { kind, requestedBy, requestedOn, question, recordedBy: actor, recordedAt: at, outcome: null } };
    }
    case 'dispute.formal_route_outcome_recorded': {
      const outcome = { text: event.text, decidedOn: event.decidedOn, recordedBy: actor, recordedAt: at };
      return { ...dispute, formalRoute: { ...dispute.formalRoute!, outcome } };
    }
    case 'dispute.closed':
      return { ...reach('closed'), closing: { outcomes: event.outcomes, positions: event.positions } };
    default:
      return exhaustive(event);
  }
}

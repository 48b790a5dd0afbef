import { applySession, decideSession } from './sessions.ts';
import { DISPUTE_TRANSITIONS, SECTION_TRANSITIONS, type ActorRule, type Transition } from './transitions.ts';
import type { Actor, CaseWorkflow, Decision, Dispute, DisputeStage, Rejection, SectionState, SectionStatus, WorkflowCommand, WorkflowEvent } from './types.ts';

/** The workflow of a case nobody has acted on yet: every section open. */
export function initialWorkflow(sectionIds: readonly string[]): CaseWorkflow {
  const sections: Record<string, SectionState> = {};
  for (const id of sectionIds) sections[id] = emptySection();
  return { seq: 0, sections, disputes: [], sessions: [] };
}

function emptySection(): SectionState {
  return { status: 'open', flag: null, proposal: null, agreement: null, disputeId: null, outcome: null };
}

const reject = (status: Rejection['status'], rule: string, message: string): Decision => ({ ok: false, rejection: { status, rule, message } });
const accept = (event: WorkflowEvent): Decision => ({ ok: true, event });

/**
 * Decides whether `actor` may make `command` in `state`, and if so, which
 * event records it. Pure: a refusal changes nothing because nothing here
 * changes anything. The checks run in a fixed order: who the actor is (403),
 * the state (409), who the actor is relative to the state (403), the data (409).
 */
export function decide(state: CaseWorkflow, command: WorkflowCommand, actor: Actor): Decision {
  switch (command.type) {
    case 'flag':
    case 'withdrawFlag':
    case 'propose':
    case 'sign':
    case 'reopen':
      return decideSection(state, command, actor);
    case 'openDispute':
      return decideOpenDispute(state, command, actor);
    case 'inviteReviewer':
    case 'recordOpinion':
    case 'recordFormalRoute':
    case 'recordFormalRouteOutcome':
    case 'closeDispute':
      return decideDispute(state, command, actor);
    case 'scheduleSession':
    case 'rescheduleSession':
    case 'changeAgenda':
    case 'cancelSession':
    case 'startSession':
    case 'selectItem':
    case 'recordOutcome':
    case 'concludeSession':
      return decideSession(state, command, actor, checkActor);
  }
}

type SectionCommand = Extract<WorkflowCommand, { type: keyof typeof SECTION_TRANSITIONS }>;

function decideSection(state: CaseWorkflow, command: SectionCommand, actor: Actor): Decision {
  const section = state.sections[command.section];
  if (!section) return reject(400, 'section.unknown', `There is no section "${command.section}" in this assessment`);
  const transition: Transition<SectionStatus> = SECTION_TRANSITIONS[command.type];
  const who = checkActor(transition.who, actor, command.type);
  if (who) return who;
  if (!transition.from.includes(section.status)) {
    return reject(409, `${command.type}.state`, `${describe(command.type)} is not possible while the section is ${section.status}`);
  }
  switch (command.type) {
    case 'flag':
      if (section.disputeId && openDispute(state, section.disputeId)) {
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
      if (section.proposal!.by.userId === actor.userId) {
        return reject(403, 'sign.only-other-physician', 'Only the other physician may sign a proposal; the proposer already stands behind it');
      }
      if (section.proposal!.hash !== command.seen) {
        return reject(409, 'sign.proposal-changed', 'The proposal has changed since you read it: read the current proposal, then sign');
      }
      if (section.proposal!.hash !== command.current.hash) {
        return reject(409, 'sign.stale-draft', 'The joint draft has changed since it was proposed: propose it again, then sign');
      }
      return accept({ type: 'agreement.signed', section: command.section, hash: command.current.hash });
    case 'reopen':
      if (!command.reason.trim()) return reject(400, 'reopen.reason', 'Reopening needs a reason');
      return accept({ type: 'agreement.reopened', section: command.section, reason: command.reason });
  }
}

function decideOpenDispute(state: CaseWorkflow, command: Extract<WorkflowCommand, { type: 'openDispute' }>, actor: Actor): Decision {
  const who = checkActor(SECTION_TRANSITIONS.escalate.who, actor, 'openDispute');
  if (who) return who;
  if (command.sections.length === 0) return reject(400, 'openDispute.sections', 'A dispute covers at least one section');
  if (new Set(command.sections).size !== command.sections.length) return reject(400, 'openDispute.sections', 'A section is listed twice');
  if (state.disputes.some((d) => d.id === command.disputeId)) return reject(409, 'openDispute.id', 'A dispute with this id exists');
  if (!command.question.trim()) return reject(400, 'openDispute.question', 'A dispute needs a question');
  for (const id of command.sections) {
    const section = state.sections[id];
    if (!section) return reject(400, 'section.unknown', `There is no section "${id}" in this assessment`);
    if (!(SECTION_TRANSITIONS.escalate.from as readonly SectionStatus[]).includes(section.status)) {
      return reject(409, 'openDispute.state', `Section ${id} is ${section.status}: only a section in disagreement can be escalated`);
    }
  }
  if (command.reason === 'persistent') {
    const notYet = command.sections.filter((id) => !command.persistentSections.includes(id));
    if (notYet.length > 0) {
      return reject(409, 'openDispute.not-persistent', `Not (yet) a persistent disagreement: ${notYet.join(', ')}. Escalate it as an explicit choice instead`);
    }
  }
  const { type: _type, persistentSections: _persistent, ...rest } = command;
  return accept({ type: 'dispute.opened', ...rest });
}

type DisputeCommand = Extract<WorkflowCommand, { disputeId: string }> & { type: keyof typeof DISPUTE_TRANSITIONS | 'closeDispute' };

const DISPUTE_TRANSITION_OF = {
  inviteReviewer: DISPUTE_TRANSITIONS.inviteReviewer,
  recordOpinion: DISPUTE_TRANSITIONS.recordOpinion,
  recordFormalRoute: DISPUTE_TRANSITIONS.recordFormalRoute,
  recordFormalRouteOutcome: DISPUTE_TRANSITIONS.recordFormalRouteOutcome,
  closeDispute: DISPUTE_TRANSITIONS.close,
} as const;

function decideDispute(state: CaseWorkflow, command: Exclude<DisputeCommand, { type: 'openDispute' }>, actor: Actor): Decision {
  const dispute = state.disputes.find((d) => d.id === command.disputeId);
  if (!dispute) return reject(400, 'dispute.unknown', 'There is no such dispute in this case');
  const transition: Transition<DisputeStage> = DISPUTE_TRANSITION_OF[command.type];
  const who = checkActor(transition.who, actor, command.type);
  if (who) return who;
  if (!transition.from.includes(dispute.stage)) {
    return reject(409, `${command.type}.stage`, `${describe(command.type)} is not possible when the dispute is ${dispute.stage.replace('_', ' ')}`);
  }
  switch (command.type) {
    case 'inviteReviewer':
      if (!command.reviewer) return reject(400, 'inviteReviewer.unknown', 'There is no physician by that name');
      if (!command.independent) {
        return reject(409, 'inviteReviewer.not-independent', "A reviewer must be independent: the case's own physicians cannot review it");
      }
      return accept({ type: 'dispute.reviewer_invited', disputeId: dispute.id, reviewer: command.reviewer });
    case 'recordOpinion':
      if (dispute.reviewer?.userId !== actor.userId)
        return reject(403, 'recordOpinion.only-reviewer', 'Only the reviewer invited into this dispute may record its opinion');
      if (dispute.reviewer.opinion) return reject(409, 'recordOpinion.once', 'The reviewer has already recorded an opinion');
      if (!command.text.trim()) return reject(400, 'recordOpinion.text', 'An opinion needs text');
      return accept({ type: 'dispute.opinion_recorded', disputeId: dispute.id, text: command.text });
    case 'recordFormalRoute':
      if (command.kind === 'second_opinion' && command.requestedBy !== 'employee') {
        return reject(409, 'recordFormalRoute.requester', 'Only the employee can request a second opinion');
      }
      return accept({
        type: 'dispute.formal_route_recorded',
        disputeId: dispute.id,
        kind: command.kind,
        requestedBy: command.requestedBy,
        requestedOn: command.requestedOn,
        question: command.question,
      });
    case 'recordFormalRouteOutcome':
      if (dispute.formalRoute?.outcome) return reject(409, 'recordFormalRouteOutcome.once', 'The outcome of the formal route is already recorded');
      return accept({ type: 'dispute.formal_route_outcome_recorded', disputeId: dispute.id, text: command.text, decidedOn: command.decidedOn });
    case 'closeDispute':
      return decideClose(state, dispute, command);
  }
}

function decideClose(state: CaseWorkflow, dispute: Dispute, command: Extract<WorkflowCommand, { type: 'closeDispute' }>): Decision {
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

/** The category check: reviewers do what reviewers do, physicians the rest. */
function checkActor(rule: ActorRule, actor: Actor, command: string): Decision | null {
  const wantsReviewer = rule === 'reviewer';
  if (wantsReviewer === (actor.role === 'reviewer')) return null;
  return wantsReviewer
    ? reject(403, `${command}.only-reviewer`, 'Only the invited reviewer may do this')
    : reject(403, `${command}.only-physicians`, "Only the case's physicians may do this");
}

function openDispute(state: CaseWorkflow, id: string): Dispute | undefined {
  return state.disputes.find((d) => d.id === id && d.stage !== 'closed');
}

const DESCRIPTIONS: Record<string, string> = {
  flag: 'Flagging a disagreement',
  withdrawFlag: 'Withdrawing the flag',
  propose: 'Proposing an agreed position',
  sign: 'Signing',
  reopen: 'Reopening',
  inviteReviewer: 'Inviting a reviewer',
  recordOpinion: "Recording the reviewer's opinion",
  recordFormalRoute: 'Recording a formal route',
  recordFormalRouteOutcome: "Recording the formal route's outcome",
  closeDispute: 'Closing the dispute',
};

function describe(command: string): string {
  return DESCRIPTIONS[command] ?? command;
}

/** An event as applied: with who made it and when. */
export interface AppliedEvent {
  seq: number;
  at: string;
  actor: Actor;
  event: WorkflowEvent;
}

/**
 * The state after one more event. Pure and total over events `decide` can
 * produce; replaying a case's log from `initialWorkflow` rebuilds its state.
 */
export function apply(state: CaseWorkflow, { seq, at, actor, event }: AppliedEvent): CaseWorkflow {
  const next: CaseWorkflow = { seq, sections: { ...state.sections }, disputes: state.disputes, sessions: state.sessions };
  const section = (id: string) => next.sections[id]!;
  const setSection = (id: string, change: Partial<SectionState>) => {
    next.sections[id] = { ...section(id), ...change };
  };
  const setDispute = (id: string, change: (dispute: Dispute) => Dispute) => {
    next.disputes = next.disputes.map((d) => (d.id === id ? change(d) : d));
  };
  const reach = (dispute: Dispute, stage: DisputeStage): Dispute =>
    dispute.stage === stage ? dispute : { ...dispute, stage, timeline: [...dispute.timeline, { stage, at, by: actor }] };

  switch (event.type) {
    case 'disagreement.flagged':
      setSection(event.section, {
        status: 'disagreement',
        flag: { by: actor, at, rationale: event.rationale, kind: event.kind, positions: event.positions },
        proposal: null,
      });
      break;
    case 'disagreement.withdrawn':
      setSection(event.section, { status: 'open', flag: null });
      break;
    case 'agreement.proposed':
      setSection(event.section, { status: 'proposed', proposal: { ...event.draft, by: actor, at } });
      break;
    case 'agreement.signed': {
      const { proposal } = section(event.section);
      setSection(event.section, {
        status: 'agreed',
        flag: null,
        proposal: null,
        agreement: { text: proposal!.text, hash: proposal!.hash, proposedBy: proposal!.by, proposedAt: proposal!.at, signedBy: actor, signedAt: at },
      });
      break;
    }
    case 'agreement.reopened': {
      const { disputeId } = section(event.section);
      const inOpenDispute = disputeId !== null && next.disputes.some((d) => d.id === disputeId && d.stage !== 'closed');
      setSection(event.section, {
        status: inOpenDispute ? 'escalated' : 'open',
        agreement: null,
        outcome: null,
        disputeId: inOpenDispute ? disputeId : null,
      });
      break;
    }
    case 'dispute.opened':
      next.disputes = [
        ...next.disputes,
        {
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
        },
      ];
      // The flag's disagreement now lives in the dispute, with both positions as they stood.
      for (const id of event.sections) setSection(id, { status: 'escalated', disputeId: event.disputeId, flag: null, proposal: null, outcome: null });
      break;
    case 'dispute.reviewer_invited':
      setDispute(event.disputeId, (d) => ({
        ...reach(d, 'peer_review'),
        reviewer: { ...event.reviewer, invitedBy: actor, invitedAt: at, opinion: null },
      }));
      break;
    case 'dispute.opinion_recorded':
      setDispute(event.disputeId, (d) => ({ ...d, reviewer: { ...d.reviewer!, opinion: { text: event.text, at } } }));
      break;
    case 'dispute.formal_route_recorded':
      setDispute(event.disputeId, (d) => ({
        ...reach(d, 'formal_route'),
        formalRoute: {
          kind: event.kind,
          requestedBy: event.requestedBy,
          requestedOn: event.requestedOn,
          question: event.question,
          recordedBy: actor,
          recordedAt: at,
          outcome: null,
        },
      }));
      break;
    case 'dispute.formal_route_outcome_recorded':
      setDispute(event.disputeId, (d) => ({
        ...d,
        formalRoute: { ...d.formalRoute!, outcome: { text: event.text, decidedOn: event.decidedOn, recordedBy: actor, recordedAt: at } },
      }));
      break;
    case 'dispute.closed':
      setDispute(event.disputeId, (d) => ({ ...reach(d, 'closed'), closing: { outcomes: event.outcomes, positions: event.positions } }));
      for (const [id, outcome] of Object.entries(event.outcomes)) {
        setSection(id, outcome === 'agreed' ? { outcome } : { status: 'resolved', outcome, proposal: null });
      }
      break;
    case 'session.scheduled':
    case 'session.rescheduled':
    case 'session.agenda_changed':
    case 'session.cancelled':
    case 'session.started':
    case 'session.item_selected':
    case 'session.outcome_recorded':
    case 'session.concluded':
      next.sessions = applySession(next.sessions, event, actor, at);
      break;
  }
  return next;
}

/** Rebuilds a case's state from its log. */
export function replay(sectionIds: readonly string[], events: readonly AppliedEvent[]): CaseWorkflow {
  return events.reduce(apply, initialWorkflow(sectionIds));
}

/** The reviewers who hold access to the case now: those of disputes that are not closed. */
export function activeReviewers(state: CaseWorkflow): { userId: string; disputeId: string }[] {
  return state.disputes.flatMap((d) => (d.reviewer && d.stage !== 'closed' ? [{ userId: d.reviewer.userId, disputeId: d.id }] : []));
}

import { exhaustive } from '../exhaustive.ts';
import { applyDisputeEvent, decideDispute, decideOpenDispute } from './disputes.ts';
import { applySectionEvent, decideSection, emptySection, sectionsAfterDispute } from './sections.ts';
import { applyRivEvent, decideRiv, emptyRiv } from './riv.ts';
import { applyCaseEvent, applyLabourExpertEvent, decideLabourExpert } from './labourExpert.ts';
import { applySessionEvent, decideSession } from './sessions.ts';
import type { Actor, CaseWorkflow, Decision, SectionState, WorkflowCommand, WorkflowEvent } from './types.ts';

/**
 * The case's workflow as one state: each aggregate decides and applies its
 * own commands and events (sections.ts, disputes.ts, sessions.ts, riv.ts); this file
 * only dispatches.
 */

/** The workflow of a case nobody has acted on yet: every section open. */
export function initialWorkflow(sectionIds: readonly string[]): CaseWorkflow {
  const sections: Record<string, SectionState> = {};
  for (const id of sectionIds) sections[id] = emptySection();
  return { seq: 0, sections, disputes: [], sessions: [], riv: emptyRiv(), labourExpert: null, closed: null };
}

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
    case 'acceptSession':
    case 'declineSession':
      return decideSession(state, command, actor);
    case 'recordRivDoubt':
    case 'withdrawRivDoubt':
      return decideRiv(state, command, actor);
    case 'inviteLabourExpert':
    case 'objectToLabourExpert':
    case 'revokeLabourExpert':
    case 'closeCase':
      return decideLabourExpert(state, command, actor);
    default:
      return exhaustive(command);
  }
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
  const { sections, disputes, sessions, riv, labourExpert, closed } = state;
  const next: CaseWorkflow = { seq, sections, disputes, sessions, riv, labourExpert, closed };
  const grouped = groupOf(event);
  switch (grouped.group) {
    case 'disagreement':
    case 'agreement':
      return { ...next, sections: applySectionEvent(state, grouped.event, actor, at) };
    case 'dispute':
      return { ...next, disputes: applyDisputeEvent(state.disputes, grouped.event, actor, at), sections: sectionsAfterDispute(state.sections, grouped.event) };
    case 'session':
      return { ...next, sessions: applySessionEvent(state.sessions, grouped.event, actor, at) };
    case 'riv':
      return { ...next, riv: applyRivEvent(state.riv, grouped.event, actor, at) };
    case 'comment':
      // A comment changes no section, dispute or session; its thread lives in the comment store.
      return next;
    case 'template':
      return { ...next, sections: migratedSections(state.sections, grouped.event) };
    case 'labour_expert':
      return { ...next, labourExpert: applyLabourExpertEvent(grouped.event, actor, at) };
    case 'case':
      return { ...next, ...applyCaseEvent(grouped.event, actor, at) };
    default:
      return exhaustive(grouped);
  }
}

/** The groups of events, by the prefix of their type (`dispute.closed` is in `dispute`). */
type EventGroup = GroupOf<WorkflowEvent['type']>;
type GroupOf<Type> = Type extends `${infer Group}.${string}` ? Group : never;
type GroupedEvent = { [G in EventGroup]: { group: G; event: Extract<WorkflowEvent, { type: `${G}.${string}` }> } }[EventGroup];

function groupOf(event: WorkflowEvent): GroupedEvent {
  // The prefix is the group by construction of GroupedEvent; TypeScript cannot follow a string split.
  return { group: event.type.slice(0, event.type.indexOf('.')), event } as GroupedEvent;
}

/** The sections after a move to another template version: carried over by id, the new ones open, the unplaced gone. */
function migratedSections(
  sections: CaseWorkflow['sections'],
  { added, unplaced }: Extract<WorkflowEvent, { type: 'template.migrated' }>,
): CaseWorkflow['sections'] {
  const next = { ...sections };
  for (const id of unplaced) delete next[id];
  for (const id of added) next[id] ??= emptySection();
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

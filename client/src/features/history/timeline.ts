import { exhaustive } from '../../../../shared/exhaustive.ts';
import type { CaseCloseReason } from '../../../../shared/workflow/labourExpert.ts';
import type { Actor, DifferenceKind, DisputeOutcome, FormalRouteKind, ItemOutcome, SessionMode } from '../../../../shared/workflow/types.ts';
import type { LogEntry } from './historyApi.ts';

/** The message of a line: a key under `history.event`. */
export type LineKey =
  | 'flagged'
  | 'flagWithdrawn'
  | 'proposed'
  | 'signed'
  | 'reopened'
  | 'disputeOpened'
  | 'reviewerInvited'
  | 'opinionRecorded'
  | 'formalRoute'
  | 'formalRouteOutcome'
  | 'disputeClosed'
  | 'sessionScheduled'
  | 'sessionRescheduled'
  | 'sessionAgenda'
  | 'sessionCancelled'
  | 'sessionStarted'
  | 'sessionOutcome'
  | 'sessionConcluded'
  | 'commentPosted'
  | 'commentEdited'
  | 'commentDeleted'
  | 'commentResolved'
  | 'commentReopened'
  | 'rivDoubtRecorded'
  | 'rivDoubtWithdrawn'
  | 'templateMigrated'
  | 'labourExpertInvited'
  | 'labourExpertObjected'
  | 'labourExpertRevoked'
  | 'caseClosed';

/** One readable line of the case log: what happened, to which sections, by whom and when; words are chosen by the view. */
export interface TimelineLine {
  seq: number;
  at: string;
  actor: Actor;
  key: LineKey;
  sections: string[];
  /** The physician's own words kept with the event (a rationale, a reason, a question); never a comment's text. */
  detail?: string;
  kind?: DifferenceKind;
  /** The dispute's number in the case, counted from 1 in the order they opened. */
  dispute?: number;
  reviewer?: string;
  formalKind?: FormalRouteKind;
  outcomes?: [string, DisputeOutcome][];
  when?: string;
  mode?: SessionMode;
  outcome?: ItemOutcome;
  closeReason?: CaseCloseReason;
}

type Fields = Omit<TimelineLine, 'seq' | 'at' | 'actor'>;

/** The case log as lines, newest first. Selecting the item shown in a live session is left out: it records no decision. */
export function timelineLines(entries: readonly LogEntry[]): TimelineLine[] {
  const disputes = new Map<string, number>();
  const lines: TimelineLine[] = [];
  for (const entry of [...entries].sort((a, b) => a.seq - b.seq)) {
    if (entry.event.type === 'dispute.opened') disputes.set(entry.event.disputeId, disputes.size + 1);
    const fields = knownFields(entry.event, (id) => disputes.get(id) ?? 0);
    if (fields) lines.push({ seq: entry.seq, at: entry.at, actor: entry.actor, ...fields });
  }
  return lines.reverse();
}

/** An event this client does not know (a newer server) is left out rather than breaking the view. */
function knownFields(event: LogEntry['event'], dispute: (id: string) => number): Fields | null {
  try {
    return lineFields(event, dispute);
  } catch {
    return null;
  }
}

function lineFields(event: LogEntry['event'], dispute: (id: string) => number): Fields | null {
  switch (event.type) {
    case 'disagreement.flagged':
      return { key: 'flagged', sections: [event.section], kind: event.kind, detail: event.rationale };
    case 'disagreement.withdrawn':
      return { key: 'flagWithdrawn', sections: [event.section] };
    case 'agreement.proposed':
      return { key: 'proposed', sections: [event.section] };
    case 'agreement.signed':
      return { key: 'signed', sections: [event.section] };
    case 'agreement.reopened':
      return { key: 'reopened', sections: [event.section], detail: event.reason };
    case 'dispute.opened':
      return { key: 'disputeOpened', sections: event.sections, dispute: dispute(event.disputeId), detail: event.question };
    case 'dispute.reviewer_invited':
      return { key: 'reviewerInvited', sections: [], dispute: dispute(event.disputeId), reviewer: event.reviewer.name };
    case 'dispute.opinion_recorded':
      return { key: 'opinionRecorded', sections: [], dispute: dispute(event.disputeId), detail: event.text };
    case 'dispute.formal_route_recorded':
      return { key: 'formalRoute', sections: [], dispute: dispute(event.disputeId), formalKind: event.kind, detail: event.question };
    case 'dispute.formal_route_outcome_recorded':
      return { key: 'formalRouteOutcome', sections: [], dispute: dispute(event.disputeId), detail: event.text };
    case 'dispute.closed':
      return { key: 'disputeClosed', sections: [], dispute: dispute(event.disputeId), outcomes: Object.entries(event.outcomes) };
    default:
      return sessionOrCommentFields(event);
  }
}

type LaterEvent = Extract<
  LogEntry['event'],
  { type: `session.${string}` | `comment.${string}` | `riv.${string}` | `template.${string}` | `labour_expert.${string}` | `case.${string}` }
>;

function sessionOrCommentFields(event: LaterEvent): Fields | null {
  switch (event.type) {
    case 'session.scheduled':
      return { key: 'sessionScheduled', sections: event.agenda, when: event.scheduledAt, mode: event.mode };
    case 'session.rescheduled':
      return { key: 'sessionRescheduled', sections: [], when: event.scheduledAt, mode: event.mode };
    case 'session.agenda_changed':
      return { key: 'sessionAgenda', sections: event.agenda };
    case 'session.cancelled':
      return { key: 'sessionCancelled', sections: [], detail: event.reason };
    case 'session.started':
      return { key: 'sessionStarted', sections: [] };
    case 'session.item_selected':
      return null;
    case 'session.outcome_recorded':
      return { key: 'sessionOutcome', sections: [event.section], outcome: event.outcome, ...(event.notes ? { detail: event.notes } : {}) };
    case 'session.concluded':
      return { key: 'sessionConcluded', sections: [] };
    case 'session.accepted':
    case 'session.declined':
      // The answer is shown on the session's card; the case history lists what changes the session itself.
      return null;
    case 'comment.created':
      return { key: 'commentPosted', sections: [event.section] };
    case 'comment.replied':
      return { key: 'commentPosted', sections: [] };
    case 'comment.edited':
      return { key: 'commentEdited', sections: [] };
    case 'comment.deleted':
      return { key: 'commentDeleted', sections: [] };
    case 'comment.resolved':
      return { key: 'commentResolved', sections: [] };
    case 'comment.reopened':
      return { key: 'commentReopened', sections: [] };
    case 'riv.doubt_recorded':
      return { key: 'rivDoubtRecorded', sections: [], ...(event.reason ? { detail: event.reason } : {}) };
    case 'riv.doubt_withdrawn':
      return { key: 'rivDoubtWithdrawn', sections: [] };
    case 'template.migrated':
      return { key: 'templateMigrated', sections: event.added, detail: `${event.from} → ${event.to}` };
    case 'labour_expert.invited':
      return { key: 'labourExpertInvited', sections: [], reviewer: event.name };
    case 'labour_expert.objected':
      return { key: 'labourExpertObjected', sections: [], ...(event.reason ? { detail: event.reason } : {}) };
    case 'labour_expert.revoked':
      return { key: 'labourExpertRevoked', sections: [] };
    case 'case.closed':
      return { key: 'caseClosed', sections: [], closeReason: event.reason };
    default:
      return exhaustive(event);
  }
}

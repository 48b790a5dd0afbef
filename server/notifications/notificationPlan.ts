import { randomBytes } from 'node:crypto';
import { exhaustive } from '../../shared/exhaustive.ts';
import type { NotificationActorRole, NotificationKind } from '../../shared/notifications.ts';
import {
  activeLabourExpert,
  activeReviewers,
  type CaseWorkflow,
  type EventEnvelope,
  type WorkflowEvent,
  type WorkflowRole,
} from '../../shared/workflow/index.ts';
import type { MemberRecord, NewNotification } from '../store/ports.ts';

/** What an event notifies: its kind, the section it names, and the dispute whose reviewer is told too. */
export interface NotificationPlan {
  kind: NotificationKind;
  section: string | null;
  /** For a dispute's events: its invited reviewer is a recipient while the dispute is open. */
  disputeId: string | null;
}

const ofSection = (kind: NotificationKind, section: string | null): NotificationPlan => ({ kind, section, disputeId: null });

/**
 * Which events notify (docs/domain.md#notifications), as one decision per
 * event type: a new type does not compile until it is decided here. Only ids
 * travel on; no text of the event does.
 */
export function planOf(event: WorkflowEvent): NotificationPlan | null {
  switch (event.type) {
    case 'disagreement.flagged':
    case 'agreement.proposed':
    case 'agreement.signed':
    case 'agreement.reopened':
      return ofSection(event.type, event.section);
    case 'dispute.opened':
      return { kind: event.type, section: event.sections.length === 1 ? event.sections[0]! : null, disputeId: event.disputeId };
    case 'dispute.reviewer_invited':
    case 'dispute.opinion_recorded':
    case 'dispute.formal_route_recorded':
    case 'dispute.formal_route_outcome_recorded':
    case 'dispute.closed':
      return { kind: event.type, section: null, disputeId: event.disputeId };
    case 'session.scheduled':
    case 'session.rescheduled':
    case 'session.cancelled':
    case 'session.accepted':
    case 'session.declined':
      return ofSection(event.type, null);
    // The VA is told that the BA doubts the actueel oordeel: a consultation is now required.
    case 'riv.doubt_recorded':
      return ofSection(event.type, null);
    // The other physician sees the invitation (and may object); the inviter learns of an objection; both of the closing.
    case 'labour_expert.invited':
    case 'labour_expert.objected':
    case 'case.closed':
      return ofSection(event.type, null);
    case 'comment.created':
      return ofSection(event.type, event.section);
    case 'comment.replied':
      return ofSection(event.type, null);
    // Steps inside a session, a withdrawn flag and the upkeep of comments notify no one.
    case 'disagreement.withdrawn':
    case 'session.agenda_changed':
    case 'session.started':
    case 'session.item_selected':
    case 'session.outcome_recorded':
    case 'session.concluded':
    case 'riv.doubt_withdrawn':
    case 'comment.edited':
    case 'comment.deleted':
    case 'comment.resolved':
    case 'comment.reopened':
    case 'labour_expert.revoked': // the invitation is withdrawn; the case history shows it
    case 'template.migrated': // a move to another template version is upkeep; the case history shows it
      return null;
    default:
      return exhaustive(event);
  }
}

/** The actor's role in the case as a notification names it. */
export function actorRoleName(role: WorkflowRole): NotificationActorRole {
  switch (role) {
    case 'ba':
      return 'bedrijfsarts';
    case 'va':
      return 'verzekeringsarts';
    case 'reviewer':
      return 'reviewer';
    case 'labour-expert':
      return 'arbeidsdeskundige';
    case 'operator':
      return 'operator';
    default:
      return exhaustive(role);
  }
}

/**
 * Who is told: the case's members and, for a dispute's event, its reviewer
 * while the dispute grants them access (so an invited reviewer is told of the
 * invitation, and no longer once it closed), and the labour expert of their
 * own invitation; never the actor.
 */
export function recipientsOf(plan: NotificationPlan, members: readonly MemberRecord[], state: CaseWorkflow, actorId: string): string[] {
  const users = members.map((m) => m.userId);
  if (plan.disputeId) users.push(...activeReviewers(state).flatMap((grant) => (grant.disputeId === plan.disputeId ? [grant.userId] : [])));
  // The invited labour expert is told of their invitation, and of nothing else in the case.
  const expert = activeLabourExpert(state);
  if (plan.kind === 'labour_expert.invited' && expert) users.push(expert);
  return [...new Set(users)].filter((userId) => userId !== actorId);
}

/** The last millisecond an id was made for on this node, and how many were made in it. */
const lastId = { ms: 0, count: 0 };

/**
 * A notification id: the event's time (base 36, fixed width), a counter within
 * that millisecond on this node, then random hex (unique across nodes), so
 * that ids sort by time and the list pages by id.
 */
export function notificationId(at: string): string {
  const ms = Date.parse(at);
  lastId.count = ms === lastId.ms ? lastId.count + 1 : 0;
  lastId.ms = ms;
  return ms.toString(36).padStart(9, '0') + lastId.count.toString(36).padStart(4, '0') + randomBytes(6).toString('hex');
}

/** The notifications an event committed on the case leads to (none for most). */
export function notificationsOf(envelope: EventEnvelope, state: CaseWorkflow, members: readonly MemberRecord[]): NewNotification[] {
  const plan = planOf(envelope.event);
  if (!plan) return [];
  const actor = { name: envelope.actor.name, role: actorRoleName(envelope.actor.role) };
  return recipientsOf(plan, members, state, envelope.actor.userId).map((userId) => ({
    id: notificationId(envelope.at),
    userId,
    caseId: envelope.caseId,
    kind: plan.kind,
    actor,
    section: plan.section,
    at: envelope.at,
  }));
}

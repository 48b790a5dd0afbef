import type { Actor } from './types.ts';

/** Consultation sessions (docs/domain.md) as plain data; re-exported from types.ts, where the rest of the workflow lives. */

export const SESSION_MODES = ['video', 'telefoon', 'fysiek', 'schriftelijk'] as const;
export type SessionMode = (typeof SESSION_MODES)[number];

export const SESSION_STATUSES = ['scheduled', 'live', 'concluded', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const ITEM_OUTCOMES = ['agreed', 'still_disagree', 'escalated', 'deferred'] as const;
export type ItemOutcome = (typeof ITEM_OUTCOMES)[number];

/** How the invited physician (the one who did not plan the session) answered. */
export const SESSION_ANSWERS = ['accepted', 'declined'] as const;
export type SessionAnswerKind = (typeof SESSION_ANSWERS)[number];

/**
 * The invitee's answer to the current schedule; a reschedule clears it (no
 * answer yet). A decline may propose another start and give a short reason.
 */
export interface SessionAnswer {
  answer: SessionAnswerKind;
  by: Actor;
  at: string;
  /** Declined: the start the invitee proposes instead (ISO, UTC), or null. */
  proposedAt: string | null;
  /** Declined: why, in a few words ('' when none). */
  reason: string;
}

/** One section on a session's agenda and what became of it. */
export interface AgendaItem {
  section: string;
  outcome: ItemOutcome | null;
  notes: string;
  recordedBy: Actor | null;
  recordedAt: string | null;
}

/**
 * A scheduled physician-to-physician consultation (docs/domain.md). Once
 * concluded, its agenda items with their outcomes are the minutes.
 */
export interface ConsultationSession {
  id: string;
  /** Start, an ISO date-time (UTC). */
  scheduledAt: string;
  durationMinutes: number;
  mode: SessionMode;
  agenda: AgendaItem[];
  status: SessionStatus;
  scheduledBy: Actor;
  /** How often it was rescheduled: the calendar file's SEQUENCE. */
  revision: number;
  started: { by: Actor; at: string } | null;
  /** The agenda item both screens show, while live. */
  currentItem: string | null;
  concluded: { by: Actor; at: string } | null;
  cancelled: { by: Actor; at: string; reason: string } | null;
  /**
   * The https address of the video call, when one was given. Absent (not
   * null) when there is none, so that states stored before it existed still
   * equal a replay of their log.
   */
  videoUrl?: string;
  /** The invitee's answer to the current schedule; absent: no answer yet (states stored before answers existed have none). */
  answer?: SessionAnswer;
}

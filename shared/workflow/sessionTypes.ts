import type { Actor } from './types.ts';

/** Consultation sessions (docs/domain.md) as plain data; re-exported from types.ts, where the rest of the workflow lives. */

export const SESSION_MODES = ['video', 'telefoon', 'fysiek', 'schriftelijk'] as const;
export type SessionMode = (typeof SESSION_MODES)[number];

export const SESSION_STATUSES = ['scheduled', 'live', 'concluded', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const ITEM_OUTCOMES = ['agreed', 'still_disagree', 'escalated', 'deferred'] as const;
export type ItemOutcome = (typeof ITEM_OUTCOMES)[number];

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
}

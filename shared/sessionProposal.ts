import { SESSION_PROPOSAL } from './limits.ts';
import { addDays, poortwachterTimeline, type TimelineEntry } from './poortwachter.ts';
import { daysBetween } from './sickness.ts';
import type { CaseWorkflow, SectionState } from './workflow/types.ts';

/**
 * Whether the case page proposes a consultation before a Poortwachter
 * milestone, and with what: the milestone, the agenda (the open
 * disagreements) and a suggested date. Pure, so the page and the tests
 * decide alike.
 */

export interface ProposalInput {
  firstSickDay: string;
  /** The physician's calendar date, YYYY-MM-DD. */
  today: string;
  workflow: Pick<CaseWorkflow, 'sections' | 'sessions'>;
  /** Milestone keys the physician dismissed the proposal for. */
  dismissed?: readonly string[];
  windowDays?: number;
}

export interface SessionProposal {
  milestone: TimelineEntry;
  /** The day the session should come before: the milestone's due date, or for one already due its last day. */
  deadline: string;
  daysUntil: number;
  agenda: string[];
  /** YYYY-MM-DD and the hour, in the physician's time zone. */
  suggestedDate: string;
  suggestedHour: number;
}

/** The first milestone within the window with no session planned before it and not dismissed; null when none. */
export function proposeConsultation(input: ProposalInput): SessionProposal | null {
  const windowDays = input.windowDays ?? SESSION_PROPOSAL.windowDays;
  const dismissed = new Set(input.dismissed ?? []);
  const candidates = poortwachterTimeline(input.firstSickDay, input.today)
    .filter((entry) => entry.status !== 'past')
    .map((milestone) => ({ milestone, deadline: deadlineOf(milestone, input.today) }))
    .map((c) => ({ ...c, daysUntil: daysBetween(input.today, c.deadline) }))
    .filter((c) => c.daysUntil >= 0 && c.daysUntil <= windowDays && !dismissed.has(c.milestone.key))
    .sort((a, b) => a.daysUntil - b.daysUntil);
  const chosen = candidates.find((c) => !sessionPlannedBy(input.workflow, c.deadline));
  if (!chosen) return null;
  return {
    ...chosen,
    agenda: openDisagreements(input.workflow.sections),
    suggestedDate: suggestedDay(input.today, chosen.deadline),
    suggestedHour: SESSION_PROPOSAL.hour,
  };
}

function deadlineOf(milestone: TimelineEntry, today: string): string {
  return milestone.dueDate > today ? milestone.dueDate : milestone.endDate;
}

/** A session scheduled or live that starts before the end of the deadline day. */
function sessionPlannedBy(workflow: Pick<CaseWorkflow, 'sessions'>, deadline: string): boolean {
  const end = Date.parse(`${addDays(deadline, 1)}T00:00:00Z`);
  return workflow.sessions.some((s) => (s.status === 'scheduled' || s.status === 'live') && Date.parse(s.scheduledAt) < end);
}

/** Sections flagged and not agreed: a disagreement, a proposal made over a flag, or escalated into a dispute. */
export function openDisagreements(sections: Record<string, SectionState>): string[] {
  return Object.entries(sections)
    .filter(([, s]) => s.status === 'disagreement' || s.status === 'escalated' || (s.status === 'proposed' && s.flag !== null))
    .map(([id]) => id);
}

const isWeekend = (day: string) => [0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay());

/**
 * `leadDays` before the deadline, on a working day, never before tomorrow (a
 * session cannot be planned in the past): back to the Friday before a
 * weekend, or on to the Monday when tomorrow is a weekend day.
 */
export function suggestedDay(today: string, deadline: string): string {
  const earliest = addDays(today, 1);
  let day = addDays(deadline, -SESSION_PROPOSAL.leadDays);
  if (day < earliest) day = earliest;
  while (isWeekend(day) && day > earliest) day = addDays(day, -1);
  while (isWeekend(day)) day = addDays(day, 1);
  return day;
}

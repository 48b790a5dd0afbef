import { daysBetween } from '../sickness.ts';
import type { SectionState } from './types.ts';

/**
 * The persistent-disagreement rule (docs/domain.md): a section still in
 * disagreement after it was on the agenda of N concluded consultation
 * sessions, or D days after it was flagged, is persistent, and the workspace
 * prompts to escalate it. Both limits are configurable.
 */
export interface PersistenceRule {
  /** Concluded sessions with the section on their agenda. */
  sessions: number;
  /** Days since the flag was raised. */
  days: number;
}

export const DEFAULT_PERSISTENCE: PersistenceRule = { sessions: 2, days: 28 };

export interface PersistenceInput {
  /** Concluded sessions that had this section on their agenda since it was flagged. */
  concludedSessions: number;
  /** Today, YYYY-MM-DD. */
  today: string;
}

export function isPersistent(section: SectionState, input: PersistenceInput, rule: PersistenceRule = DEFAULT_PERSISTENCE): boolean {
  if (section.status !== 'disagreement' || !section.flag) return false;
  return input.concludedSessions >= rule.sessions || daysBetween(section.flag.at.slice(0, 10), input.today) >= rule.days;
}

import type { CaseWorkflow, SectionState, SectionStatus } from './types.ts';

/**
 * A section whose position is settled — agreed and signed by both, or
 * resolved when its dispute closed with both positions frozen — has a frozen
 * joint draft and joint qualifier until a physician reopens it. The relay
 * refuses every change to them (server/collab/updateFilter.ts); the page
 * shows them read-only.
 */
export const LOCKED_STATUSES: ReadonlySet<SectionStatus> = new Set<SectionStatus>(['agreed', 'resolved']);

export function isLocked(section: Pick<SectionState, 'status'>): boolean {
  return LOCKED_STATUSES.has(section.status);
}

/** The sections of a case whose joint draft accepts no change. */
export function lockedSections(state: Pick<CaseWorkflow, 'sections'>): Set<string> {
  return new Set(Object.entries(state.sections).flatMap(([id, section]) => (isLocked(section) ? [id] : [])));
}

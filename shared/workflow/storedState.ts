import type { CaseWorkflow, SectionState } from './types.ts';

/**
 * States stored by earlier versions, read by this one. A replay of the log
 * (the integrity check, server/workflow/caseCheck.ts) must match the stored
 * state, so what a newer version derives from old events is either filled in
 * the same way on both sides, or left out of the comparison when the stored
 * state predates it.
 */

/**
 * Fills in what a replay derives identically from old events: proposals and
 * agreements stored before the joint qualifier was part of a draft hold none.
 */
export function normalizeStoredSections(state: CaseWorkflow): CaseWorkflow {
  const sections: Record<string, SectionState> = {};
  for (const [id, section] of Object.entries(state.sections ?? {})) {
    sections[id] = {
      ...section,
      proposal: section.proposal && { ...section.proposal, qualifier: section.proposal.qualifier ?? null },
      agreement: section.agreement && { ...section.agreement, qualifier: section.agreement.qualifier ?? null },
    };
  }
  return { ...state, sections };
}

/**
 * Whether a stored section predates the kept flag and agreement history: a
 * replay derives both from old events too, but the stored state never held them.
 */
export function predatesHistory(section: SectionState | undefined): boolean {
  return section !== undefined && !('reopened' in section);
}

/**
 * A replayed state as the stored one would hold it: without the kept flag and
 * history in the sections whose stored copy predates them. Every other field
 * is still compared.
 */
export function shapedLikeStored(replayed: CaseWorkflow, stored: CaseWorkflow): CaseWorkflow {
  const sections: Record<string, SectionState> = {};
  for (const [id, section] of Object.entries(replayed.sections)) {
    if (predatesHistory(stored.sections?.[id])) {
      const { lastFlag: _lastFlag, reopened: _reopened, ...rest } = section;
      sections[id] = rest;
    } else {
      sections[id] = section;
    }
  }
  return { ...replayed, sections };
}

/** Whether any section of a stored state predates the kept flag and history: the state is then rebuilt from its log on load. */
export function storedStatePredatesHistory(state: CaseWorkflow): boolean {
  return Object.values(state.sections ?? {}).some(predatesHistory);
}

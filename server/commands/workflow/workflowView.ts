import type { WorkflowView } from '../../../shared/api.ts';
import { localDate } from '../../../shared/sickness.ts';
import { concludedSessionsBySection, isPersistent, rivReadiness, type CaseWorkflow } from '../../../shared/workflow/index.ts';
import type { CommandDeps } from '../deps.ts';

/** The state as the browser sees it, with the persistence rule applied today. */
export function toWorkflowView(deps: Pick<CommandDeps, 'persistence' | 'now'>, caseId: string, state: CaseWorkflow): WorkflowView {
  const today = localDate(deps.now());
  const sessions = concludedSessionsBySection(state);
  const persistent = Object.entries(state.sections)
    .filter(([id, section]) => isPersistent(section, { concludedSessions: sessions[id] ?? 0, today }, deps.persistence))
    .map(([id]) => id);
  return { caseId, ...state, persistence: deps.persistence, persistent, riv: rivReadiness(state) };
}

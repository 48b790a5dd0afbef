import type { WorkflowView } from '../../../shared/api.ts';
import { localDate } from '../../../shared/sickness.ts';
import { concludedSessionsBySection, initialWorkflow, isPersistent, type CaseWorkflow } from '../../../shared/workflow/index.ts';
import type { CaseRecord, WorkflowRecord, WorkflowStore } from '../../store/ports.ts';
import { normalizeStoredState } from '../../workflow/caseCheck.ts';
import { GENESIS_HASH } from '../../workflow/eventChain.ts';
import { sectionIdsOf } from '../../workflow/verifyCase.ts';
import type { CommandDeps } from '../deps.ts';

/** A case's stored workflow, or the initial one of its template when nobody acted yet. */
export async function loadWorkflow(store: WorkflowStore, record: CaseRecord): Promise<WorkflowRecord> {
  const stored = await store.load(record.id);
  if (stored) return { ...stored, state: normalizeStoredState(stored.state) };
  return { seq: 0, hash: GENESIS_HASH, state: initialWorkflow(sectionIdsOf(record)), reviewers: [], seal: null };
}

/** The state as the browser sees it, with the persistence rule applied today. */
export function toWorkflowView(deps: Pick<CommandDeps, 'persistence' | 'now'>, caseId: string, state: CaseWorkflow): WorkflowView {
  const today = localDate(deps.now());
  const sessions = concludedSessionsBySection(state);
  const persistent = Object.entries(state.sections)
    .filter(([id, section]) => isPersistent(section, { concludedSessions: sessions[id] ?? 0, today }, deps.persistence))
    .map(([id]) => id);
  return { caseId, ...state, persistence: deps.persistence, persistent };
}

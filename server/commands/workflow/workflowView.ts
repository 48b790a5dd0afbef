import type { WorkflowView } from '../../../shared/api.ts';
import { localDate } from '../../../shared/sickness.ts';
import { getTemplate, templateSections } from '../../../shared/template/index.ts';
import { concludedSessionsBySection, initialWorkflow, isPersistent, type CaseWorkflow } from '../../../shared/workflow/index.ts';
import type { CaseRecord, WorkflowRecord, WorkflowStore } from '../../store/ports.ts';
import { GENESIS_HASH } from '../../workflow/eventChain.ts';
import type { CommandDeps } from '../deps.ts';

/** A case's stored workflow, or the initial one of its template when nobody acted yet. */
export async function loadWorkflow(store: WorkflowStore, record: CaseRecord): Promise<WorkflowRecord> {
  const stored = await store.load(record.id);
  // States stored before consultation sessions existed have none.
  if (stored) return { ...stored, state: { ...stored.state, sessions: stored.state.sessions ?? [] } };
  const template = getTemplate(record.templateVersion);
  if (!template) throw new Error(`Case ${record.id} uses unknown template version ${record.templateVersion}`);
  return { seq: 0, hash: GENESIS_HASH, state: initialWorkflow(templateSections(template).map((s) => s.id)) };
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

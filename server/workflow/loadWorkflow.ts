import { initialWorkflow, replay } from '../../shared/workflow/index.ts';
import { shapedLikeStored, storedStatePredatesHistory } from '../../shared/workflow/storedState.ts';
import type { CaseRecord, TemplateStore, WorkflowRecord, WorkflowStore } from '../store/ports.ts';
import { normalizeStoredState } from './caseCheck.ts';
import { canonicalJson, GENESIS_HASH } from './eventChain.ts';
import { logSectionIds } from './verifyCase.ts';

/** What loading a case's workflow reads. */
export interface WorkflowSources {
  workflow: WorkflowStore;
  templates: TemplateStore;
}

/** A case's stored workflow, or the initial one of its template when nobody acted yet. */
export async function loadWorkflow(sources: WorkflowSources, record: CaseRecord): Promise<WorkflowRecord> {
  const stored = await sources.workflow.load(record.id);
  if (stored) return { ...stored, state: await withHistory(sources, record, normalizeStoredState(stored.state)) };
  return { seq: 0, hash: GENESIS_HASH, state: initialWorkflow(await logSectionIds(sources.templates, record, [])), reviewers: [], seal: null };
}

/**
 * A state stored before sections kept their last flag and past agreements is
 * rebuilt from its log, so that the next state stored (this one plus an event)
 * is again what a replay gives. The replay is taken only when it agrees with
 * the stored state in everything else; otherwise the stored state is kept and
 * the full check (verify-log, the scan at boot) names the problem.
 */
async function withHistory(sources: WorkflowSources, record: CaseRecord, state: WorkflowRecord['state']): Promise<WorkflowRecord['state']> {
  if (!storedStatePredatesHistory(state)) return state;
  const events = await sources.workflow.listEvents(record.id);
  const replayed = replay(await logSectionIds(sources.templates, record, events), events);
  return canonicalJson(shapedLikeStored(replayed, state)) === canonicalJson(state) ? replayed : state;
}

import { initialWorkflow, replay } from '../../shared/workflow/index.ts';
import { shapedLikeStored, storedStatePredatesHistory } from '../../shared/workflow/storedState.ts';
import type { CaseRecord, WorkflowRecord, WorkflowStore } from '../store/ports.ts';
import { normalizeStoredState } from './caseCheck.ts';
import { canonicalJson, GENESIS_HASH } from './eventChain.ts';
import { sectionIdsOf } from './verifyCase.ts';

/** A case's stored workflow, or the initial one of its template when nobody acted yet. */
export async function loadWorkflow(store: WorkflowStore, record: CaseRecord): Promise<WorkflowRecord> {
  const stored = await store.load(record.id);
  if (stored) return { ...stored, state: await withHistory(store, record, normalizeStoredState(stored.state)) };
  return { seq: 0, hash: GENESIS_HASH, state: initialWorkflow(sectionIdsOf(record)), reviewers: [], seal: null };
}

/**
 * A state stored before sections kept their last flag and past agreements is
 * rebuilt from its log, so that the next state stored (this one plus an event)
 * is again what a replay gives. The replay is taken only when it agrees with
 * the stored state in everything else; otherwise the stored state is kept and
 * the full check (verify-log, the scan at boot) names the problem.
 */
async function withHistory(store: WorkflowStore, record: CaseRecord, state: WorkflowRecord['state']): Promise<WorkflowRecord['state']> {
  if (!storedStatePredatesHistory(state)) return state;
  const replayed = replay(sectionIdsOf(record), await store.listEvents(record.id));
  return canonicalJson(shapedLikeStored(replayed, state)) === canonicalJson(state) ? replayed : state;
}

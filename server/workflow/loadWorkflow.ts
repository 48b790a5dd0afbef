import { initialWorkflow } from '../../shared/workflow/index.ts';
import type { CaseRecord, WorkflowRecord, WorkflowStore } from '../store/ports.ts';
import { normalizeStoredState } from './caseCheck.ts';
import { GENESIS_HASH } from './eventChain.ts';
import { sectionIdsOf } from './verifyCase.ts';

/** A case's stored workflow, or the initial one of its template when nobody acted yet. */
export async function loadWorkflow(store: WorkflowStore, record: CaseRecord): Promise<WorkflowRecord> {
  const stored = await store.load(record.id);
  if (stored) return { ...stored, state: normalizeStoredState(stored.state) };
  return { seq: 0, hash: GENESIS_HASH, state: initialWorkflow(sectionIdsOf(record)), reviewers: [], seal: null };
}

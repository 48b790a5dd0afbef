import type { Logger } from 'pino';
import type { LegacySeal, RecordStore, TemplateStore, WorkflowStore } from '../store/ports.ts';
import type { EventEnvelope } from '../../shared/workflow/types.ts';
import { checkCaseLog, type CaseCheck } from './caseCheck.ts';
import { legacyHashEnvelope } from './eventChain.ts';
import { sealHead } from './headSeal.ts';
import { failure, type IntegrityFailure } from './integrityProblems.ts';
import type { LogKey } from './logKey.ts';
import { logSectionIds, readWholeCase } from './verifyCase.ts';

export interface LegacySealing {
  sealed: string[];
  /** Unsealed rows left so: their legacy log does not verify, or the store was sealed before. */
  refused: string[];
}

/**
 * The one-time upgrade of a store written before the log was keyed. Its
 * events keep the bare SHA-256 they were written with (the events table stays
 * append-only, and hashes already handed out stay valid); what changes is that
 * each intact case's state row is sealed with the log key, with
 * `legacySeq` = its head. From then on the seal anchors that legacy prefix:
 * rewriting it changes the head, and the head is under the key.
 *
 * Only a store that was never sealed is upgraded, and all of it in one
 * transaction: once any row carries a seal, a row without one is not a
 * legacy row but a seal removed, and is refused rather than sealed. A case
 * whose legacy log does not verify (chain, head, replayed state, grants) is
 * not sealed either, and is refused from then on.
 */
export async function sealLegacyLogs(
  stores: { records: Pick<RecordStore, 'getCase'>; workflow: WorkflowStore; templates: TemplateStore },
  key: LogKey,
  log: Logger,
): Promise<LegacySealing> {
  const census = await stores.workflow.sealCensus();
  if (census.unsealed.length === 0) return { sealed: [], refused: [] };
  if (census.anySealed) {
    log.error({ cat: 'integrity', cases: census.unsealed }, 'state rows without a seal in a sealed store: not sealed, and refused');
    return { sealed: [], refused: census.unsealed };
  }
  const seals: LegacySeal[] = [];
  const refused: string[] = [];
  for (const caseId of census.unsealed) {
    const record = await stores.records.getCase(caseId);
    // A row of a case that does not exist is never served; there is nothing to seal it for.
    if (!record) continue;
    const caseLog = await readWholeCase(stores.workflow, caseId);
    const row = caseLog.record;
    const problem = whyNotSealable(checkCaseLog(key, await logSectionIds(stores.templates, record, caseLog.events), caseLog), caseLog.events);
    if (row && !problem) {
      const head = { caseId, seq: row.seq, hash: row.hash, state: row.state, reviewers: row.reviewers, legacySeq: row.seq };
      seals.push({ caseId, seq: row.seq, hash: row.hash, seal: sealHead(key, head) });
    } else {
      refused.push(caseId);
      log.error({ cat: 'integrity', caseId, ...problem }, 'the legacy log of a case does not verify: not sealed, and refused');
    }
  }
  const sealed = await stores.workflow.sealLegacy(seals);
  log.warn(
    { cat: 'integrity', sealed: sealed.length, refused: refused.length, logKey: key.id },
    'sealed the event logs written before the log was keyed (bare SHA-256) under the log key, once',
  );
  return { sealed, refused };
}

/**
 * A legacy row may be sealed when its log is intact but for the seal, and
 * legacy throughout: a keyed event under a row without a seal means that a
 * seal was removed.
 */
function whyNotSealable(check: CaseCheck, events: readonly EventEnvelope[]): IntegrityFailure | null {
  if (check.ok) return null;
  if (check.problem !== 'seal.missing') return { problem: check.problem, detail: check.detail, ...(check.seq === undefined ? {} : { seq: check.seq }) };
  const keyed = events.find((envelope) => legacyHashEnvelope(envelope) !== envelope.hash);
  return keyed ? failure('seal.missing', 'a keyed event under a state row without a seal: its seal was removed', keyed.seq) : null;
}

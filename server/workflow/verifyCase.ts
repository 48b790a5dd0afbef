import { templateSections } from '../../shared/template/index.ts';
import type { AppliedEvent } from '../../shared/workflow/index.ts';
import type { CaseRecord, RecordStore, TemplateStore, WorkflowRecord, WorkflowStore } from '../store/ports.ts';
import { templateOf } from '../templates/catalog.ts';
import { checkCaseLog, checkHead, type CaseCheck, type CaseLog } from './caseCheck.ts';
import type { LogKey } from './logKey.ts';

/** What checking a case reads. */
export interface CaseStores {
  records: Pick<RecordStore, 'getCase'>;
  workflow: WorkflowStore;
  templates: TemplateStore;
}

/** How often a case is read again when a command committed between reading its row and its log. */
const MAX_READ_ATTEMPTS = 5;

/** The case kept moving under every attempt to read it whole; nothing is known about it yet. */
export class CaseBusyError extends Error {
  constructor(readonly caseId: string) {
    super(`Case ${caseId} changed under every attempt to read it whole`);
  }
}

export class UnknownCaseError extends Error {
  constructor(readonly caseId: string) {
    super(`There is no case with id "${caseId}"`);
  }
}

/** The section ids a case's log replays over: those of the template version its log starts from. */
export async function logSectionIds(templates: TemplateStore, record: CaseRecord, events: readonly Pick<AppliedEvent, 'event'>[]): Promise<string[]> {
  return templateSections(await templateOf(templates, firstTemplateVersion(record, events))).map((section) => section.id);
}

/** A migrated case's log starts on the version its first migration left; any other case's on the version it has. */
function firstTemplateVersion(record: CaseRecord, events: readonly Pick<AppliedEvent, 'event'>[]): number {
  for (const { event } of events) if (event.type === 'template.migrated') return event.from;
  return record.templateVersion;
}

const sameHead = (a: WorkflowRecord | null, b: WorkflowRecord | null) => a?.seq === b?.seq && a?.hash === b?.hash;

/**
 * Reads a case's row, then its log from `afterSeq` on. Events past the row's
 * head (or events without a row) are either a command committed between the
 * two reads, or a log that really runs ahead of its row: the row is read
 * again to tell them apart, so a race is never reported as tampering.
 * The row itself (with its grants and seal) is one snapshot in every adapter.
 */
async function readCaseLog(workflow: WorkflowStore, caseId: string, afterSeq: (record: WorkflowRecord | null) => number): Promise<CaseLog> {
  for (let attempt = 0; attempt < MAX_READ_ATTEMPTS; attempt++) {
    const record = await workflow.load(caseId);
    const events = await workflow.listEvents(caseId, afterSeq(record));
    if ((events.at(-1)?.seq ?? 0) <= (record?.seq ?? 0) || sameHead(record, await workflow.load(caseId))) return { caseId, record, events };
  }
  throw new CaseBusyError(caseId);
}

/** The whole log, for the full check. */
export const readWholeCase = (workflow: WorkflowStore, caseId: string) => readCaseLog(workflow, caseId, () => 0);

/** The cheap check, for every load of a case's workflow: the row, and the log from its head on. */
export async function checkCaseHead(workflow: WorkflowStore, key: LogKey, caseId: string): Promise<{ record: WorkflowRecord | null; check: CaseCheck }> {
  const { record, events } = await readCaseLog(workflow, caseId, (row) => (row ? row.seq - 1 : 0));
  return { record, check: checkHead(key, caseId, record, events) };
}

/**
 * The full check of one case (verify-log, the server's scan at boot): its
 * chain, its head, its state and grants against a replay, its seal.
 */
export async function verifyCase(stores: CaseStores, key: LogKey, caseId: string): Promise<CaseCheck> {
  const record = await stores.records.getCase(caseId);
  if (!record) throw new UnknownCaseError(caseId);
  const caseLog = await readWholeCase(stores.workflow, caseId);
  return checkCaseLog(key, await logSectionIds(stores.templates, record, caseLog.events), caseLog);
}

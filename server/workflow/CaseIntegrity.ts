import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Logger } from 'pino';
import { caseIntegrity } from '../errors.ts';
import type { RecordStore, TemplateStore, WorkflowRecord, WorkflowStore } from '../store/ports.ts';
import type { IntegrityFailure } from './integrityProblems.ts';
import type { LogKey } from './logKey.ts';
import { CaseBusyError, checkCaseHead, verifyCase } from './verifyCase.ts';

/** The scan at boot logs its progress after every this many cases. */
export const INTEGRITY_SCAN_PROGRESS_EVERY = 100;

export interface IntegrityReport {
  /** Cases the full check (the scan after boot) has gone through. */
  checked: number;
  /** Cases refused because their record does not match their log, found by the scan or by a check on load. */
  failed: string[];
  scan: 'pending' | 'running' | 'done';
}

export interface CaseIntegrityDeps {
  records: Pick<RecordStore, 'getCase' | 'listCases'>;
  /** The adapter itself, not the checked store that wraps it. */
  workflow: WorkflowStore;
  templates: TemplateStore;
  key: LogKey;
  log: Logger;
}

/**
 * Which cases this node refuses because their record does not match their
 * log (quarantine), and the checks that put them there: the cheap one on
 * every load, the full one for every case in the background after boot.
 * A quarantined case stays refused until the process restarts (after an
 * administrator repaired it, the scan at boot clears it).
 */
export class CaseIntegrity {
  private readonly failures = new Map<string, IntegrityFailure>();
  private checked = 0;
  private state: IntegrityReport['scan'] = 'pending';
  private scanning: Promise<IntegrityReport> | null = null;

  constructor(private readonly deps: CaseIntegrityDeps) {}

  isQuarantined(caseId: string): boolean {
    return this.failures.has(caseId);
  }

  /** Throws the case's refusal when it is quarantined. */
  refuseIfQuarantined(caseId: string): void {
    if (this.failures.has(caseId)) throw caseIntegrity();
  }

  /** Loads a case's row after the cheap check; a case that fails it is quarantined and refused. */
  async loadChecked(caseId: string): Promise<WorkflowRecord | null> {
    this.refuseIfQuarantined(caseId);
    const { record, check } = await checkCaseHead(this.deps.workflow, this.deps.key, caseId);
    if (check.ok) return record;
    this.quarantine(caseId, check, 'load');
    throw caseIntegrity();
  }

  /** Runs the full check of every case once (later calls share it); resolves when it is done. */
  scanAll(): Promise<IntegrityReport> {
    return (this.scanning ??= this.scan());
  }

  report(): IntegrityReport {
    return { checked: this.checked, failed: [...this.failures.keys()].sort(), scan: this.state };
  }

  private async scan(): Promise<IntegrityReport> {
    const { log } = this.deps;
    const started = Date.now();
    this.state = 'running';
    const cases = await this.deps.records.listCases();
    log.info({ cat: 'integrity', cases: cases.length, logKey: this.deps.key.id }, 'integrity scan started: every case against its log');
    for (const { id } of cases) {
      await this.scanOne(id);
      this.checked++;
      if (this.checked % INTEGRITY_SCAN_PROGRESS_EVERY === 0)
        log.info({ cat: 'integrity', checked: this.checked, cases: cases.length }, 'integrity scan progress');
      // Each case is checked in one go; between cases the node serves requests.
      await nextTurn();
    }
    this.state = 'done';
    log.info({ cat: 'integrity', checked: this.checked, failed: this.failures.size, ms: Date.now() - started }, 'integrity scan done');
    return this.report();
  }

  private async scanOne(caseId: string): Promise<void> {
    if (this.failures.has(caseId)) return;
    try {
      const check = await verifyCase({ records: this.deps.records, workflow: this.deps.workflow, templates: this.deps.templates }, this.deps.key, caseId);
      if (!check.ok) this.quarantine(caseId, check, 'scan');
    } catch (error) {
      // Not a verdict: the case is not refused for a store that did not answer or a case that kept moving.
      const level = error instanceof CaseBusyError ? 'warn' : 'error';
      this.deps.log[level]({ cat: 'integrity', caseId, err: error }, 'integrity check of a case could not run');
    }
  }

  private quarantine(caseId: string, found: IntegrityFailure, by: 'scan' | 'load'): void {
    if (this.failures.has(caseId)) return;
    this.failures.set(caseId, found);
    // Ids, event numbers and the problem only: a detail never quotes an event.
    this.deps.log.error(
      { cat: 'integrity', caseId, problem: found.problem, seq: found.seq, detail: found.detail, foundBy: by },
      'case does not match its log: its workflow is refused until an administrator checks it',
    );
  }
}

import * as Y from 'yjs';
import { DOC_PARTS, formatDocName, type DocPart } from '../../shared/docNames.ts';
import { templateSections, type AssessmentTemplate } from '../../shared/template/index.ts';
import type { Actor, CaseWorkflow, WorkflowEvent } from '../../shared/workflow/index.ts';
import type { AuditActor } from '../audit/Audit.ts';
import { appendToCaseLog } from '../commands/caseLog.ts';
import type { CommandDeps } from '../commands/deps.ts';
import { versionContent } from '../collab/versionContent.ts';
import { AppError } from '../errors.ts';
import type { DocStore } from '../store/ports.ts';
import { loadWorkflow } from '../workflow/loadWorkflow.ts';
import { findTemplate, templateOf } from './catalog.ts';

/** The operator at the command line, as the case log names them. */
export const OPERATOR: Actor = { userId: 'admin-cli', name: 'Beheerder (opdrachtregel)', role: 'operator' };

/** Section statuses that are work in progress: a section in one of them cannot lose its place. */
const UNSETTLED = new Set(['disagreement', 'proposed', 'escalated']);

export type MigrationDeps = Pick<CommandDeps, 'records' | 'workflow' | 'templates' | 'logKey' | 'audit' | 'notificationDelivery' | 'now'> & { docs: DocStore };

/** What a move did: the sections carried over, the new ones, and those of the old version that have no place in the new one. */
export interface MigrationReport {
  caseId: string;
  from: number;
  to: number;
  carried: string[];
  added: string[];
  /** Each with where it holds something (text or a qualifier in a document, or a settled workflow state); their content stays stored, unseen. */
  unplaced: { id: string; label: string; holds: (DocPart | 'workflow')[] }[];
}

/**
 * Moves a case to a newer template version (docs/templates.md): writes
 * `template.migrated` to its log, then the version to its row. Refused, with
 * nothing changed, for an unknown case or version, a version not newer than
 * the case's, or a section without a place that is still being worked on
 * (a flag, a proposal, an open dispute).
 */
export async function migrateCase(deps: MigrationDeps, actor: AuditActor, caseId: string, to: number): Promise<MigrationReport> {
  const record = await deps.records.getCase(caseId);
  if (!record) throw new AppError(404, 'case.not-found', `case: no case with id "${caseId}"`);
  const target = await findTemplate(deps.templates, to);
  if (!target) throw new AppError(404, 'template.not-found', `to: there is no template version ${to} (import it first)`);
  const from = record.templateVersion;
  if (to <= from) throw new AppError(409, 'template.not-newer', `to: case ${caseId} is on version ${from}; a case moves only to a newer version`);
  const source = await templateOf(deps.templates, from);
  const { state } = await loadWorkflow(deps, record);
  const report = await plan(deps.docs, caseId, source, target, state);
  const busy = report.unplaced.filter(({ id }) => UNSETTLED.has(state.sections[id]?.status ?? 'open'));
  if (busy.length > 0) {
    const names = busy.map(({ id, label }) => `${id} (${label}, ${state.sections[id]!.status})`).join(', ');
    throw new AppError(
      409,
      'template.sections-in-progress',
      `sections without a place in version ${to} are still being worked on: ${names}; settle them first`,
    );
  }
  const event: WorkflowEvent = { type: 'template.migrated', from, to, added: report.added, unplaced: report.unplaced.map(({ id }) => id) };
  const audit = deps.audit.entryOf(actor, { action: 'write', outcome: 'success', object: 'case', caseId, detail: `template ${from} -> ${to}` });
  await appendToCaseLog(deps, record, { actor: OPERATOR, event, audit });
  if (!(await deps.records.moveCaseTemplate(caseId, from, to))) {
    throw new Error(`case ${caseId} changed template version while it was moved; its log records the move to ${to}: run migrate-case again`);
  }
  return report;
}

async function plan(docs: DocStore, caseId: string, source: AssessmentTemplate, target: AssessmentTemplate, state: CaseWorkflow): Promise<MigrationReport> {
  const before = templateSections(source);
  const after = new Set(templateSections(target).map((section) => section.id));
  const old = new Set(before.map((section) => section.id));
  const gone = before.filter((section) => !after.has(section.id));
  const content = versionContent(
    await storedStates(docs, caseId),
    gone.map((section) => section.id),
  );
  return {
    caseId,
    from: source.version,
    to: target.version,
    carried: before.filter((section) => after.has(section.id)).map((section) => section.id),
    added: [...after].filter((id) => !old.has(id)),
    unplaced: gone.map((section) => {
      const parts = content[section.id]!;
      const holds: MigrationReport['unplaced'][number]['holds'] = DOC_PARTS.filter(
        (part) => parts[part].text.trim() !== '' || parts[part].qualifierCode !== null,
      );
      const workflow = state.sections[section.id];
      if (workflow && (workflow.status !== 'open' || workflow.agreement)) holds.push('workflow');
      return { id: section.id, label: section.label.nl, holds };
    }),
  };
}

/** Each document of the case as stored: its snapshot and the updates after it, merged. */
async function storedStates(docs: DocStore, caseId: string): Promise<Record<DocPart, Uint8Array>> {
  const states = await Promise.all(
    DOC_PARTS.map(async (part) => {
      const stored = await docs.load(formatDocName({ caseId, part }));
      const updates = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
      return [part, updates.length > 0 ? Y.mergeUpdates(updates) : Y.encodeStateAsUpdate(new Y.Doc())] as const;
    }),
  );
  return Object.fromEntries(states) as Record<DocPart, Uint8Array>;
}

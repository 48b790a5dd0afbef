import type { VersionDetail, VersionSummary } from '../../../shared/record/api.ts';
import { templateSections } from '../../../shared/template/index.ts';
import { templateOf } from '../../templates/catalog.ts';
import type { CreateVersionInput } from '../../../shared/versionSchemas.ts';
import { versionContent } from '../../collab/versionContent.ts';
import { AppError } from '../../errors.ts';
import { requireParticipant, type CaseUse } from '../../policies/participation.ts';
import type { CaseRecord, VersionMeta } from '../../store/ports.ts';
import type { AccessRole } from '../../../shared/roles.ts';
import type { CommandDeps } from '../deps.ts';
import type { CaseTarget } from '../workflow/disputeCommands.ts';
import { touched } from './automaticVersions.ts';
import { takeVersion } from './takeVersion.ts';

/** Who asks about which version of which case. */
export interface VersionTarget extends CaseTarget {
  versionId: string;
}

const authorize = (deps: CommandDeps, target: CaseTarget, object: string, use: CaseUse): Promise<{ record: CaseRecord; role: AccessRole }> =>
  requireParticipant(deps, { caseId: target.caseId, userId: target.principal.user.id, actor: target.audit, object, use });

const authorOf = (target: CaseTarget) => ({ userId: target.principal.user.id, name: target.principal.user.name });

/**
 * A physician keeps the case as it stands now, under a label. Unlike the
 * automatic versions, a failure to store it fails the request: the physician
 * must know that nothing was kept.
 */
export async function createVersion(deps: CommandDeps, target: CaseTarget, input: CreateVersionInput): Promise<VersionSummary> {
  const { record, role } = await authorize(deps, target, 'version', 'versions');
  const row = { action: 'create', object: 'version', caseId: target.caseId } as const;
  let meta: VersionMeta;
  try {
    meta = await takeVersion(deps, record, { label: input.label, reason: 'manual', by: authorOf(target) });
  } catch (error) {
    await deps.audit.record(target.audit, { ...row, outcome: 'failure', detail: 'store' });
    throw error;
  }
  await deps.audit.record(target.audit, { ...row, outcome: 'success', detail: meta.id });
  await touched(deps, record, role, authorOf(target));
  return summaryOf(meta);
}

/** The case's versions, newest first, without their content. A member's look is a touch: a milestone due is taken first. */
export async function listVersions(deps: CommandDeps, target: CaseTarget): Promise<VersionSummary[]> {
  const { record, role } = await authorize(deps, target, 'versions', 'read');
  await touched(deps, record, role, authorOf(target));
  const versions = await deps.versions.list(target.caseId);
  await deps.audit.record(target.audit, { action: 'read', outcome: 'success', object: 'versions', caseId: target.caseId, detail: role });
  return versions.map(summaryOf);
}

/** One version with its content per section: plain text and qualifier of each document, as they stood. */
export async function readVersion(deps: CommandDeps, target: VersionTarget): Promise<VersionDetail> {
  const object = `version:${target.versionId}`;
  const { record, role } = await authorize(deps, target, object, 'read');
  const stored = await deps.versions.get(target.caseId, target.versionId);
  if (!stored) {
    await deps.audit.record(target.audit, { action: 'read', outcome: 'failure', object, caseId: target.caseId, detail: 'version.not-found' });
    throw new AppError(404, 'version.not-found', 'No such version of this case');
  }
  const sectionIds = templateSections(await templateOf(deps.templates, record.templateVersion)).map((section) => section.id);
  const sections = versionContent(stored.states, sectionIds);
  await deps.audit.record(target.audit, { action: 'read', outcome: 'success', object, caseId: target.caseId, detail: role });
  return { id: stored.id, at: stored.at, week: stored.week, label: stored.label, reason: stored.reason, sections };
}

/** The contract's shape of a version: the store's meta without the case id and milestone. */
function summaryOf(meta: VersionMeta): VersionSummary {
  return { id: meta.id, at: meta.at, week: meta.week, label: meta.label, reason: meta.reason, by: meta.by };
}

import { milestonesDue } from '../../../shared/record/milestones.ts';
import type { AccessRole } from '../../../shared/roles.ts';
import { localDate } from '../../../shared/sickness.ts';
import type { EventEnvelope } from '../../../shared/workflow/types.ts';
import type { CaseRecord, VersionMeta, VersionReason, VersionStore } from '../../store/ports.ts';
import type { CommandDeps } from '../deps.ts';
import { milestoneLabel, eventVersion } from './versionLabels.ts';
import { newVersion, takeVersion, type VersionAuthor, type VersionDeps } from './takeVersion.ts';
import { findTemplate } from '../../templates/catalog.ts';

/**
 * Versions the server takes by itself: after an agreement is signed, a
 * dispute closed or a session concluded, and when a Poortwachter milestone
 * week has passed. The user's command or read has already succeeded, so a
 * failure here is reported (deps.versionFailed: logged without text, counted)
 * and never thrown.
 */

export type AutomaticDeps = VersionDeps & Pick<CommandDeps, 'versionFailed'>;

/** Runs after a workflow command's commit: the version its event calls for, then any milestone due. */
export async function afterCommit(deps: AutomaticDeps, record: CaseRecord, role: AccessRole, envelope: EventEnvelope): Promise<void> {
  const by = { userId: envelope.actor.userId, name: envelope.actor.name };
  const wanted = eventVersion(await findTemplate(deps.templates, record.templateVersion), envelope);
  if (wanted) await guarded(deps, record.id, wanted.reason, () => takeVersion(deps, record, { ...wanted, by }));
  await touched(deps, record, role, by);
}

/**
 * A member touched the case (read it, or ran a command): the milestone weeks
 * it has passed get their version, each once (VersionStore.addOnce under
 * `milestone:<week>`, so two nodes racing take it once). Reviewers and
 * administrators do not take versions.
 */
export async function touched(deps: AutomaticDeps, record: CaseRecord, role: AccessRole | null, by: VersionAuthor): Promise<void> {
  if (role !== 'ba' && role !== 'va') return;
  const taken = takenWeeks(deps.versions, record.id);
  const today = localDate(deps.now());
  if (milestonesDue(record.firstSickDay, today, [...taken]).length === 0) return;
  await guarded(deps, record.id, 'milestone', async () => {
    for (const week of milestoneWeeks(await deps.versions.list(record.id))) taken.add(week);
    const due = milestonesDue(record.firstSickDay, today, [...taken]);
    if (due.length === 0) return;
    // One reading for every week due: each milestone holds what stands now.
    const states = await deps.documents.statesOf(record.id);
    const at = deps.now();
    for (const week of due) {
      await deps.versions.addOnce(
        `milestone:${week}`,
        newVersion(record, { label: milestoneLabel(week), reason: 'milestone', by, milestone: week }, states, at),
      );
      taken.add(week);
    }
  });
}

async function guarded(deps: AutomaticDeps, caseId: string, reason: VersionReason, take: () => Promise<unknown>): Promise<void> {
  try {
    await take();
  } catch (error) {
    deps.versionFailed({ caseId, reason, error });
  }
}

function milestoneWeeks(versions: VersionMeta[]): number[] {
  return versions.flatMap((version) => (version.reason === 'milestone' && version.milestone !== undefined ? [version.milestone] : []));
}

/**
 * The milestone weeks known taken, per store and case: they only ever grow,
 * so a week remembered here is taken for good, and a touch after the first
 * of its week costs no store read. Per store (not per module) so that
 * several workspaces in one process keep apart; bounded by forgetting all.
 */
const known = new WeakMap<VersionStore, Map<string, Set<number>>>();
const MAX_CASES_REMEMBERED = 10_000;

function takenWeeks(store: VersionStore, caseId: string): Set<number> {
  let cases = known.get(store);
  if (!cases) known.set(store, (cases = new Map()));
  let weeks = cases.get(caseId);
  if (!weeks) {
    if (cases.size >= MAX_CASES_REMEMBERED) cases.clear();
    cases.set(caseId, (weeks = new Set()));
  }
  return weeks;
}

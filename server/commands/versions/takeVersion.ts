import { randomUUID } from 'node:crypto';
import { localDate, weekOfSickness } from '../../../shared/sickness.ts';
import type { CaseRecord, NewVersion, VersionMeta, VersionStates } from '../../store/ports.ts';
import type { CommandDeps } from '../deps.ts';

/** Who a version names: the user who took it or whose action took it. */
export type VersionAuthor = { userId: string; name: string } | null;

export type VersionDeps = Pick<CommandDeps, 'documents' | 'versions' | 'templates' | 'now'>;

/** What a version is besides its states: `at`, `week` and id are filled in here. */
export type VersionDraft = Pick<NewVersion, 'label' | 'reason' | 'by'> & { milestone?: number };

/**
 * A version of the case as the server holds its three documents now, read
 * at one moment (DocumentReader.statesOf), stamped with the clock of the
 * workflow and the week of sickness on that day.
 */
export function newVersion(record: CaseRecord, draft: VersionDraft, states: VersionStates, at: Date): NewVersion {
  return {
    id: randomUUID(),
    caseId: record.id,
    at: at.toISOString(),
    // Week 0 only when the workflow's clock stands before the first sick day (a case is never created so).
    week: weekOfSickness(record.firstSickDay, localDate(at)) ?? 0,
    ...draft,
    states,
  };
}

/** Reads the three documents and stores them as one version. */
export async function takeVersion(deps: VersionDeps, record: CaseRecord, draft: VersionDraft): Promise<VersionMeta> {
  const states = await deps.documents.statesOf(record.id);
  return deps.versions.add(newVersion(record, draft, states, deps.now()));
}

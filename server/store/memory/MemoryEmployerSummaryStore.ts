import {
  copySections,
  releaseMeta,
  type EmployerSummaryStore,
  type NewSummaryRelease,
  type StoredSummaryDraft,
  type StoredSummaryRelease,
  type SummaryReleaseMeta,
} from '../employerSummaryPort.ts';

const copyDraft = (draft: StoredSummaryDraft): StoredSummaryDraft => ({ ...draft, updatedBy: { ...draft.updatedBy }, sections: copySections(draft.sections) });
const copyRelease = (release: StoredSummaryRelease): StoredSummaryRelease => ({
  ...release,
  releasedBy: { ...release.releasedBy },
  sections: copySections(release.sections),
});

/**
 * The employer summaries in memory, for fast tests; not durable. A release
 * counts and stores without awaiting in between, so racing releases get
 * distinct numbers. Everything is copied in and out.
 */
export class MemoryEmployerSummaryStore implements EmployerSummaryStore {
  private readonly drafts = new Map<string, StoredSummaryDraft>();
  private readonly releases = new Map<string, StoredSummaryRelease[]>();

  async saveDraft(draft: StoredSummaryDraft): Promise<void> {
    this.drafts.set(draft.caseId, copyDraft(draft));
  }

  async getDraft(caseId: string): Promise<StoredSummaryDraft | null> {
    const draft = this.drafts.get(caseId);
    return draft ? copyDraft(draft) : null;
  }

  async release(release: NewSummaryRelease): Promise<StoredSummaryRelease> {
    const list = this.releases.get(release.caseId) ?? [];
    const stored = copyRelease({ ...release, version: list.length + 1 });
    list.push(stored);
    this.releases.set(release.caseId, list);
    return copyRelease(stored);
  }

  async listReleases(caseId: string): Promise<SummaryReleaseMeta[]> {
    return (this.releases.get(caseId) ?? []).map((release) => releaseMeta(copyRelease(release)));
  }

  async latestRelease(caseId: string): Promise<StoredSummaryRelease | null> {
    const latest = this.releases.get(caseId)?.at(-1);
    return latest ? copyRelease(latest) : null;
  }
}

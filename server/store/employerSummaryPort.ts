/**
 * The employer-safe summary (docs/domain.md): the only words of a case meant
 * for the employer, written by the BA apart from the positions. A draft per
 * case that the BA rewrites at will, and releases that never change once
 * stored, numbered 1, 2, … per case: what an employer was given must stay
 * provable.
 */

/** Who wrote or released it, as the summary names them. */
export interface SummaryAuthor {
  userId: string;
  name: string;
}

/** The current draft of a case: section id -> the BA's plain text. */
export interface StoredSummaryDraft {
  caseId: string;
  sections: Record<string, string>;
  /** ISO UTC timestamp. */
  updatedAt: string;
  updatedBy: SummaryAuthor;
}

/** What a release is made of; the store gives it its number. */
export interface NewSummaryRelease {
  caseId: string;
  sections: Record<string, string>;
  /** ISO UTC timestamp. */
  releasedAt: string;
  releasedBy: SummaryAuthor;
}

export interface StoredSummaryRelease extends NewSummaryRelease {
  /** 1 for a case's first release, then 2, … without gaps. */
  version: number;
}

/** A release without its text, as a listing shows it. */
export type SummaryReleaseMeta = Omit<StoredSummaryRelease, 'sections'>;

export interface EmployerSummaryStore {
  /** Replaces the case's draft as a whole. */
  saveDraft(draft: StoredSummaryDraft): Promise<void>;
  /** The case's draft; null before the first save. */
  getDraft(caseId: string): Promise<StoredSummaryDraft | null>;
  /**
   * Stores an immutable release with the case's next version number,
   * atomically even when several nodes release at once: each gets its own
   * number. The sections are copied; a later draft never reaches them.
   */
  release(release: NewSummaryRelease): Promise<StoredSummaryRelease>;
  /** The case's releases, oldest first, without their text. */
  listReleases(caseId: string): Promise<SummaryReleaseMeta[]>;
  /** The case's newest release; null before the first. */
  latestRelease(caseId: string): Promise<StoredSummaryRelease | null>;
}

/** A copy of the sections that shares nothing with the caller's object. */
export function copySections(sections: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(sections).map(([id, text]) => [id, String(text)]));
}

export const releaseMeta = ({ sections: _sections, ...meta }: StoredSummaryRelease): SummaryReleaseMeta => meta;

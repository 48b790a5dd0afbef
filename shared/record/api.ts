/**
 * The shapes of the record routes (docs/contract.md): versions of a case over
 * the sickness period, and the employer-safe summary.
 */
import type { SectionContent } from './types.ts';

export const VERSION_REASONS = ['manual', 'agreement', 'dispute_closed', 'session_concluded', 'milestone'] as const;
export type VersionReasonName = (typeof VERSION_REASONS)[number];

/** `GET /api/cases/:id/versions` lists these, newest first; `POST` answers one (201). */
export interface VersionSummary {
  id: string;
  /** ISO date-time. */
  at: string;
  /** The week of sickness at `at`. */
  week: number;
  label: string;
  reason: VersionReasonName;
  by: { userId: string; name: string } | null;
}

/** `GET /api/cases/:id/versions/:versionId`: the content per section, plain text and qualifier per document. */
export interface VersionDetail {
  id: string;
  at: string;
  week: number;
  label: string;
  reason: VersionReasonName;
  sections: Record<string, SectionContent>;
}

/** A word that looks medical in the employer summary: a warning, never a refusal. */
export interface SummaryWarning {
  sectionId: string;
  term: string;
}

/** `PUT /api/cases/:id/employer-summary` answers the draft as stored, with its warnings; `GET` the same plus the releases. */
export interface EmployerSummaryDraft {
  sections: Record<string, string>;
  warnings: SummaryWarning[];
}

/** `POST /api/cases/:id/employer-summary/release` answers the new release. */
export interface EmployerSummaryRelease {
  version: number;
  releasedAt: string;
}

/** `GET /api/cases/:id/employer-summary`: the draft and its warnings (empty sections before the first PUT), and the releases, oldest first. */
export interface EmployerSummaryView extends EmployerSummaryDraft {
  releases: EmployerSummaryRelease[];
}

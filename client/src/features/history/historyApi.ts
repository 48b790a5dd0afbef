import type { VersionDetail, VersionSummary } from '../../../../shared/record/api.ts';
import type { EventEnvelope } from '../../../../shared/workflow/types.ts';
import { request } from '../../api.ts';

const casePath = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}`;

/** One entry of the case log as the history view reads it. */
export type LogEntry = Pick<EventEnvelope, 'seq' | 'at' | 'actor' | 'event'>;

/** Versions of a case over the sickness period and its event log (docs/contract.md). */
export const historyApi = {
  /** Newest first. */
  versions: (caseId: string) => request<VersionSummary[]>('GET', `${casePath(caseId)}/versions`),
  version: (caseId: string, versionId: string) => request<VersionDetail>('GET', `${casePath(caseId)}/versions/${encodeURIComponent(versionId)}`),
  /** The case's physicians only. */
  saveVersion: (caseId: string, label: string) => request<VersionSummary>('POST', `${casePath(caseId)}/versions`, { label }),
  events: (caseId: string) => request<LogEntry[]>('GET', `${casePath(caseId)}/events`),
};

/** Downloads, as links: the browser sends the session cookie with them. */
export const exportFiles = {
  /** The latest released employer summary (404 before the first release). */
  employerPdf: (caseId: string) => `${casePath(caseId)}/export/employer.pdf`,
  dossierPdf: (caseId: string, lang: 'nl' | 'en') => `${casePath(caseId)}/export/dossier.pdf?lang=${lang}`,
  fhir: (caseId: string) => `${casePath(caseId)}/export/fhir`,
};

import type { EmployerSummaryDraft, EmployerSummaryRelease } from '../../../../shared/record/api.ts';
import { request } from '../../api.ts';

const summaryPath = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/employer-summary`;

/** `GET`: the draft as stored, its warnings and the releases so far. */
export interface EmployerSummaryState extends EmployerSummaryDraft {
  releases: EmployerSummaryRelease[];
}

/** The BA's summary for the employer (docs/contract.md): the VA may not write it (403). */
export const employerApi = {
  get: (caseId: string) => request<EmployerSummaryState>('GET', summaryPath(caseId)),
  /** Answers the draft as stored with the words that look medical: a warning, never a refusal. */
  save: (caseId: string, sections: Record<string, string>) => request<EmployerSummaryDraft>('PUT', summaryPath(caseId), { sections }),
  release: (caseId: string) => request<EmployerSummaryRelease>('POST', `${summaryPath(caseId)}/release`),
};

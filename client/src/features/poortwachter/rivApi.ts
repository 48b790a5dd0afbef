import type { CommandResult } from '../../../../shared/api.ts';
import { request } from '../../api.ts';

const rivPath = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/riv`;

/** The BA's doubt about the actueel oordeel (docs/contract.md); each answers the case's new workflow. */
export const rivApi = {
  recordDoubt: (caseId: string, reason: string) => request<CommandResult>('POST', `${rivPath(caseId)}/doubt`, { reason }),
  withdrawDoubt: (caseId: string) => request<CommandResult>('POST', `${rivPath(caseId)}/withdraw-doubt`),
};

import type { CommandResult } from '../../../../shared/api.ts';
import type { LabourExpertCandidate, LabourExpertView } from '../../../../shared/labourExpertApi.ts';
import type { CaseCloseReason } from '../../../../shared/workflow/labourExpert.ts';
import { request } from '../../api.ts';

const casePath = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}`;

/**
 * The arbeidsdeskundige of a case and the case's closing (docs/contract.md).
 * The physicians' commands answer the case's new workflow; the labour expert
 * reads only `view` and the exports, every other case route refuses them.
 */
export const labourExpertApi = {
  /** The active arbeidsdeskundige accounts; the case's physicians only. */
  candidates: (caseId: string) => request<LabourExpertCandidate[]>('GET', `${casePath(caseId)}/labour-expert/candidates`),
  invite: (caseId: string, username: string) => request<CommandResult>('POST', `${casePath(caseId)}/labour-expert`, { username }),
  revoke: (caseId: string) => request<CommandResult>('DELETE', `${casePath(caseId)}/labour-expert`),
  /** Only the physician who did not invite; ends the invitation. */
  object: (caseId: string, reason: string) => request<CommandResult>('POST', `${casePath(caseId)}/labour-expert/objection`, { reason }),
  close: (caseId: string, reason: CaseCloseReason) => request<CommandResult>('POST', `${casePath(caseId)}/close`, { reason }),
  /** What the physicians hand over: agreed positions, residual disagreements, whether an employer summary was released. */
  view: (caseId: string) => request<LabourExpertView>('GET', `${casePath(caseId)}/labour-expert-view`),
};

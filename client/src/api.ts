import type { ApiErrorBody, CaseDetail, CaseListEntry, CommandResult, PublicUser, ReviewerCandidate, WorkflowView } from '../../shared/api.ts';
import type { LoginAnswer } from '../../shared/secondFactor.ts';
import type { DisputeOutcome } from '../../shared/workflow/types.ts';
import type { FlagInput, FormalRouteInput, FormalRouteOutcomeInput, OpenDisputeInput } from '../../shared/workflowSchemas.ts';

/** An API error with the server's stable id, so the interface can translate it, and the field it is about, if any. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** One JSON request to the API; a refusal becomes an ApiError with the server's id (feature API clients build on it). */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    // No answer at all: offline, or the server is down.
    throw new ApiError(0, 'network', 'No connection to the server');
  }
  if (response.status === 204) return undefined as T;
  const data = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const error = (data as ApiErrorBody | null)?.error;
    throw new ApiError(response.status, error?.id ?? 'network', error?.message ?? response.statusText, error?.field);
  }
  return data as T;
}

/** The session lives in an httpOnly cookie; the client never touches the token. */
export const api = {
  /** A session (`sessionExpiresAt`: its absolute end, shared/authSession.ts), or the second step a correct password leads to (shared/secondFactor.ts). */
  login: (username: string, password: string) => request<LoginAnswer>('POST', '/api/auth/login', { username, password }),
  logout: () => request<void>('POST', '/api/auth/logout'),
  /** Ends every session of this user, on every device. */
  logoutEverywhere: () => request<void>('POST', '/api/auth/logout-everywhere'),
  me: () => request<{ user: PublicUser; expiresAt: number; sessionExpiresAt?: number }>('GET', '/api/me'),
  /** Every case with its work-queue fields (shared/workQueue.ts). */
  cases: () => request<CaseListEntry[]>('GET', '/api/cases'),
  case: (id: string) => request<CaseDetail>('GET', `/api/cases/${encodeURIComponent(id)}`),
  workflow: (caseId: string) => request<WorkflowView>('GET', `${casePath(caseId)}/workflow`),
  reviewerCandidates: (caseId: string) => request<ReviewerCandidate[]>('GET', `${casePath(caseId)}/reviewer-candidates`),
};

const casePath = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}`;
const sectionPath = (caseId: string, section: string) => `${casePath(caseId)}/sections/${encodeURIComponent(section)}`;
const disputePath = (caseId: string, dispute: string) => `${casePath(caseId)}/disputes/${encodeURIComponent(dispute)}`;
const command = (path: string, body?: unknown) => request<CommandResult>('POST', path, body);

/**
 * The workflow commands (docs/domain.md). Each answers the event it wrote and the
 * case's new state; the server decides, the browser only asks.
 */
export const workflowApi = {
  flag: (caseId: string, section: string, input: FlagInput) => command(`${sectionPath(caseId, section)}/flag`, input),
  withdrawFlag: (caseId: string, section: string) => command(`${sectionPath(caseId, section)}/withdraw-flag`),
  /** No body: the server reads the joint draft as it stores it. */
  propose: (caseId: string, section: string) => command(`${sectionPath(caseId, section)}/propose`),
  /** `hash`: the proposal the signer was shown. */
  sign: (caseId: string, section: string, hash: string) => command(`${sectionPath(caseId, section)}/sign`, { hash }),
  reopen: (caseId: string, section: string, reason: string) => command(`${sectionPath(caseId, section)}/reopen`, { reason }),
  openDispute: (caseId: string, input: OpenDisputeInput) => command(`${casePath(caseId)}/disputes`, input),
  inviteReviewer: (caseId: string, dispute: string, username: string) => command(`${disputePath(caseId, dispute)}/reviewer`, { username }),
  recordOpinion: (caseId: string, dispute: string, text: string) => command(`${disputePath(caseId, dispute)}/opinion`, { text }),
  recordFormalRoute: (caseId: string, dispute: string, input: FormalRouteInput) => command(`${disputePath(caseId, dispute)}/formal-route`, input),
  recordFormalRouteOutcome: (caseId: string, dispute: string, input: FormalRouteOutcomeInput) =>
    command(`${disputePath(caseId, dispute)}/formal-route/outcome`, input),
  closeDispute: (caseId: string, dispute: string, outcomes: Record<string, DisputeOutcome>) => command(`${disputePath(caseId, dispute)}/close`, { outcomes }),
};

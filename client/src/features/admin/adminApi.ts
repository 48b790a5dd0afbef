import type { AdminCase, AdminUser, AuditPageResponse } from '../../../../shared/admin.ts';
import type { CaseDetail, PublicUser } from '../../../../shared/api.ts';
import type { AdminOrganisation, OrganisationKind } from '../../../../shared/organisations.ts';
import type { CaseRole, Role } from '../../../../shared/roles.ts';
import type { CreateCaseInput } from '../../../../shared/schemas.ts';
import { request } from '../../api.ts';

/** The audit filter as the screen holds it: empty strings are "any". */
export interface AuditFilter {
  from: string;
  to: string;
  user: string;
  caseId: string;
  action: string;
}

/** The query string of a filter (and a page), leaving out what is "any". */
export function auditQuery(filter: AuditFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filter, ...extra })) if (value) params.set(key, value);
  return params.toString();
}

const userPath = (userId: string) => `/api/admin/users/${encodeURIComponent(userId)}`;

/** The administrator's routes (docs/contract.md, "Administration"). */
export const adminApi = {
  users: () => request<AdminUser[]>('GET', '/api/admin/users'),
  createUser: (input: { username: string; name: string; role: Role; password: string; organisationId?: string }) =>
    request<PublicUser>('POST', '/api/users', input),
  organisations: () => request<AdminOrganisation[]>('GET', '/api/organisations'),
  createOrganisation: (input: { name: string; kind: OrganisationKind }) => request<AdminOrganisation>('POST', '/api/organisations', input),
  updateOrganisation: (organisationId: string, change: { mfaRequired: boolean }) =>
    request<AdminOrganisation>('PATCH', `/api/organisations/${encodeURIComponent(organisationId)}`, change),
  deactivate: (userId: string) => request<AdminUser>('POST', `${userPath(userId)}/deactivate`),
  /** Logs the account out everywhere: every session of it ends. */
  endSessions: (userId: string) => request<AdminUser>('POST', `${userPath(userId)}/end-sessions`),
  reactivate: (userId: string) => request<AdminUser>('POST', `${userPath(userId)}/reactivate`),
  resetPassword: (userId: string, password: string) => request<AdminUser>('POST', `${userPath(userId)}/password`, { password }),
  changeRole: (userId: string, role: Role) => request<AdminUser>('PUT', `${userPath(userId)}/role`, { role }),
  cases: () => request<AdminCase[]>('GET', '/api/admin/cases'),
  createCase: (input: CreateCaseInput) => request<CaseDetail>('POST', '/api/cases', input),
  assign: (caseId: string, caseRole: CaseRole, userId: string) =>
    request<AdminCase>('PUT', `/api/cases/${encodeURIComponent(caseId)}/members/${caseRole}`, { userId }),
  audit: (filter: AuditFilter, page: { limit: number; cursor?: string }) =>
    request<AuditPageResponse>('GET', `/api/audit?${auditQuery(filter, { limit: String(page.limit), ...(page.cursor ? { cursor: page.cursor } : {}) })}`),
  csvUrl: (filter: AuditFilter) => `/api/audit.csv?${auditQuery(filter)}`,
};

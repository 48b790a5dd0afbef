import { z } from 'zod';
import { ID_PATTERN, MAX_AUDIT_PAGE_ROWS, MAX_PASSWORD_CHARS } from './limits.ts';
import { PASSWORD_RULE, passwordProblem } from './passwordRule.ts';
import { CASE_ROLES, ROLES, type CaseRole, type Role } from './roles.ts';
import { IdParam, IsoDate } from './schemas.ts';

/** The administrator's screens and the audit API (docs/contract.md, "Administration"): shapes and request schemas. */

/** What an audit row says was done (the AuditEntry actions of server/store/ports.ts). */
export const AUDIT_ACTIONS = ['login', 'logout', 'read', 'write', 'create', 'connect', 'export', 'denied'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** An account as the administrator's list shows it. */
export interface AdminUser {
  id: string;
  username: string;
  name: string;
  role: Role;
  /** The organisation that owns the account, and whether it administers the platform. */
  organisationId: string;
  platformAdmin: boolean;
  active: boolean;
  /** When it was deactivated (ISO), null while active. */
  deactivatedAt: string | null;
  createdAt: string;
}

/** Who holds a case role, as the administrator's case list shows it. */
export interface AdminCaseMember {
  userId: string;
  username: string;
  name: string;
  active: boolean;
  /** Their organisation: a case links the BA's and the VA's. */
  organisationId: string;
}

/** A case as the administrator's list shows it: its record and its two physicians, never its content. */
export interface AdminCase {
  id: string;
  title: string;
  employeePseudonym: string;
  employer: string;
  firstSickDay: string;
  createdAt: string;
  members: Record<CaseRole, AdminCaseMember | null>;
}

/** One row of the audit trail (NEN 7513): who, what, when, which case, from where, the outcome. */
export interface AuditRow {
  at: string;
  userId: string | null;
  username: string | null;
  role: string | null;
  /** The actor's organisation (null: no account, or a row written before organisations). */
  organisationId: string | null;
  caseId: string | null;
  object: string;
  action: AuditAction;
  outcome: AuditOutcome;
  detail: string | null;
  ip: string | null;
  userAgent: string | null;
}

/** A page of GET /api/audit: rows newest first; `next` is the cursor of the older rows, null on the last page. */
export interface AuditPageResponse {
  rows: AuditRow[];
  next: string | null;
}

export const UserIdParam = IdParam('user');
export const CaseRoleParam = z.enum(CASE_ROLES, { message: `one of ${CASE_ROLES.join(', ')}` });

/** PUT /api/admin/users/:userId/role */
export const ChangeRoleInput = z.object({ role: z.enum(ROLES, { message: `one of ${ROLES.join(', ')}` }) });
export type ChangeRoleInput = z.infer<typeof ChangeRoleInput>;

/** POST /api/admin/users/:userId/password: the rule is that of a new account's (its username is checked by the command, which knows it). */
export const ResetPasswordInput = z.object({
  password: z.string().min(PASSWORD_RULE.minLength, `at least ${PASSWORD_RULE.minLength} characters`).max(MAX_PASSWORD_CHARS),
});
export type ResetPasswordInput = z.infer<typeof ResetPasswordInput>;

/** The problem with a password reset for `username`, or null (the browser checks the same before sending). */
export const resetPasswordProblem = (password: string, username: string): string | null =>
  password.length < PASSWORD_RULE.minLength ? `at least ${PASSWORD_RULE.minLength} characters` : passwordProblem(password, username);

/** PUT /api/cases/:id/members/:caseRole */
export const AssignMemberInput = z.object({ userId: UserIdParam });
export type AssignMemberInput = z.infer<typeof AssignMemberInput>;

/** A moment of the audit filter: a day (YYYY-MM-DD, UTC) or an ISO instant. */
const Moment = z.union([IsoDate, z.iso.datetime({ offset: true, message: 'a date as YYYY-MM-DD or an ISO time' })]);

/** GET /api/audit and /api/audit.csv; `from` and `to` are inclusive (a day `to` covers that whole day). */
export const AuditFilterQuery = z.object({
  from: Moment.optional(),
  to: Moment.optional(),
  user: UserIdParam.optional(),
  caseId: z.string().regex(ID_PATTERN, 'not a case id').optional(),
  action: z.enum(AUDIT_ACTIONS, { message: `one of ${AUDIT_ACTIONS.join(', ')}` }).optional(),
});
export type AuditFilterQuery = z.infer<typeof AuditFilterQuery>;

export const AuditPageQuery = AuditFilterQuery.extend({
  limit: z.coerce.number().int('a whole number').min(1).max(MAX_AUDIT_PAGE_ROWS).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, 'not a cursor of this list')
    .optional(),
});
export type AuditPageQuery = z.infer<typeof AuditPageQuery>;

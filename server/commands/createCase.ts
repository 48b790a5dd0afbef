import { randomUUID } from 'node:crypto';
import type { CaseDetail } from '../../shared/api.ts';
import { CloseCode } from '../../shared/limits.ts';
import { ACCOUNT_ROLE_FOR, type CaseRole } from '../../shared/roles.ts';
import type { CreateCaseInput } from '../../shared/schemas.ts';
import { newestTemplate } from '../templates/catalog.ts';
import type { AuditActor } from '../audit/Audit.ts';
import { AppError, badRequest } from '../errors.ts';
import { inScope, type AdminActor } from '../policies/organisationScope.ts';
import type { RecordStore, UserRecord } from '../store/ports.ts';
import type { CommandDeps } from './deps.ts';
import { toCaseSummary } from './views.ts';

/**
 * Creates a case with its two physicians (administrators, and the admin
 * command line); the case links their two organisations. An organisation's
 * administrator creates only cases one of whose physicians is theirs.
 */
export async function createCase(
  deps: Pick<CommandDeps, 'records' | 'audit' | 'templates'>,
  actor: AuditActor & Partial<Pick<AdminActor, 'scope'>>,
  input: CreateCaseInput,
  id: string = randomUUID(),
): Promise<CaseDetail> {
  const ba = await memberFor(deps.records, 'ba', input.ba);
  const va = await memberFor(deps.records, 'va', input.va);
  const scope = actor.scope;
  if (scope && !inScope(scope, ba.organisationId) && !inScope(scope, va.organisationId))
    throw new AppError(403, 'organisation.other', 'One of the two physicians must belong to your organisation');
  const record = await deps.records.createCase(
    {
      id,
      title: input.title,
      employeePseudonym: input.employeePseudonym,
      employer: input.employer,
      firstSickDay: input.firstSickDay,
      // New cases get the newest version; existing ones keep theirs until migrated (docs/templates.md).
      templateVersion: (await newestTemplate(deps.templates)).version,
    },
    [
      { caseId: id, userId: ba.id, caseRole: 'ba' },
      { caseId: id, userId: va.id, caseRole: 'va' },
    ],
  );
  await deps.audit.record(actor, { action: 'create', outcome: 'success', object: 'case', caseId: id });
  return { ...(await toCaseSummary(deps.records, record, await deps.records.listMembers(id))), myRole: null };
}

/**
 * Replaces the physician holding `caseRole` in a case (admin command line).
 * Inside a server, the replaced physician's open connections end at once;
 * from another process (the command line) each node's periodic access check
 * ends them.
 */
export async function assignMember(
  deps: Pick<CommandDeps, 'records' | 'audit'> & Partial<Pick<CommandDeps, 'connections' | 'realtime'>>,
  actor: AuditActor,
  caseId: string,
  caseRole: CaseRole,
  username: string,
): Promise<void> {
  if (!(await deps.records.getCase(caseId))) throw badRequest(`case: no case with id "${caseId}"`, 'case');
  await replaceMember(deps, actor, caseId, caseRole, await memberFor(deps.records, caseRole, username));
}

/** Gives a case role to a user already checked for it (memberProblem); the replaced physician loses access at once. */
export async function replaceMember(
  deps: Pick<CommandDeps, 'records' | 'audit'> & Partial<Pick<CommandDeps, 'connections' | 'realtime'>>,
  actor: AuditActor,
  caseId: string,
  caseRole: CaseRole,
  user: UserRecord,
): Promise<void> {
  const replaced = (await deps.records.listMembers(caseId)).find((member) => member.caseRole === caseRole && member.userId !== user.id);
  await deps.records.setMember({ caseId, userId: user.id, caseRole });
  await deps.audit.record(actor, { action: 'write', outcome: 'success', object: 'membership', caseId, detail: `${caseRole}:${user.id}` });
  if (!replaced) return;
  deps.connections?.closeWhere((context) => context.caseId === caseId && context.userId === replaced.userId, CloseCode.forbidden, 'membership changed');
  await deps.realtime?.recheckCase(caseId);
}

/** Why a user may not hold a case role (the wrong account role, deactivated), or null. */
export function memberProblem(caseRole: CaseRole, user: UserRecord): string | null {
  const wanted = ACCOUNT_ROLE_FOR[caseRole];
  if (user.role !== wanted) return `"${user.username}" is a ${user.role}, not a ${wanted}`;
  if (user.deactivatedAt !== null) return `"${user.username}" is deactivated`;
  return null;
}

/** The user named for a case role, who must exist, be active and hold the matching account role. */
async function memberFor(records: RecordStore, caseRole: CaseRole, username: string): Promise<UserRecord> {
  const user = await records.findUserByUsername(username);
  if (!user) throw badRequest(`${caseRole}: no user "${username}"`, caseRole);
  const problem = memberProblem(caseRole, user);
  if (problem) throw badRequest(`${caseRole}: ${problem}`, caseRole);
  return user;
}

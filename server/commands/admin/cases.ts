import type { AdminCase, AdminCaseMember, AssignMemberInput } from '../../../shared/admin.ts';
import type { CaseRole } from '../../../shared/roles.ts';
import { AppError, badRequest } from '../../errors.ts';
import { inScope, type AdminActor } from '../../policies/organisationScope.ts';
import type { CaseRecord, RecordStore, UserRecord } from '../../store/ports.ts';
import { memberProblem, replaceMember } from '../createCase.ts';
import type { CommandDeps } from '../deps.ts';

type Deps = Pick<CommandDeps, 'records' | 'audit' | 'connections' | 'realtime'>;

/** A case role of a case an administrator acts on, and who acts. */
export interface MemberTarget {
  caseId: string;
  caseRole: CaseRole;
  actor: AdminActor;
}

/**
 * Every case the administrator manages (one of whose physicians belongs to
 * their organisation; all for the platform) with its two physicians: the
 * record only, never its documents, comments or workflow. Audited as a read.
 */
export async function listAdminCases(deps: Pick<CommandDeps, 'records' | 'audit'>, actor: AdminActor): Promise<AdminCase[]> {
  const all = await Promise.all((await deps.records.listCases()).map((record) => withPhysicians(deps.records, record)));
  const rows = all.filter(({ physicians }) => actor.scope.platform || physicians.some((user) => inScope(actor.scope, user.organisationId)));
  await deps.audit.record(actor, { action: 'read', outcome: 'success', object: 'case-list', detail: `admin; ${rows.length} cases` });
  return rows.map(({ view }) => view);
}

/**
 * Gives the case role to another physician (or the same again). The one it
 * replaces loses access at once: their document connections close (4403) and
 * their sockets leave the case. Audited as a write of the membership.
 */
export async function assignCaseMember(deps: Deps, target: MemberTarget, input: AssignMemberInput): Promise<AdminCase> {
  const record = await deps.records.getCase(target.caseId);
  const physicians = record ? (await withPhysicians(deps.records, record)).physicians : [];
  // A case none of whose physicians is the administrator's is answered as if it did not exist.
  if (!record || !(target.actor.scope.platform || physicians.some((u) => inScope(target.actor.scope, u.organisationId))))
    throw new AppError(404, 'case.not-found', 'No such case');
  const user = await deps.records.findUserById(input.userId);
  if (!user || !inScope(target.actor.scope, user.organisationId)) throw badRequest('userId: no such user', 'userId');
  const problem = memberProblem(target.caseRole, user);
  if (problem) throw badRequest(`userId: ${problem}`, 'userId');
  await replaceMember(deps, target.actor, target.caseId, target.caseRole, user);
  return (await withPhysicians(deps.records, record)).view;
}

/** A case as the administrator sees it, and the accounts of its physicians (whose organisations the case links). */
async function withPhysicians(records: RecordStore, record: CaseRecord): Promise<{ view: AdminCase; physicians: UserRecord[] }> {
  const members = await records.listMembers(record.id);
  const holderOf = async (caseRole: CaseRole): Promise<UserRecord | null> => {
    const member = members.find((m) => m.caseRole === caseRole);
    return member ? await records.findUserById(member.userId) : null;
  };
  const [baUser, vaUser] = await Promise.all([holderOf('ba'), holderOf('va')]);
  const shown = (user: UserRecord | null): AdminCaseMember | null =>
    user ? { userId: user.id, username: user.username, name: user.name, active: user.deactivatedAt === null, organisationId: user.organisationId } : null;
  const [ba, va] = [shown(baUser), shown(vaUser)];
  const view: AdminCase = {
    id: record.id,
    title: record.title,
    employeePseudonym: record.employeePseudonym,
    employer: record.employer,
    firstSickDay: record.firstSickDay,
    createdAt: record.createdAt,
    members: { ba, va },
  };
  return { view, physicians: [baUser, vaUser].filter((user): user is UserRecord => user !== null) };
}

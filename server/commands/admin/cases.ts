import type { AdminCase, AdminCaseMember, AssignMemberInput } from '../../../shared/admin.ts';
import type { CaseRole } from '../../../shared/roles.ts';
import type { AuditActor } from '../../audit/Audit.ts';
import { AppError, badRequest } from '../../errors.ts';
import type { CaseRecord, RecordStore } from '../../store/ports.ts';
import { memberProblem, replaceMember } from '../createCase.ts';
import type { CommandDeps } from '../deps.ts';

type Deps = Pick<CommandDeps, 'records' | 'audit' | 'connections' | 'realtime'>;

/** A case role of a case an administrator acts on, and who acts. */
export interface MemberTarget {
  caseId: string;
  caseRole: CaseRole;
  actor: AuditActor;
}

/** Every case with its two physicians: the record only, never its documents, comments or workflow. Audited as a read. */
export async function listAdminCases(deps: Pick<CommandDeps, 'records' | 'audit'>, actor: AuditActor): Promise<AdminCase[]> {
  const cases = await deps.records.listCases();
  const rows = await Promise.all(cases.map((record) => toAdminCase(deps.records, record)));
  await deps.audit.record(actor, { action: 'read', outcome: 'success', object: 'case-list', detail: `admin; ${cases.length} cases` });
  return rows;
}

/**
 * Gives the case role to another physician (or the same again). The one it
 * replaces loses access at once: their document connections close (4403) and
 * their sockets leave the case. Audited as a write of the membership.
 */
export async function assignCaseMember(deps: Deps, target: MemberTarget, input: AssignMemberInput): Promise<AdminCase> {
  const record = await deps.records.getCase(target.caseId);
  if (!record) throw new AppError(404, 'case.not-found', 'No such case');
  const user = await deps.records.findUserById(input.userId);
  if (!user) throw badRequest('userId: no such user', 'userId');
  const problem = memberProblem(target.caseRole, user);
  if (problem) throw badRequest(`userId: ${problem}`, 'userId');
  await replaceMember(deps, target.actor, target.caseId, target.caseRole, user);
  return toAdminCase(deps.records, record);
}

async function toAdminCase(records: RecordStore, record: CaseRecord): Promise<AdminCase> {
  const members = await records.listMembers(record.id);
  const holder = async (caseRole: CaseRole): Promise<AdminCaseMember | null> => {
    const member = members.find((m) => m.caseRole === caseRole);
    const user = member ? await records.findUserById(member.userId) : null;
    return user ? { userId: user.id, username: user.username, name: user.name, active: user.deactivatedAt === null } : null;
  };
  const [ba, va] = await Promise.all([holder('ba'), holder('va')]);
  return {
    id: record.id,
    title: record.title,
    employeePseudonym: record.employeePseudonym,
    employer: record.employer,
    firstSickDay: record.firstSickDay,
    createdAt: record.createdAt,
    members: { ba, va },
  };
}

import type { CaseDetail, CaseListEntry } from '../../shared/api.ts';
import type { AuditActor } from '../audit/Audit.ts';
import type { Principal } from '../auth/Authenticator.ts';
import { notFound } from '../errors.ts';
import { canAdminister, requireParticipant } from '../policies/participation.ts';
import type { CaseRecord, MemberRecord } from '../store/ports.ts';
import type { CommandDeps } from './deps.ts';
import { touched, type AutomaticDeps } from './versions/automaticVersions.ts';
import { toCaseSummary } from './views.ts';
import { queueOf, type QueueCaller, type QueueDeps } from './workQueue.ts';

type Deps = Pick<CommandDeps, 'records' | 'workflow' | 'audit'> & AutomaticDeps;
type ListDeps = Deps & QueueDeps;

/**
 * The cases the caller may see: their own, those they review and those they
 * are invited into as arbeidsdeskundige, or all for an administrator, each
 * with its work-queue fields. Audited as a read.
 */
export async function listCases(deps: ListDeps, principal: Principal, actor: AuditActor): Promise<CaseListEntry[]> {
  const { user } = principal;
  const cases = user.role === 'admin' ? await deps.records.listCases() : await visibleCases(deps, user.id);
  const invited = new Set(user.role === 'arbeidsdeskundige' ? await deps.workflow.casesOfLabourExpert(user.id) : []);
  const summaries = await Promise.all(
    cases.map(async (c) => {
      const members = await deps.records.listMembers(c.id);
      const role = user.role === 'admin' ? null : invited.has(c.id) ? 'labour-expert' : roleIn(members, user.id);
      const caller: QueueCaller = { userId: user.id, role };
      const [summary, queue] = await Promise.all([toCaseSummary(deps.records, c, members), queueOf(deps, c, caller)]);
      return { ...summary, queue };
    }),
  );
  await deps.audit.record(actor, { action: 'read', outcome: 'success', object: 'case-list', detail: `${cases.length} cases` });
  return summaries;
}

/** A visible case the caller is no member of is one they review. */
function roleIn(members: MemberRecord[], userId: string): QueueCaller['role'] {
  return members.find((m) => m.userId === userId)?.caseRole ?? 'reviewer';
}

async function visibleCases(deps: Deps, userId: string): Promise<CaseRecord[]> {
  const own = await deps.records.listCasesOfUser(userId);
  const [reviewedIds, invitedIds] = await Promise.all([deps.workflow.casesReviewedBy(userId), deps.workflow.casesOfLabourExpert(userId)]);
  const others = await Promise.all([...new Set([...reviewedIds, ...invitedIds])].map((id) => deps.records.getCase(id)));
  const all = [...own, ...others.filter((c): c is CaseRecord => c !== null && !own.some((o) => o.id === c.id))];
  return all.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/**
 * One case, for its members, its current reviewers and administrators. Anyone
 * else learns nothing, not even whether the case exists: 403 either way, and
 * the refusal is audited.
 */
export async function readCase(deps: Deps, principal: Principal, actor: AuditActor, caseId: string): Promise<CaseDetail> {
  // An administrator is never a member: they see the record to manage its membership.
  const { record, role } = canAdminister(principal.user)
    ? { record: await deps.records.getCase(caseId), role: null }
    : await requireParticipant(deps, { caseId, userId: principal.user.id, actor, object: 'case', use: 'read' });
  if (!record) throw notFound('No such case');
  await deps.audit.record(actor, { action: 'read', outcome: 'success', object: 'case', caseId, detail: role });
  await touched(deps, record, role, { userId: principal.user.id, name: principal.user.name });
  return { ...(await toCaseSummary(deps.records, record, await deps.records.listMembers(caseId))), myRole: role };
}

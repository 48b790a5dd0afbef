import type { CaseDetail, CaseSummary } from '../../shared/api.ts';
import type { AuditActor } from '../audit/Audit.ts';
import type { Principal } from '../auth/Authenticator.ts';
import { forbidden, notFound } from '../errors.ts';
import { canReadCase, caseRoleOf } from '../policies/casePolicy.ts';
import type { CommandDeps } from './deps.ts';
import { toCaseSummary } from './views.ts';

type Deps = Pick<CommandDeps, 'records' | 'audit'>;

/** The cases the caller may see: their own, or all for an administrator. Audited as a read. */
export async function listCases(deps: Deps, principal: Principal, actor: AuditActor): Promise<CaseSummary[]> {
  const { user } = principal;
  const cases = user.role === 'admin' ? await deps.records.listCases() : await deps.records.listCasesOfUser(user.id);
  const summaries = await Promise.all(cases.map(async (c) => toCaseSummary(deps.records, c, await deps.records.listMembers(c.id))));
  await deps.audit.record(actor, { action: 'read', outcome: 'success', object: 'case-list', detail: `${cases.length} cases` });
  return summaries;
}

/**
 * One case, for its members (and administrators). A non-member learns nothing,
 * not even whether the case exists: 403 either way, and the refusal is audited.
 */
export async function readCase(deps: Deps, principal: Principal, actor: AuditActor, caseId: string): Promise<CaseDetail> {
  const { user } = principal;
  const [record, members] = await Promise.all([deps.records.getCase(caseId), deps.records.listMembers(caseId)]);
  if (!canReadCase(user, members) || (!record && user.role !== 'admin')) {
    await deps.audit.record(actor, { action: 'read', outcome: 'denied', object: 'case', caseId, detail: 'not-a-member' });
    throw forbidden('You are not a member of this case');
  }
  if (!record) throw notFound('No such case');
  await deps.audit.record(actor, { action: 'read', outcome: 'success', object: 'case', caseId });
  return { ...(await toCaseSummary(deps.records, record, members)), myRole: caseRoleOf(user, members) };
}

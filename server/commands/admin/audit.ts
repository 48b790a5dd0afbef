import type { AuditFilterQuery, AuditPageQuery, AuditPageResponse, AuditRow } from '../../../shared/admin.ts';
import { MAX_AUDIT_EXPORT_ROWS, MAX_AUDIT_PAGE_ROWS } from '../../../shared/limits.ts';
import { organisationFilter, type AdminActor } from '../../policies/organisationScope.ts';
import type { AuditQuery, AuditStore } from '../../store/ports.ts';
import type { CommandDeps } from '../deps.ts';
import { auditCsv } from './auditCsv.ts';

type Deps = { audit: CommandDeps['audit']; auditStore: Pick<AuditStore, 'page'> };

const DAY_MS = 24 * 3600 * 1000;

/** The store's query of a filter: a day `from` starts at its midnight (UTC), a day `to` ends at the next one. */
export function auditQueryOf(filter: AuditFilterQuery, organisationId?: string): AuditQuery {
  const isDay = (value: string) => value.length === 10;
  const from = filter.from && (isDay(filter.from) ? `${filter.from}T00:00:00.000Z` : new Date(filter.from).toISOString());
  const to = filter.to && (isDay(filter.to) ? new Date(Date.parse(`${filter.to}T00:00:00Z`) + DAY_MS).toISOString() : new Date(filter.to).toISOString());
  return {
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(filter.user ? { userId: filter.user } : {}),
    ...(filter.caseId ? { caseId: filter.caseId } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(organisationId ? { organisationId } : {}),
  };
}

/** What the audit row of a read or an export of the trail says of its filter: ids, dates and an action, never text. */
function filterDetail(filter: AuditFilterQuery, extra: string): string {
  const parts = (['from', 'to', 'user', 'caseId', 'action'] as const).filter((key) => filter[key] !== undefined).map((key) => `${key}=${filter[key]}`);
  return [...parts, extra].join('; ');
}

/** One page of the trail for the log manager (an administrator); the read is itself audited. */
export async function readAudit(deps: Deps, actor: AdminActor, query: AuditPageQuery): Promise<AuditPageResponse> {
  const page = await deps.auditStore.page({
    ...auditQueryOf(query, organisationFilter(actor.scope)),
    limit: query.limit,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  await deps.audit.record(actor, {
    action: 'read',
    outcome: 'success',
    object: 'audit',
    caseId: query.caseId ?? null,
    detail: filterDetail(query, `${page.entries.length} rows${query.cursor ? '; next page' : ''}`),
  });
  return { rows: page.entries, next: page.next };
}

/** The filtered trail as CSV (at most MAX_AUDIT_EXPORT_ROWS rows, newest first), audited as an export. */
export async function exportAuditCsv(deps: Deps, actor: AdminActor, filter: AuditFilterQuery): Promise<{ csv: string; rows: number; truncated: boolean }> {
  const query = auditQueryOf(filter, organisationFilter(actor.scope));
  const rows: AuditRow[] = [];
  let cursor: string | null | undefined;
  do {
    const page = await deps.auditStore.page({ ...query, limit: MAX_AUDIT_PAGE_ROWS, ...(cursor ? { cursor } : {}) });
    rows.push(...page.entries);
    cursor = page.next;
  } while (cursor && rows.length < MAX_AUDIT_EXPORT_ROWS);
  const truncated = rows.length > MAX_AUDIT_EXPORT_ROWS || cursor !== null;
  const kept = rows.slice(0, MAX_AUDIT_EXPORT_ROWS);
  await deps.audit.record(actor, {
    action: 'export',
    outcome: 'success',
    object: 'audit',
    caseId: filter.caseId ?? null,
    detail: filterDetail(filter, `${kept.length} rows${truncated ? '; truncated' : ''}`),
  });
  return { csv: auditCsv(kept), rows: kept.length, truncated };
}

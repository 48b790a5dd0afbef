import type { AuditEntry, AuditQuery } from './ports.ts';

export function matchesAuditQuery(entry: AuditEntry, query: AuditQuery): boolean {
  return (
    (query.caseId === undefined || entry.caseId === query.caseId) &&
    (query.userId === undefined || entry.userId === query.userId) &&
    (query.action === undefined || entry.action === query.action)
  );
}

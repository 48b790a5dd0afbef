import type { AuditEntry, AuditPage, AuditQuery } from './ports.ts';

/** The rows one page lists when the query names no limit. */
export const DEFAULT_AUDIT_LIMIT = 1000;

export function matchesAuditQuery(entry: AuditEntry, query: AuditQuery): boolean {
  return (
    (query.caseId === undefined || entry.caseId === query.caseId) &&
    (query.userId === undefined || entry.userId === query.userId) &&
    (query.organisationId === undefined || entry.organisationId === query.organisationId) &&
    (query.action === undefined || entry.action === query.action) &&
    (query.from === undefined || entry.at >= query.from) &&
    (query.to === undefined || entry.at < query.to)
  );
}

/** The limit of a query: never below 0 (slice(-0) would be everything). */
export const auditLimitOf = (query: AuditQuery): number => Math.max(0, query.limit ?? DEFAULT_AUDIT_LIMIT);

/**
 * The position a cursor names: the index (memory, Redis) or row id (SQLite) of
 * the oldest row of the page before; null for a cursor no adapter hands out.
 */
export function cursorPosition(cursor: string): number | null {
  return /^\d{1,15}$/.test(cursor) ? Number(cursor) : null;
}

/**
 * A page from rows found newest first, each with its position: asked for one
 * more than the limit, so that a next cursor is handed out only when rows follow.
 */
export function pageOf(found: { entry: AuditEntry; position: number }[], limit: number): AuditPage {
  const rows = found.slice(0, limit);
  const last = rows.at(-1);
  return { entries: rows.map((row) => row.entry), next: found.length > limit && last ? String(last.position) : null };
}

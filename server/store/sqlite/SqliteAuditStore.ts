import { auditLimitOf, cursorPosition, pageOf } from '../auditQuery.ts';
import type { AuditAction, AuditEntry, AuditOutcome, AuditPage, AuditQuery, AuditStore } from '../ports.ts';
import type { SqliteDatabase } from './openDatabase.ts';
import type { SqliteWriter } from './SqliteWriter.ts';

interface AuditRow {
  id: number;
  at: string;
  user_id: string | null;
  username: string | null;
  role: string | null;
  organisation_id: string | null;
  case_id: string | null;
  object: string;
  action: string;
  outcome: string;
  detail: string | null;
  ip: string | null;
  user_agent: string | null;
}

/**
 * The append-only audit trail; triggers in the schema refuse UPDATE and
 * DELETE. Rows are written by the hot writer, many to one commit, and share
 * the grouped fsync of the WAL (a burst of connections costs one fsync, not one each).
 */
export class SqliteAuditStore implements AuditStore {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly writer: SqliteWriter,
    private readonly synced: () => Promise<void>,
  ) {}

  async append(entry: AuditEntry): Promise<void> {
    await this.writer.write({ kind: 'audit', entry });
    await this.synced();
  }

  async list(query: AuditQuery): Promise<AuditEntry[]> {
    return (await this.page(query)).entries;
  }

  /** A cursor is the row id of the oldest row of the page before. */
  async page(query: AuditQuery): Promise<AuditPage> {
    const limit = auditLimitOf(query);
    const cursor = query.cursor === undefined ? undefined : cursorPosition(query.cursor);
    if (cursor === null) return { entries: [], next: null };
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: limit + 1 };
    const filters = [
      ['case_id =', 'caseId', query.caseId],
      ['user_id =', 'userId', query.userId],
      ['organisation_id =', 'organisationId', query.organisationId],
      ['action =', 'action', query.action],
      ['at >=', 'from', query.from],
      ['at <', 'to', query.to],
      ['id <', 'cursor', cursor],
    ] as const;
    for (const [condition, name, value] of filters) {
      if (value === undefined) continue;
      where.push(`${condition} @${name}`);
      params[name] = value;
    }
    const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`;
    const rows = this.db.prepare<Record<string, unknown>, AuditRow>(sql).all(params);
    return pageOf(
      rows.map((row) => ({ entry: toEntry(row), position: row.id })),
      limit,
    );
  }
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    at: row.at,
    userId: row.user_id,
    username: row.username,
    role: row.role,
    organisationId: row.organisation_id,
    caseId: row.case_id,
    object: row.object,
    action: row.action as AuditAction,
    outcome: row.outcome as AuditOutcome,
    detail: row.detail,
    ip: row.ip,
    userAgent: row.user_agent,
  };
}

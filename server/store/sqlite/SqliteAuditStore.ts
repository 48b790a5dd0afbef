import type { AuditAction, AuditEntry, AuditOutcome, AuditQuery, AuditStore } from '../ports.ts';
import type { SqliteDatabase } from './openDatabase.ts';
import type { SqliteWriter } from './SqliteWriter.ts';

interface AuditRow {
  at: string;
  user_id: string | null;
  username: string | null;
  role: string | null;
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
 * DELETE. Rows are written by the writer, many to one commit (a burst of
 * connections costs one fsync, not one each).
 */
export class SqliteAuditStore implements AuditStore {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly writer: SqliteWriter,
  ) {}

  async append(entry: AuditEntry): Promise<void> {
    await this.writer.write({ kind: 'audit', entry });
  }

  async list(query: AuditQuery): Promise<AuditEntry[]> {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: query.limit ?? 1000 };
    const filters = [
      ['case_id', 'caseId', query.caseId],
      ['user_id', 'userId', query.userId],
      ['action', 'action', query.action],
    ] as const;
    for (const [column, name, value] of filters) {
      if (value === undefined) continue;
      where.push(`${column} = @${name}`);
      params[name] = value;
    }
    const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`;
    return this.db
      .prepare<Record<string, unknown>, AuditRow>(sql)
      .all(params)
      .map((row) => ({
        at: row.at,
        userId: row.user_id,
        username: row.username,
        role: row.role,
        caseId: row.case_id,
        object: row.object,
        action: row.action as AuditAction,
        outcome: row.outcome as AuditOutcome,
        detail: row.detail,
        ip: row.ip,
        userAgent: row.user_agent,
      }));
  }
}

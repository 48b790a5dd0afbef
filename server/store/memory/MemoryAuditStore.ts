import type { AuditEntry, AuditPage, AuditQuery, AuditStore } from '../ports.ts';
import { auditLimitOf, cursorPosition, matchesAuditQuery, pageOf } from '../auditQuery.ts';

/** In-memory audit trail for fast unit tests; not durable. */
export class MemoryAuditStore implements AuditStore {
  private readonly entries: AuditEntry[] = [];

  async append(entry: AuditEntry): Promise<void> {
    this.appendNow(entry);
  }

  /** At once, so that a workflow commit appends its row in the same step (MemoryWorkflowStore). */
  appendNow(entry: AuditEntry): void {
    this.entries.push({ ...entry });
  }

  async list(query: AuditQuery): Promise<AuditEntry[]> {
    return (await this.page(query)).entries;
  }

  /** A cursor is the index of the oldest row of the page before. */
  async page(query: AuditQuery): Promise<AuditPage> {
    const limit = auditLimitOf(query);
    const start = query.cursor === undefined ? this.entries.length : cursorPosition(query.cursor);
    const found: { entry: AuditEntry; position: number }[] = [];
    for (let i = Math.min(start ?? 0, this.entries.length) - 1; i >= 0 && found.length <= limit; i--) {
      // Copies, so that a caller cannot rewrite the append-only trail through a returned row.
      if (matchesAuditQuery(this.entries[i]!, query)) found.push({ entry: { ...this.entries[i]! }, position: i });
    }
    return pageOf(found, limit);
  }
}

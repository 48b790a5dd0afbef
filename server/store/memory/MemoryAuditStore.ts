import type { AuditEntry, AuditQuery, AuditStore } from '../ports.ts';
import { matchesAuditQuery } from '../auditQuery.ts';

const DEFAULT_LIMIT = 1000;

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
    const found = this.entries.filter((entry) => matchesAuditQuery(entry, query));
    // Not slice(-limit): slice(-0) is slice(0), so a limit of 0 returned everything.
    const limit = Math.max(0, query.limit ?? DEFAULT_LIMIT);
    // Copies, so that a caller cannot rewrite the append-only trail through a returned row.
    return found
      .slice(Math.max(0, found.length - limit))
      .reverse()
      .map((entry) => ({ ...entry }));
  }
}

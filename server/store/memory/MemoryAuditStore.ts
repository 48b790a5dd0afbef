import type { AuditEntry, AuditQuery, AuditStore } from '../ports.ts';
import { matchesAuditQuery } from '../auditQuery.ts';

/** In-memory audit trail for fast unit tests; not durable. */
export class MemoryAuditStore implements AuditStore {
  private readonly entries: AuditEntry[] = [];

  async append(entry: AuditEntry): Promise<void> {
    this.entries.push({ ...entry });
  }

  async list(query: AuditQuery): Promise<AuditEntry[]> {
    const found = this.entries.filter((entry) => matchesAuditQuery(entry, query));
    return found.slice(-(query.limit ?? 1000)).reverse();
  }
}

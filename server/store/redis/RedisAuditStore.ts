import type { Redis } from 'ioredis';
import { auditLimitOf, cursorPosition, matchesAuditQuery, pageOf } from '../auditQuery.ts';
import type { AuditEntry, AuditPage, AuditQuery, AuditStore } from '../ports.ts';
/** Rows read per round trip while a filtered list looks for matches. */
const PAGE_SIZE = 500;

/**
 * The append-only audit trail in Redis: lists only ever pushed to at the tail.
 * Keys, after the prefix:
 * - `audit` every row (JSON), oldest first
 * - `audit-case:{caseId}`, `audit-user:{userId}` copies of the rows of one case or
 *   one user, so that the usual filtered queries read only those
 */
export class RedisAuditStore implements AuditStore {
  private readonly key: ReturnType<typeof auditKeys>;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.key = auditKeys(prefix);
  }

  async append(entry: AuditEntry): Promise<void> {
    const row = JSON.stringify(entry);
    // One MULTI, so every list holds the rows in the same order.
    const transaction = this.redis.multi();
    for (const list of auditListsOf(this.key, entry)) transaction.rpush(list, row);
    const failed = (await transaction.exec())?.find(([error]) => error);
    if (failed) throw failed[0];
  }

  async list(query: AuditQuery): Promise<AuditEntry[]> {
    return (await this.page(query)).entries;
  }

  /** A cursor is the index, in the list the filters read, of the oldest row of the page before. */
  async page(query: AuditQuery): Promise<AuditPage> {
    const limit = auditLimitOf(query);
    const key = query.caseId !== undefined ? this.key.ofCase(query.caseId) : query.userId !== undefined ? this.key.ofUser(query.userId) : this.key.all;
    const length = await this.redis.llen(key);
    const start = query.cursor === undefined ? length : cursorPosition(query.cursor);
    const found: { entry: AuditEntry; position: number }[] = [];
    // Walks back from the newest row by index from the head, which rows appended meanwhile do not shift.
    for (let last = Math.min(start ?? 0, length) - 1; last >= 0 && found.length <= limit; last -= PAGE_SIZE) {
      const first = Math.max(0, last - PAGE_SIZE + 1);
      const page = await this.redis.lrange(key, first, last);
      for (let i = page.length - 1; i >= 0 && found.length <= limit; i--) {
        // Rows written before organisations carry none.
        const entry = { organisationId: null, ...(JSON.parse(page[i]!) as Omit<AuditEntry, 'organisationId'>) } as AuditEntry;
        if (matchesAuditQuery(entry, query)) found.push({ entry, position: first + i });
      }
    }
    return pageOf(found, limit);
  }
}

/** The audit lists' keys (see RedisAuditStore). */
export function auditKeys(prefix: string) {
  return {
    all: `${prefix}audit`,
    ofCase: (caseId: string) => `${prefix}audit-case:${caseId}`,
    ofUser: (userId: string) => `${prefix}audit-user:${userId}`,
  };
}

/** The lists a row is pushed to: every row's, its case's and its user's. */
export function auditListsOf(keys: ReturnType<typeof auditKeys>, entry: AuditEntry): string[] {
  return [keys.all, ...(entry.caseId !== null ? [keys.ofCase(entry.caseId)] : []), ...(entry.userId !== null ? [keys.ofUser(entry.userId)] : [])];
}

import type { NotificationKind, UnreadCounts } from '../../../shared/notifications.ts';
import type {
  DigestSubscriber,
  NewNotification,
  NotificationPage,
  NotificationQuery,
  NotificationStore,
  ReadSelector,
  StoredNotification,
  StoredNotificationSettings,
} from '../ports.ts';

/** Notifications and their settings in memory for fast unit tests; not durable. Values are copied in and out. */
export class MemoryNotificationStore implements NotificationStore {
  private readonly notifications = new Map<string, StoredNotification>();
  private readonly settings = new Map<string, StoredNotificationSettings>();
  private readonly lastDigest = new Map<string, string>();

  async add(notifications: NewNotification[]): Promise<void> {
    this.prepare(notifications)();
  }

  /**
   * Checks the notifications and returns the step that stores them, which
   * cannot fail, so that a workflow commit refused on them commits nothing
   * (MemoryWorkflowStore).
   */
  prepare(notifications: NewNotification[]): () => void {
    const ids = new Set<string>();
    for (const { id } of notifications) {
      if (this.notifications.has(id) || ids.has(id)) throw new Error(`notification ${id} exists`);
      ids.add(id);
    }
    const copies = notifications.map((n) => ({ ...structuredClone(n), readAt: null }));
    return () => copies.forEach((n) => this.notifications.set(n.id, n));
  }

  async list(userId: string, query: NotificationQuery): Promise<NotificationPage> {
    const matching = this.ofUser(userId)
      .filter((n) => (!query.unreadOnly || n.readAt === null) && (query.before === undefined || n.id < query.before))
      .sort((a, b) => (a.id < b.id ? 1 : -1));
    const page = matching.slice(0, query.limit);
    const nextCursor = matching.length > query.limit ? page[page.length - 1]!.id : null;
    return { notifications: structuredClone(page), nextCursor };
  }

  async unreadCounts(userId: string): Promise<UnreadCounts> {
    const unreadByCase: Record<string, number> = {};
    const unread = this.ofUser(userId).filter((n) => n.readAt === null);
    for (const n of unread) unreadByCase[n.caseId] = (unreadByCase[n.caseId] ?? 0) + 1;
    return { unread: unread.length, unreadByCase };
  }

  async markRead(userId: string, selector: ReadSelector, at: string): Promise<void> {
    const ids = 'ids' in selector ? new Set(selector.ids) : null;
    for (const n of this.ofUser(userId)) {
      if (n.readAt !== null) continue;
      if ((ids && !ids.has(n.id)) || ('caseId' in selector && n.caseId !== selector.caseId)) continue;
      n.readAt = at;
    }
  }

  async unreadKindsSince(userId: string, since: string | null): Promise<Partial<Record<NotificationKind, number>>> {
    const kinds: Partial<Record<NotificationKind, number>> = {};
    for (const n of this.ofUser(userId)) if (n.readAt === null && (since === null || n.at > since)) kinds[n.kind] = (kinds[n.kind] ?? 0) + 1;
    return kinds;
  }

  async getSettings(userId: string): Promise<StoredNotificationSettings | null> {
    const settings = this.settings.get(userId);
    return settings ? { ...settings } : null;
  }

  async putSettings(userId: string, settings: StoredNotificationSettings): Promise<void> {
    this.settings.set(userId, { ...settings });
  }

  async digestSubscribers(): Promise<DigestSubscriber[]> {
    return [...this.settings]
      .filter(([, settings]) => settings.mode === 'digest')
      .map(([userId, settings]) => ({ userId, settings: { ...settings }, lastDigestAt: this.lastDigest.get(userId) ?? null }));
  }

  async claimDigest(userId: string, expected: string | null, at: string): Promise<boolean> {
    if ((this.lastDigest.get(userId) ?? null) !== expected) return false;
    this.lastDigest.set(userId, at);
    return true;
  }

  private ofUser(userId: string): StoredNotification[] {
    return [...this.notifications.values()].filter((n) => n.userId === userId);
  }
}

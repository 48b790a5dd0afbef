import type { EmailMode, NotificationKind, NotificationLanguage, UnreadCounts } from '../../../shared/notifications.ts';
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
import type { SqliteDatabase } from './openDatabase.ts';

interface NotificationRow {
  id: string;
  user_id: string;
  case_id: string;
  kind: string;
  actor_name: string;
  actor_role: string;
  section: string | null;
  at: string;
  read_at: string | null;
}

interface SettingsRow {
  user_id: string;
  email: string | null;
  mode: string;
  digest_hour: number;
  language: string;
  last_digest_at: string | null;
}

/**
 * The statement that stores notifications, shared by SqliteNotificationStore
 * and SqliteWorkflowStore (which writes them in the transaction of their
 * event), on the same connection. The primary key refuses an id that is
 * taken; the returned function is a transaction (a savepoint inside another).
 */
export function prepareNotificationWrites(db: SqliteDatabase): (notifications: NewNotification[]) => void {
  const insert = db.prepare(
    `INSERT INTO notifications (id, user_id, case_id, kind, actor_name, actor_role, section, at, read_at)
     VALUES (@id, @userId, @caseId, @kind, @actorName, @actorRole, @section, @at, NULL)`,
  );
  return db.transaction((notifications: NewNotification[]) => {
    for (const n of notifications) {
      insert.run({
        id: n.id,
        userId: n.userId,
        caseId: n.caseId,
        kind: n.kind,
        actorName: n.actor.name,
        actorRole: n.actor.role,
        section: n.section,
        at: n.at,
      });
    }
  });
}

const toNotification = (row: NotificationRow): StoredNotification => ({
  id: row.id,
  userId: row.user_id,
  caseId: row.case_id,
  kind: row.kind as NotificationKind,
  actor: { name: row.actor_name, role: row.actor_role },
  section: row.section,
  at: row.at,
  readAt: row.read_at,
});

const toSettings = (row: SettingsRow): StoredNotificationSettings => ({
  email: row.email,
  mode: row.mode as EmailMode,
  digestHour: row.digest_hour,
  language: row.language as NotificationLanguage,
});

/** Notifications and their settings in the workspace database, on the main connection (as comments are). */
export class SqliteNotificationStore implements NotificationStore {
  private readonly sql;
  private readonly insert: (notifications: NewNotification[]) => void;
  private readonly markIds: (userId: string, ids: string[], at: string) => void;

  constructor(db: SqliteDatabase) {
    this.insert = prepareNotificationWrites(db);
    this.sql = notificationStatements(db);
    this.markIds = db.transaction((userId: string, ids: string[], at: string) => {
      for (const id of ids) this.sql.markId.run(at, userId, id);
    });
  }

  async add(notifications: NewNotification[]): Promise<void> {
    this.insert(notifications);
  }

  async list(userId: string, query: NotificationQuery): Promise<NotificationPage> {
    const args = { userId, before: query.before ?? null, unreadOnly: query.unreadOnly ? 1 : 0, limit: query.limit + 1 };
    const rows = this.sql.list.all(args);
    const page = rows.slice(0, query.limit).map(toNotification);
    return { notifications: page, nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null };
  }

  async unreadCounts(userId: string): Promise<UnreadCounts> {
    const rows = this.sql.unreadByCase.all(userId);
    return { unread: rows.reduce((sum, r) => sum + r.n, 0), unreadByCase: Object.fromEntries(rows.map((r) => [r.case_id, r.n])) };
  }

  async markRead(userId: string, selector: ReadSelector, at: string): Promise<void> {
    if ('ids' in selector) this.markIds(userId, selector.ids, at);
    else if ('caseId' in selector) this.sql.markCase.run(at, userId, selector.caseId);
    else this.sql.markAll.run(at, userId);
  }

  async unreadKindsSince(userId: string, since: string | null): Promise<Partial<Record<NotificationKind, number>>> {
    return Object.fromEntries(this.sql.kindsSince.all(userId, since ?? '').map((r) => [r.kind, r.n]));
  }

  async getSettings(userId: string): Promise<StoredNotificationSettings | null> {
    const row = this.sql.settings.get(userId);
    return row ? toSettings(row) : null;
  }

  async putSettings(userId: string, settings: StoredNotificationSettings): Promise<void> {
    this.sql.putSettings.run({ userId, email: settings.email, mode: settings.mode, digestHour: settings.digestHour, language: settings.language });
  }

  async digestSubscribers(): Promise<DigestSubscriber[]> {
    return this.sql.digest.all().map((row) => ({ userId: row.user_id, settings: toSettings(row), lastDigestAt: row.last_digest_at }));
  }

  async claimDigest(userId: string, expected: string | null, at: string): Promise<boolean> {
    return this.sql.claim.run(at, userId, expected).changes === 1;
  }
}

function notificationStatements(db: SqliteDatabase) {
  const unread = 'read_at IS NULL';
  return {
    list: db.prepare<[{ userId: string; before: string | null; unreadOnly: number; limit: number }], NotificationRow>(
      `SELECT * FROM notifications WHERE user_id = @userId AND (@before IS NULL OR id < @before) AND (@unreadOnly = 0 OR ${unread})
       ORDER BY id DESC LIMIT @limit`,
    ),
    unreadByCase: db.prepare<[string], { case_id: string; n: number }>(
      `SELECT case_id, COUNT(*) AS n FROM notifications WHERE user_id = ? AND ${unread} GROUP BY case_id ORDER BY case_id`,
    ),
    markId: db.prepare<[string, string, string]>(`UPDATE notifications SET read_at = ? WHERE user_id = ? AND id = ? AND ${unread}`),
    markCase: db.prepare<[string, string, string]>(`UPDATE notifications SET read_at = ? WHERE user_id = ? AND case_id = ? AND ${unread}`),
    markAll: db.prepare<[string, string]>(`UPDATE notifications SET read_at = ? WHERE user_id = ? AND ${unread}`),
    kindsSince: db.prepare<[string, string], { kind: string; n: number }>(
      `SELECT kind, COUNT(*) AS n FROM notifications WHERE user_id = ? AND ${unread} AND at > ? GROUP BY kind`,
    ),
    settings: db.prepare<[string], SettingsRow>('SELECT * FROM notification_settings WHERE user_id = ?'),
    putSettings: db.prepare(
      `INSERT INTO notification_settings (user_id, email, mode, digest_hour, language) VALUES (@userId, @email, @mode, @digestHour, @language)
       ON CONFLICT (user_id) DO UPDATE SET email = excluded.email, mode = excluded.mode, digest_hour = excluded.digest_hour, language = excluded.language`,
    ),
    digest: db.prepare<[], SettingsRow>(`SELECT * FROM notification_settings WHERE mode = 'digest' ORDER BY user_id`),
    claim: db.prepare<[string, string, string | null]>('UPDATE notification_settings SET last_digest_at = ? WHERE user_id = ? AND last_digest_at IS ?'),
  };
}

import type { NotificationKind, NotificationSettings, UnreadCounts } from '../../shared/notifications.ts';

/**
 * A notification as stored: who it is for, and only ids, the kind, a section
 * id and the actor's name and role. Never the text of the event (a rationale,
 * a reason, an opinion, a comment): that stays in the case.
 */
export interface StoredNotification {
  /** Chosen by the caller; ids sort in the order of `at` (server/notifications/notificationIds.ts). */
  id: string;
  userId: string;
  caseId: string;
  kind: NotificationKind;
  actor: { name: string; role: string };
  section: string | null;
  /** The event's time, ISO UTC. */
  at: string;
  readAt: string | null;
}

export type NewNotification = Omit<StoredNotification, 'readAt'>;

/** Which of a user's notifications to mark read: some ids (others' are ignored), one case's, or all. */
export type ReadSelector = { ids: string[] } | { caseId: string } | { all: true };

export interface NotificationQuery {
  unreadOnly: boolean;
  limit: number;
  /** Only notifications with an id before (older than) this one. */
  before?: string;
}

export interface NotificationPage {
  /** Newest first (by id). */
  notifications: StoredNotification[];
  /** The id to pass as `before` for the next page; null when there is none. */
  nextCursor: string | null;
}

/** A user's e-mail choice as stored; `emailAvailable` is the server's, not the user's. */
export type StoredNotificationSettings = Omit<NotificationSettings, 'emailAvailable'>;

/** A user who asked for a daily digest, and when the last one went (null: never). */
export interface DigestSubscriber {
  userId: string;
  settings: StoredNotificationSettings;
  lastDigestAt: string | null;
}

/**
 * Each user's notifications and e-mail settings. The commands write
 * notifications only through WorkflowStore.commit (CommitExtras.notifications),
 * in the transaction of their event; `add` is the same write on its own.
 */
export interface NotificationStore {
  /** Stores all of them or, when an id is taken, none (throws). */
  add(notifications: NewNotification[]): Promise<void>;
  list(userId: string, query: NotificationQuery): Promise<NotificationPage>;
  unreadCounts(userId: string): Promise<UnreadCounts>;
  /** Marks the user's unread notifications that match as read at `at`; another user's ids change nothing. */
  markRead(userId: string, selector: ReadSelector, at: string): Promise<void>;
  /** The kinds of the user's unread notifications whose `at` is after `since` (all when null), with how many of each. */
  unreadKindsSince(userId: string, since: string | null): Promise<Partial<Record<NotificationKind, number>>>;
  /** Null when the user never chose (the defaults apply). */
  getSettings(userId: string): Promise<StoredNotificationSettings | null>;
  /** Replaces the user's settings; when the last digest went is kept. */
  putSettings(userId: string, settings: StoredNotificationSettings): Promise<void>;
  /** Every user whose mode is 'digest'. */
  digestSubscribers(): Promise<DigestSubscriber[]>;
  /**
   * Compare-and-set of when the user's last digest went: sets it to `at` only
   * while it is still `expected`, atomically across nodes. Resolves with
   * whether it did: the one caller that did sends the digest.
   */
  claimDigest(userId: string, expected: string | null, at: string): Promise<boolean>;
}

import type { NewNotification } from '../ports.ts';
import type { RedisWrite, RedisWrites } from './commentWrites.ts';

/** The notifications' keys (see RedisNotificationStore). */
export function notificationKeys(prefix: string) {
  return {
    notification: (id: string) => `${prefix}notification:${id}`,
    notificationPrefix: `${prefix}notification:`,
    all: (userId: string) => `${prefix}notifications:${userId}`,
    unread: (userId: string) => `${prefix}notifications-unread:${userId}`,
    unreadCases: (userId: string) => `${prefix}notifications-unread-cases:${userId}`,
    readAt: (userId: string) => `${prefix}notifications-read-at:${userId}`,
    settings: (userId: string) => `${prefix}notification-settings:${userId}`,
    lastDigest: (userId: string) => `${prefix}notification-digest:${userId}`,
    digestUsers: `${prefix}notification-digest-users`,
  };
}

export type NotificationKeys = ReturnType<typeof notificationKeys>;

/**
 * The steps that store notifications (run by WRITES_LUA, in a commit's script
 * or on their own): each id must be free, then the notification's JSON, its
 * place in the user's sorted sets (all, unread) and the unread count of its case.
 */
export function notificationWrites(key: NotificationKeys, notifications: NewNotification[]): RedisWrites {
  const ids = notifications.map((n) => n.id);
  if (new Set(ids).size !== ids.length) throw new Error('notification ids repeat');
  const checks: RedisWrite[] = ids.map((id) => ({ op: 'must-not-exist', key: key.notification(id), value: '' }));
  const writes = notifications.flatMap((n): RedisWrite[] => [
    { op: 'set', key: key.notification(n.id), value: JSON.stringify(n) },
    { op: 'zadd', key: key.all(n.userId), value: n.id },
    { op: 'zadd', key: key.unread(n.userId), value: n.id },
    { op: 'hincrby', key: key.unreadCases(n.userId), value: n.caseId },
  ]);
  return { writes: [...checks, ...writes], refusal: 'a notification id is taken' };
}

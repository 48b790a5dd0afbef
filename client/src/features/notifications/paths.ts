import type { NotificationView } from '../../../../shared/notifications.ts';

/** Where the inbox lives, and its e-mail setting. */
export const NOTIFICATIONS_PATH = '/notifications';
export const NOTIFICATION_SETTINGS_PATH = '/notifications/settings';

/** Where a notification leads: its case, at its section when it names one (the workspace jumps there, `?sectie=`). */
export function notificationLink(notification: Pick<NotificationView, 'caseId' | 'section'>): string {
  const casePath = `/cases/${encodeURIComponent(notification.caseId)}`;
  return notification.section ? `${casePath}?sectie=${encodeURIComponent(notification.section)}` : casePath;
}

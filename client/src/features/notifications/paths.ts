import type { NotificationKind, NotificationView } from '../../../../shared/notifications.ts';
import type { Role } from '../../../../shared/roles.ts';

/** Where the inbox lives, and its e-mail setting. */
export const NOTIFICATIONS_PATH = '/notifications';
export const NOTIFICATION_SETTINGS_PATH = '/notifications/settings';

/** Where a notification leads: its case, at its section when it names one (the workspace jumps there, `?sectie=`). */
export function notificationLink(notification: Pick<NotificationView, 'caseId' | 'section'>): string {
  const casePath = `/cases/${encodeURIComponent(notification.caseId)}`;
  return notification.section ? `${casePath}?sectie=${encodeURIComponent(notification.section)}` : casePath;
}

/**
 * The words of a notification, by its kind and who reads it: the
 * arbeidsdeskundige told of their own invitation reads "… nodigde u uit",
 * the other physician "… nodigde een arbeidsdeskundige uit".
 */
export function notificationKey(kind: NotificationKind, reader: Role): string {
  return kind === 'labour_expert.invited' && reader === 'arbeidsdeskundige' ? 'notifications.kind.labour_expert.invitedYou' : `notifications.kind.${kind}`;
}

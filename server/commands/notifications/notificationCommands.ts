import {
  DEFAULT_NOTIFICATION_SETTINGS,
  type MarkReadInput,
  type NotificationList,
  type NotificationListQuery,
  type NotificationSettings,
  type NotificationSettingsInput,
  type UnreadCounts,
} from '../../../shared/notifications.ts';
import type { Principal } from '../../auth/Authenticator.ts';
import { notificationView } from '../../notifications/delivery.ts';
import type { CommandDeps } from '../deps.ts';

type Deps = Pick<CommandDeps, 'notifications' | 'notificationDelivery' | 'now'>;

/**
 * A user's own notifications and e-mail settings (docs/contract.md): every
 * call reads and changes only the caller's, so there is nothing to refuse
 * beyond a bad body; another user's ids simply match nothing.
 */
export async function listNotifications(deps: Deps, principal: Principal, query: NotificationListQuery): Promise<NotificationList> {
  const userId = principal.user.id;
  const page = await deps.notifications.list(userId, { unreadOnly: query.unread, limit: query.limit, ...(query.before ? { before: query.before } : {}) });
  const counts = await deps.notifications.unreadCounts(userId);
  return { notifications: page.notifications.map(notificationView), ...counts, nextCursor: page.nextCursor };
}

export async function markNotificationsRead(deps: Deps, principal: Principal, input: MarkReadInput): Promise<UnreadCounts> {
  await deps.notifications.markRead(principal.user.id, input, deps.now().toISOString());
  return deps.notifications.unreadCounts(principal.user.id);
}

export async function readNotificationSettings(deps: Deps, principal: Principal): Promise<NotificationSettings> {
  const stored = (await deps.notifications.getSettings(principal.user.id)) ?? DEFAULT_NOTIFICATION_SETTINGS;
  return { ...stored, emailAvailable: deps.notificationDelivery.emailAvailable };
}

export async function writeNotificationSettings(deps: Deps, principal: Principal, input: NotificationSettingsInput): Promise<NotificationSettings> {
  await deps.notifications.putSettings(principal.user.id, input);
  return readNotificationSettings(deps, principal);
}

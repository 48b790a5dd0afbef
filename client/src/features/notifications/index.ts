/** Notifications across cases (docs/domain.md): what the rest of the client uses of them. */
export { CaseNotificationBadge, NotificationsButton } from './NotificationBadges.tsx';
export { NOTIFICATION_SETTINGS_PATH, NOTIFICATIONS_PATH } from './paths.ts';
export { NotificationsProvider, useNotificationCounts } from './NotificationsContext.tsx';
export { NotificationToasts } from './NotificationToasts.tsx';

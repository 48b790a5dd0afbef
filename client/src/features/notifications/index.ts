/** Notifications across cases (docs/domain.md): what the rest of the client uses of them. */
export { CaseNotificationBadge, NOTIFICATION_SETTINGS_PATH, NOTIFICATIONS_PATH, NotificationsButton } from './NotificationBadges.tsx';
export { NotificationsProvider, useNotificationCounts } from './NotificationsContext.tsx';
export { NotificationSettingsPage } from './NotificationSettingsPage.tsx';
export { NotificationsPage } from './NotificationsPage.tsx';
export { NotificationToasts } from './NotificationToasts.tsx';

import type { NotificationView } from '../../shared/notifications.ts';
import type { NotificationDelivery } from '../commands/deps.ts';
import type { RealtimePublisher } from '../realtime/RealtimePublisher.ts';
import type { StoredNotification } from '../store/ports.ts';
import type { NotificationMail } from './NotificationMail.ts';

/** A notification as its recipient sees it (without whom it is for). */
export function notificationView({ userId: _userId, ...view }: StoredNotification): NotificationView {
  return view;
}

/** After a commit: each notification to its recipient's sockets on every node, and to e-mail by their settings. */
export function notificationDelivery(realtime: Pick<RealtimePublisher, 'publishNotification'>, mail: NotificationMail): NotificationDelivery {
  return {
    emailAvailable: mail.available,
    delivered(notifications) {
      for (const notification of notifications) realtime.publishNotification(notification.userId, notificationView({ ...notification, readAt: null }));
      mail.afterCommit(notifications);
    },
  };
}

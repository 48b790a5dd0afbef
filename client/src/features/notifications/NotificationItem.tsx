import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotificationView } from '../../../../shared/notifications.ts';
import { Link } from '../../router.tsx';
import { useDateTimeFormat } from '../workspace/labels.ts';
import type { ReadTarget } from './notificationsApi.ts';
import { notificationLink } from './paths.ts';
import { useNotificationText } from './useNotificationText.ts';

/**
 * One notification of the inbox: who did what where, when, and the way to it.
 * An unread one says so in words (and stands out), and can be marked read;
 * following its link marks it read too.
 */
export function NotificationItem({ notification, onRead }: { notification: NotificationView; onRead: (target: ReadTarget) => Promise<boolean> }) {
  const { t } = useTranslation();
  const formatTime = useDateTimeFormat();
  const text = useNotificationText()(notification);
  const item = useRef<HTMLLIElement>(null);
  const unread = notification.readAt === null;
  const target = { ids: [notification.id] };

  // The button goes once it did its work: focus stays on this notification, not lost to the page.
  const markRead = async () => {
    if (await onRead(target)) item.current?.focus();
  };

  return (
    <li
      ref={item}
      tabIndex={-1}
      className={unread ? 'notification-item notification-item--unread' : 'notification-item'}
      data-testid="notification-item"
      data-notification-id={notification.id}
      data-kind={notification.kind}
      data-case-id={notification.caseId}
      data-unread={unread}
    >
      <p className="notification-item__what">
        {unread && <span className="notification-item__mark">{t('notifications.unreadMark')}</span>}
        {text.what}
      </p>
      <p className="notification-item__where muted">
        {text.where} · <time dateTime={notification.at}>{formatTime(notification.at)}</time>
      </p>
      <p className="notification-item__actions">
        <span onClick={() => unread && void onRead(target)}>
          <Link to={notificationLink(notification)}>
            {text.section ? t('notifications.actions.openSection', { section: text.section }) : t('notifications.actions.open')}
          </Link>
        </span>
        {unread && (
          <button
            type="button"
            className="button--secondary"
            aria-label={t('notifications.markReadLabel', { what: text.what })}
            onClick={() => void markRead()}
          >
            {t('notifications.actions.markRead')}
          </button>
        )}
      </p>
    </li>
  );
}

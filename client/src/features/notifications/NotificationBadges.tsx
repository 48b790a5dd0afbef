import { useTranslation } from 'react-i18next';
import { navigate } from '../../router.tsx';
import { useNotificationCounts } from './NotificationsContext.tsx';
import { NOTIFICATIONS_PATH } from './paths.ts';
import './notifications.css';

/** The top bar's way to the inbox, with the unread count in its name ("Meldingen, 3 ongelezen"). */
export function NotificationsButton() {
  const { t } = useTranslation();
  const { unread } = useNotificationCounts();
  // The name says what the number is ("Meldingen, 3 ongelezen") and starts with the visible text ("Meldingen 3").
  const name = unread > 0 ? t('notifications.buttonUnread', { count: unread }) : t('notifications.button');
  return (
    <button
      type="button"
      className="notifications-button"
      aria-label={name}
      data-testid="notifications-button"
      data-count={unread}
      onClick={() => navigate(NOTIFICATIONS_PATH)}
    >
      {t('notifications.button')}
      {unread > 0 && (
        <>
          {' '}
          <span className="notification-count">{unread}</span>
        </>
      )}
    </button>
  );
}

/** A case's unread notifications, for the case list: nothing when there are none. */
export function CaseNotificationBadge({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const count = useNotificationCounts().unreadByCase[caseId] ?? 0;
  if (count === 0) return null;
  return (
    <span className="notification-count notification-count--case" data-testid={`case-notifications-${caseId}`} data-count={count}>
      {t('notifications.caseUnread', { count })}
    </span>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from '../../router.tsx';
import { ErrorMessage } from '../workflow/ErrorMessage.tsx';
import { CaseNotificationBadge } from './NotificationBadges.tsx';
import { NotificationItem } from './NotificationItem.tsx';
import { useNotificationCounts } from './NotificationsContext.tsx';
import type { ReadTarget } from './notificationsApi.ts';
import { NOTIFICATION_SETTINGS_PATH } from './paths.ts';
import { useNotificationInbox } from './useNotificationInbox.ts';
import { useCaseName } from './useNotificationText.ts';
import './notifications.css';

/** The inbox across all of the user's cases (`/notifications`): newest first, unread marked, read per item, per case or all. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const inbox = useNotificationInbox();
  const { unread } = useNotificationCounts();

  return (
    <section className="notifications" aria-labelledby="notifications-heading" data-testid="notifications-page" data-status={inbox.status}>
      <h1 id="notifications-heading">{t('notifications.heading')}</h1>
      <p className="muted">{t('notifications.intro')}</p>
      <div className="notifications__bar">
        <p data-testid="notifications-summary" data-unread={unread}>
          {unread > 0 ? t('notifications.summaryUnread', { count: unread }) : t('notifications.summaryAllRead')}
        </p>
        <button type="button" className="button--secondary" onClick={() => void inbox.read({ all: true })}>
          {t('notifications.actions.markAllRead')}
        </button>
        <Link to={NOTIFICATION_SETTINGS_PATH}>{t('notifications.actions.settings')}</Link>
      </div>
      <ErrorMessage error={inbox.error} testId="notifications-error" />
      <UnreadCases onRead={inbox.read} />
      {inbox.status === 'loading' && <p>{t('app.loading')}</p>}
      {inbox.status === 'failed' && (
        <p role="alert" className="error">
          {t('notifications.failed')}
        </p>
      )}
      {inbox.status === 'ready' && inbox.items.length === 0 && <p>{t('notifications.none')}</p>}
      <ol className="notifications__list" data-testid="notifications-list">
        {inbox.items.map((notification) => (
          <NotificationItem key={notification.id} notification={notification} onRead={inbox.read} />
        ))}
      </ol>
      {inbox.hasMore && (
        <button type="button" className="button--secondary" disabled={inbox.loadingMore} onClick={inbox.loadMore}>
          {t('notifications.actions.loadMore')}
        </button>
      )}
    </section>
  );
}

/** The cases with unread notifications, each with its count and a way to mark all of them read. */
function UnreadCases({ onRead }: { onRead: (target: ReadTarget) => Promise<boolean> }) {
  const { t } = useTranslation();
  const { unreadByCase } = useNotificationCounts();
  const caseName = useCaseName();
  const unreadCases = Object.entries(unreadByCase).filter(([, count]) => count > 0);
  if (unreadCases.length === 0) return null;
  return (
    <ul className="notifications__cases" aria-label={t('notifications.perCase')} data-testid="notifications-cases">
      {unreadCases.map(([caseId, count]) => (
        <li key={caseId} data-case-id={caseId} data-count={count}>
          <span>{caseName(caseId)}:</span>
          <CaseNotificationBadge caseId={caseId} />
          <button
            type="button"
            className="button--secondary"
            aria-label={t('notifications.markCaseReadLabel', { case: caseName(caseId) })}
            onClick={() => void onRead({ caseId })}
          >
            {t('notifications.actions.markCaseRead')}
          </button>
        </li>
      ))}
    </ul>
  );
}

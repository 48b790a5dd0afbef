import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotificationView } from '../../../../shared/notifications.ts';
import { Link } from '../../router.tsx';
import { useNotifications } from './NotificationsContext.tsx';
import { MAX_TOASTS, TOAST_VISIBLE_MS } from './toastLimits.ts';
import { notificationLink } from './paths.ts';
import { useNotificationText } from './useNotificationText.ts';
import './notifications.css';

/**
 * A short toast for each notification pushed while the user is anywhere in the
 * app. The live region is always in the page (polite: read out after what the
 * screen reader is saying) and a toast never takes focus.
 */
export function NotificationToasts() {
  const { t } = useTranslation();
  const { onArrival } = useNotifications();
  const [toasts, setToasts] = useState<NotificationView[]>([]);

  useEffect(() => onArrival((notification) => setToasts((shown) => [...shown, notification].slice(-MAX_TOASTS))), [onArrival]);

  const dismiss = useCallback((id: string) => setToasts((shown) => shown.filter((toast) => toast.id !== id)), []);

  return (
    <div className="notification-toasts" aria-live="polite" aria-label={t('notifications.toast.region')} role="region" data-testid="notification-toasts">
      {toasts.map((toast) => (
        <Toast key={toast.id} notification={toast} onDismiss={dismiss} />
      ))}
    </div>
  );
}

function Toast({ notification, onDismiss }: { notification: NotificationView; onDismiss: (id: string) => void }) {
  const { t } = useTranslation();
  const text = useNotificationText()(notification);
  const [held, setHeld] = useState(false);
  const { id } = notification;
  const dismiss = () => onDismiss(id);

  useEffect(() => {
    if (held) return;
    const timer = setTimeout(() => onDismiss(id), TOAST_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [held, onDismiss, id]);

  return (
    <div
      className="notification-toast"
      data-testid="notification-toast"
      data-notification-id={notification.id}
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
    >
      <p className="notification-toast__what">{text.what}</p>
      <p className="notification-toast__where muted">{text.where}</p>
      <p className="notification-toast__actions">
        {/* Following the link also closes the toast (Link keeps its own click handler). */}
        <span onClick={dismiss}>
          <Link to={notificationLink(notification)}>{t('notifications.toast.view')}</Link>
        </span>
        <button type="button" className="button--secondary" onClick={dismiss}>
          {t('notifications.toast.dismiss')}
        </button>
      </p>
    </div>
  );
}

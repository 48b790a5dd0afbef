import { useCallback, useEffect, useState } from 'react';
import { DEFAULT_NOTIFICATION_PAGE } from '../../../../shared/limits.ts';
import type { NotificationView } from '../../../../shared/notifications.ts';
import { ApiError } from '../../api.ts';
import { useNotifications } from './NotificationsContext.tsx';
import { notificationsApi, type ReadTarget } from './notificationsApi.ts';

export interface NotificationInbox {
  status: 'loading' | 'ready' | 'failed';
  /** Newest first: the pages loaded, with what was pushed since on top. */
  items: NotificationView[];
  /** Whether the server has older notifications than those loaded. */
  hasMore: boolean;
  loadingMore: boolean;
  loadMore(): void;
  /** Marks read on the server, then here; a refusal is kept in `error`. */
  read(target: ReadTarget): Promise<boolean>;
  error: ApiError | null;
}

/** `incoming` before `items`, each notification once. */
function merged(incoming: NotificationView[], items: NotificationView[]): NotificationView[] {
  const ids = new Set(incoming.map((n) => n.id));
  return [...incoming, ...items.filter((n) => !ids.has(n.id))];
}

function covers(target: ReadTarget, notification: NotificationView): boolean {
  if ('ids' in target) return target.ids.includes(notification.id);
  if ('caseId' in target) return target.caseId === notification.caseId;
  return true;
}

const asApiError = (error: unknown) => (error instanceof ApiError ? error : new ApiError(0, 'generic', String(error)));

/** The inbox across cases: pages of the user's notifications, kept live, and marking them read. */
export function useNotificationInbox(): NotificationInbox {
  const { onArrival, markRead } = useNotifications();
  const [status, setStatus] = useState<NotificationInbox['status']>('loading');
  const [items, setItems] = useState<NotificationView[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let active = true;
    notificationsApi.list({ limit: DEFAULT_NOTIFICATION_PAGE }).then(
      (page) => {
        if (!active) return;
        // What was pushed while the page loaded stays on top.
        setItems((pushed) => merged(pushed, page.notifications));
        setCursor(page.nextCursor);
        setStatus('ready');
      },
      () => active && setStatus('failed'),
    );
    return () => {
      active = false;
    };
  }, []);

  useEffect(() => onArrival((notification) => setItems((shown) => merged([notification], shown))), [onArrival]);

  const loadMore = useCallback(() => {
    if (!cursor) return;
    setLoadingMore(true);
    notificationsApi.list({ limit: DEFAULT_NOTIFICATION_PAGE, before: cursor }).then(
      (page) => {
        setItems((shown) => merged(shown, page.notifications));
        setCursor(page.nextCursor);
        setLoadingMore(false);
      },
      (failure: unknown) => {
        setError(asApiError(failure));
        setLoadingMore(false);
      },
    );
  }, [cursor]);

  const read = useCallback(
    async (target: ReadTarget) => {
      try {
        await markRead(target);
      } catch (failure) {
        setError(asApiError(failure));
        return false;
      }
      setError(null);
      const now = new Date().toISOString();
      setItems((shown) => shown.map((n) => (!n.readAt && covers(target, n) ? { ...n, readAt: now } : n)));
      return true;
    },
    [markRead],
  );

  return { status, items, hasMore: cursor !== null, loadingMore, loadMore, read, error };
}

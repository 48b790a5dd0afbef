import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { NotificationView, UnreadCounts } from '../../../../shared/notifications.ts';
import type { Role } from '../../../../shared/roles.ts';
import { RealtimeEvent } from '../../../../shared/realtime.ts';
import { acquireSocket, releaseSocket } from '../../realtime/socket.ts';
import { notificationsApi, type ReadTarget } from './notificationsApi.ts';
import { useCaseDirectory, type CaseDirectory } from './useCaseDirectory.ts';

type ArrivalListener = (notification: NotificationView) => void;

export interface NotificationsContextValue {
  /** This user's unread notifications, over all cases and per case; null until the server answered. */
  counts: UnreadCounts | null;
  /** The user's cases by id, to name a notification's case and section. */
  cases: CaseDirectory;
  /** Marks notifications read on the server and takes its new counts. */
  markRead(target: ReadTarget): Promise<void>;
  /** Calls `listener` with each notification pushed from now on, until the returned function is called. */
  onArrival(listener: ArrivalListener): () => void;
  /** The signed-in user's account role: some notifications read differently for the one they concern. */
  readerRole: Role;
}

const NotificationsContext = createContext<NotificationsContextValue | null>(null);

const NO_COUNTS: UnreadCounts = { unread: 0, unreadByCase: {} };

/** One more unread notification of `caseId`. */
function countedIn(counts: UnreadCounts | null, caseId: string): UnreadCounts {
  const base = counts ?? NO_COUNTS;
  return { unread: base.unread + 1, unreadByCase: { ...base.unreadByCase, [caseId]: (base.unreadByCase[caseId] ?? 0) + 1 } };
}

/**
 * The signed-in user's notifications wherever they are in the app: the unread
 * counts (loaded, then kept live from the `notification` pushes on the page's
 * one socket, and loaded again on every reconnect, which may have missed some)
 * and the arrivals for the inbox and the toasts.
 */
export function NotificationsProvider({ children, readerRole }: { children: ReactNode; readerRole: Role }) {
  const [counts, setCounts] = useState<UnreadCounts | null>(null);
  const cases = useCaseDirectory();
  const { learn } = cases;
  const listeners = useRef(new Set<ArrivalListener>());
  // A notification pushed twice (a reconnect) counts once.
  const seen = useRef(new Set<string>());

  const refresh = useCallback(() => {
    notificationsApi.list({ limit: 1, unreadOnly: true }).then(
      ({ unread, unreadByCase }) => setCounts({ unread, unreadByCase }),
      // Without the counts the app still works: the button shows no number.
      () => undefined,
    );
  }, []);

  useEffect(() => {
    const socket = acquireSocket();
    const onNotification = (notification: NotificationView) => {
      if (seen.current.has(notification.id)) return;
      seen.current.add(notification.id);
      if (!notification.readAt) setCounts((current) => countedIn(current, notification.caseId));
      learn(notification.caseId);
      for (const listener of listeners.current) listener(notification);
    };
    socket.on(RealtimeEvent.notification, onNotification);
    socket.on('connect', refresh);
    refresh();
    return () => {
      socket.off(RealtimeEvent.notification, onNotification);
      socket.off('connect', refresh);
      releaseSocket(socket);
    };
  }, [refresh, learn]);

  const markRead = useCallback(async (target: ReadTarget) => {
    const { unread, unreadByCase } = await notificationsApi.markRead(target);
    setCounts({ unread, unreadByCase });
  }, []);

  const onArrival = useCallback((listener: ArrivalListener) => {
    listeners.current.add(listener);
    return () => void listeners.current.delete(listener);
  }, []);

  const value = useMemo(() => ({ counts, cases, markRead, onArrival, readerRole }), [counts, cases, markRead, onArrival, readerRole]);
  return <NotificationsContext.Provider value={value}>{children}</NotificationsContext.Provider>;
}

/** The notifications of the signed-in user; only inside NotificationsProvider. */
export function useNotifications(): NotificationsContextValue {
  const context = useContext(NotificationsContext);
  if (!context) throw new Error('useNotifications() outside NotificationsProvider');
  return context;
}

/** Unread notifications over all cases and per case, for the case list and the top bar (0 until loaded). */
export function useNotificationCounts(): UnreadCounts & { loaded: boolean } {
  const { counts } = useNotifications();
  return { ...(counts ?? NO_COUNTS), loaded: counts !== null };
}

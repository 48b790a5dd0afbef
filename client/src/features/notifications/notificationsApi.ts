import type { MarkReadInput, NotificationList, NotificationSettings, UnreadCounts } from '../../../../shared/notifications.ts';
import { request } from '../../api.ts';

/** Which notifications a mark-read covers: some by id, one case's, or all. */
export type ReadTarget = MarkReadInput;

/** The settings the user chooses; `emailAvailable` is the server's to say. */
export type SettingsInput = Omit<NotificationSettings, 'emailAvailable'>;

export interface PageQuery {
  limit: number;
  /** The cursor of the page before (`nextCursor`), for the next older page. */
  before?: string | null;
  unreadOnly?: boolean;
}

function listPath({ limit, before, unreadOnly }: PageQuery): string {
  const query = new URLSearchParams({ limit: String(limit) });
  if (unreadOnly) query.set('unread', 'true');
  if (before) query.set('before', before);
  return `/api/notifications?${query.toString()}`;
}

/** The user's notifications across cases (docs/contract.md), newest first, and the e-mail setting. */
export const notificationsApi = {
  list: (query: PageQuery) => request<NotificationList>('GET', listPath(query)),
  markRead: (target: ReadTarget) => request<UnreadCounts>('POST', '/api/notifications/read', target),
  settings: () => request<NotificationSettings>('GET', '/api/notification-settings'),
  saveSettings: (input: SettingsInput) => request<NotificationSettings>('PUT', '/api/notification-settings', input),
};

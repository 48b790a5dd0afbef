import {
  DEFAULT_NOTIFICATION_SETTINGS,
  type MarkReadInput,
  type NotificationList,
  type NotificationListQuery,
  type NotificationSettings,
  type NotificationSettingsInput,
  type UnreadCounts,
} from '../../../shared/notifications.ts';
import type { Principal } from '../../auth/Authenticator.ts';
import { notificationView } from '../../notifications/delivery.ts';
import type { CommandDeps } from '../deps.ts';

type Deps = Pick<CommandDeps, 'notifications' | 'notificationDelivery' | 'now' | 'records' | 'workflow'>;

/**
 * The cases the user may open now: a physician replaced in a case, a reviewer
 * whose dispute closed, or a labour expert whose invitation ended, no longer
 * sees what they were told of it.
 */
async function casesOpenTo(deps: Deps, userId: string): Promise<Set<string>> {
  const [member, reviewed, invited] = await Promise.all([
    deps.records.listCasesOfUser(userId),
    deps.workflow.casesReviewedBy(userId),
    deps.workflow.casesOfLabourExpert(userId),
  ]);
  return new Set([...member.map((record) => record.id), ...reviewed, ...invited]);
}

async function visibleCounts(deps: Deps, userId: string, open: Set<string>): Promise<UnreadCounts> {
  const { unreadByCase } = await deps.notifications.unreadCounts(userId);
  const visible = Object.fromEntries(Object.entries(unreadByCase).filter(([caseId]) => open.has(caseId)));
  return { unread: Object.values(visible).reduce((sum, count) => sum + count, 0), unreadByCase: visible };
}

/**
 * A user's own notifications and e-mail settings (docs/contract.md): every
 * call reads and changes only the caller's, so there is nothing to refuse
 * beyond a bad body; another user's ids simply match nothing.
 */
export async function listNotifications(deps: Deps, principal: Principal, query: NotificationListQuery): Promise<NotificationList> {
  const userId = principal.user.id;
  const page = await deps.notifications.list(userId, { unreadOnly: query.unread, limit: query.limit, ...(query.before ? { before: query.before } : {}) });
  const open = await casesOpenTo(deps, userId);
  const counts = await visibleCounts(deps, userId, open);
  const notifications = page.notifications.filter((notification) => open.has(notification.caseId)).map(notificationView);
  return { notifications, ...counts, nextCursor: page.nextCursor };
}

export async function markNotificationsRead(deps: Deps, principal: Principal, input: MarkReadInput): Promise<UnreadCounts> {
  await deps.notifications.markRead(principal.user.id, input, deps.now().toISOString());
  return visibleCounts(deps, principal.user.id, await casesOpenTo(deps, principal.user.id));
}

export async function readNotificationSettings(deps: Deps, principal: Principal): Promise<NotificationSettings> {
  const stored = (await deps.notifications.getSettings(principal.user.id)) ?? DEFAULT_NOTIFICATION_SETTINGS;
  return { ...stored, emailAvailable: deps.notificationDelivery.emailAvailable };
}

export async function writeNotificationSettings(deps: Deps, principal: Principal, input: NotificationSettingsInput): Promise<NotificationSettings> {
  await deps.notifications.putSettings(principal.user.id, input);
  return readNotificationSettings(deps, principal);
}

import { Router, type RequestHandler } from 'express';
import { MarkReadInput, NotificationListQuery, NotificationSettingsInput } from '../../../shared/notifications.ts';
import type { CommandDeps } from '../../commands/deps.ts';
import {
  listNotifications,
  markNotificationsRead,
  readNotificationSettings,
  writeNotificationSettings,
} from '../../commands/notifications/notificationCommands.ts';
import { principalOf } from '../middleware/auth.ts';
import { parseBody } from '../middleware/validate.ts';
import { routeHelpers } from './command.ts';

/** The logged-in user's notifications and e-mail settings (docs/contract.md#notifications). */
export function notificationRoutes(deps: CommandDeps, auth: RequestHandler): Router {
  const router = Router();
  const { command, action } = routeHelpers(deps);
  // The query is parsed as a body would be: a bad limit or cursor is a 400 naming it.
  const listQuery = (req: Parameters<RequestHandler>[0]) => ({ principal: principalOf(req), query: parseBody(NotificationListQuery, req.query) });

  router.get(
    '/api/notifications',
    auth,
    action(listQuery, (d, at) => listNotifications(d, at.principal, at.query)),
  );
  router.post('/api/notifications/read', auth, command(MarkReadInput, principalOf, markNotificationsRead));
  router.get('/api/notification-settings', auth, action(principalOf, readNotificationSettings));
  router.put('/api/notification-settings', auth, command(NotificationSettingsInput, principalOf, writeNotificationSettings));
  return router;
}

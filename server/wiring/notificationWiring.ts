import type { Server } from 'node:http';
import { publicOriginOf } from '../http/publicOrigin.ts';
import { smtpMailer } from '../notifications/mailer.ts';
import { NotificationMail } from '../notifications/NotificationMail.ts';
import type { NotificationStore } from '../store/ports.ts';
import type { Core } from './core.ts';

/** Notification e-mail: off without SMTP_URL; its links go to PUBLIC_URL (or this machine's port). */
export function createNotificationMail(core: Core, store: NotificationStore, server: Server, now: () => Date): NotificationMail {
  const { config } = core;
  const origin = publicOriginOf(config.PUBLIC_URL, server);
  return new NotificationMail({
    store,
    mailer: config.SMTP_URL ? smtpMailer(config.SMTP_URL, config.MAIL_FROM) : null,
    link: () => `${origin()}/notifications`,
    log: core.log.child({ cat: 'notifications' }),
    metrics: core.metrics,
    now,
  });
}

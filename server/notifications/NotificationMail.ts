import type { Logger } from 'pino';
import { DEFAULT_NOTIFICATION_SETTINGS, DIGEST_TIME_ZONE, type EmailMode } from '../../shared/notifications.ts';
import type { Metrics } from '../metrics.ts';
import type { DigestSubscriber, NewNotification, NotificationStore, StoredNotificationSettings } from '../store/ports.ts';
import type { Mailer, MailMessage } from './mailer.ts';
import { digestMail, immediateMail } from './mailText.ts';

export interface NotificationMailDeps {
  store: NotificationStore;
  /** Null: SMTP_URL is unset, and no e-mail is sent. */
  mailer: Mailer | null;
  /** The workspace's notifications page (`${PUBLIC_URL}/notifications`), the only link a mail carries. */
  link: () => string;
  log: Logger;
  metrics: Pick<Metrics, 'notificationMails'>;
  now: () => Date;
}

/** How often the digest job looks for users whose hour has come. */
const DIGEST_CHECK_INTERVAL_MS = 60_000;

const localTime = new Intl.DateTimeFormat('en-CA', {
  timeZone: DIGEST_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  hourCycle: 'h23',
});

/** The day (YYYY-MM-DD) and hour (0–23) of a moment in Europe/Amsterdam. */
export function amsterdamDayAndHour(date: Date): { day: string; hour: number } {
  const part = (type: string) => localTime.formatToParts(date).find((p) => p.type === type)!.value;
  return { day: `${part('year')}-${part('month')}-${part('day')}`, hour: Number(part('hour')) };
}

/** Whether the subscriber's digest is due at `now`: their hour today (Amsterdam time), and none sent yet today. */
export function digestDue(subscriber: DigestSubscriber, now: Date): boolean {
  const { day, hour } = amsterdamDayAndHour(now);
  if (subscriber.settings.email === null || hour !== subscriber.settings.digestHour) return false;
  return subscriber.lastDigestAt === null || amsterdamDayAndHour(new Date(subscriber.lastDigestAt)).day !== day;
}

/**
 * Notification e-mail (docs/domain.md#notifications): one mail per
 * notification for users who chose 'immediate', sent after the commit and
 * never failing the command; a daily digest at each user's hour for those who
 * chose 'digest', claimed in the store first so that a restart or a second
 * node never sends it twice. A failure is logged without content and counted.
 */
export class NotificationMail {
  private timer: NodeJS.Timeout | null = null;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly deps: NotificationMailDeps) {}

  get available(): boolean {
    return this.deps.mailer !== null;
  }

  /** Starts the mails of committed notifications; returns at once (the command does not wait). */
  afterCommit(notifications: readonly NewNotification[]): void {
    if (!this.deps.mailer || notifications.length === 0) return;
    const sending = this.sendImmediate(notifications).finally(() => this.inFlight.delete(sending));
    this.inFlight.add(sending);
  }

  /** Resolves when every mail started so far has been sent or has failed. */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.all(this.inFlight);
  }

  start(intervalMs = DIGEST_CHECK_INTERVAL_MS): void {
    if (!this.deps.mailer) return;
    this.timer = setInterval(() => void this.sendDigests(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.settled();
    this.deps.mailer?.close();
  }

  /** Sends every digest due now; resolves with how many went out. Never rejects. */
  async sendDigests(): Promise<number> {
    if (!this.deps.mailer) return 0;
    const now = this.deps.now();
    let sent = 0;
    try {
      for (const subscriber of await this.deps.store.digestSubscribers()) {
        if (digestDue(subscriber, now) && (await this.sendDigest(subscriber, now))) sent++;
      }
    } catch (error) {
      this.failed('digest', error);
    }
    return sent;
  }

  private async sendDigest({ userId, settings, lastDigestAt }: DigestSubscriber, now: Date): Promise<boolean> {
    // Claimed before it is sent: of two nodes (or a restarted one) only the claimant sends, and only once today.
    if (!(await this.deps.store.claimDigest(userId, lastDigestAt, now.toISOString()))) return false;
    const kinds = await this.deps.store.unreadKindsSince(userId, lastDigestAt);
    if (Object.keys(kinds).length === 0) return false;
    return this.send('digest', settings, digestMail(kinds, settings.language, this.deps.link()));
  }

  private async sendImmediate(notifications: readonly NewNotification[]): Promise<void> {
    for (const notification of notifications) {
      try {
        const settings = (await this.deps.store.getSettings(notification.userId)) ?? DEFAULT_NOTIFICATION_SETTINGS;
        if (settings.mode !== 'immediate' || settings.email === null) continue;
        await this.send('immediate', settings, immediateMail(notification.kind, settings.language, this.deps.link()));
      } catch (error) {
        this.failed('immediate', error);
      }
    }
  }

  private async send(mode: Exclude<EmailMode, 'never'>, settings: StoredNotificationSettings, mail: Omit<MailMessage, 'to'>): Promise<boolean> {
    try {
      await this.deps.mailer!.send({ to: settings.email!, ...mail });
      this.deps.metrics.notificationMails.inc({ mode, outcome: 'sent' });
      return true;
    } catch (error) {
      this.failed(mode, error);
      return false;
    }
  }

  /** Logged by its code only: an SMTP error's message may repeat the address. */
  private failed(mode: Exclude<EmailMode, 'never'>, error: unknown): void {
    this.deps.metrics.notificationMails.inc({ mode, outcome: 'failed' });
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'unknown';
    this.deps.log.warn({ cat: 'notifications', mode, code }, 'a notification e-mail could not be sent');
  }
}

import type { Logger } from 'pino';
import type { SessionReminder } from '../../shared/realtime.ts';
import { loadWorkflow } from '../workflow/loadWorkflow.ts';
import { isCaseIntegrityError } from '../errors.ts';
import type { RealtimePublisher } from '../realtime/RealtimePublisher.ts';
import type { RecordStore, TemplateStore, WorkflowStore } from '../store/ports.ts';

export interface ReminderDeps {
  records: RecordStore;
  workflow: WorkflowStore;
  templates: TemplateStore;
  realtime: RealtimePublisher;
  log: Logger;
  /** How long before the start a reminder goes out. */
  minutesBefore: number;
  now: () => Date;
}

/** How often due reminders are looked for. */
const CHECK_INTERVAL_MS = 30_000;

/**
 * Reminds the physicians who are online that a session of theirs starts
 * soon. Each node reminds the users whose sockets it holds, once per session
 * and schedule (a rescheduled session is reminded again).
 */
export class SessionReminders {
  private readonly sent = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: ReminderDeps) {}

  start(intervalMs = CHECK_INTERVAL_MS): void {
    this.timer = setInterval(
      () => void this.sendDue().catch((error: unknown) => this.deps.log.warn({ cat: 'sessions', err: error }, 'reminders failed')),
      intervalMs,
    );
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Sends every reminder that is due now; resolves with how many went out. */
  async sendDue(): Promise<number> {
    const now = this.deps.now().getTime();
    const windowMs = this.deps.minutesBefore * 60_000;
    let sent = 0;
    for (const userId of await this.deps.realtime.localUsers()) {
      for (const record of await this.deps.records.listCasesOfUser(userId)) {
        // A case refused for its integrity sends no reminders; the user's other cases still do.
        const state = await loadWorkflow(this.deps, record).then(
          (loaded) => loaded.state,
          (error: unknown) => {
            if (isCaseIntegrityError(error)) return null;
            throw error;
          },
        );
        for (const session of state?.sessions ?? []) {
          const start = Date.parse(session.scheduledAt);
          const key = `${userId}:${session.id}:${session.scheduledAt}`;
          if (session.status !== 'scheduled' || start <= now || start - windowMs > now || this.sent.has(key)) continue;
          const reminder: SessionReminder = {
            caseId: record.id,
            sessionId: session.id,
            scheduledAt: session.scheduledAt,
            employeePseudonym: record.employeePseudonym,
            minutesBefore: Math.max(0, Math.round((start - now) / 60_000)),
          };
          this.deps.realtime.remindLocal(userId, reminder);
          this.sent.set(key, start);
          sent++;
        }
      }
    }
    for (const [key, start] of this.sent) if (start < now) this.sent.delete(key);
    return sent;
  }
}

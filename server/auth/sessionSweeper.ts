import type { Logger } from 'pino';
import { auditTimeout, closeSessionConnections } from '../commands/loginSessions.ts';
import type { CommandDeps } from '../commands/deps.ts';

/** Most lapsed sessions one sweep ends; the next sweep takes the rest. */
export const SESSION_SWEEP_BATCH = 200;

/** The sweep runs at a quarter of the idle timeout, within these bounds. */
const MIN_SWEEP_MS = 250;
const MAX_SWEEP_MS = 30_000;

type Deps = Pick<CommandDeps, 'sessions' | 'records' | 'audit' | 'connections' | 'realtime'> & { log: Logger };

/**
 * Ends the sessions over by time: past their idle timeout or their absolute
 * maximum. Each is ended once (on any node: the store's end is a
 * compare-and-set), audited, and its open connections are closed; then the
 * sessions past their maximum are forgotten.
 */
export class SessionSweeper {
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: Deps) {}

  /** The interval for the configured idle timeout and maximum. */
  intervalMs(): number {
    const { idleMs, maxMs } = this.deps.sessions.policy;
    return Math.min(MAX_SWEEP_MS, Math.max(MIN_SWEEP_MS, Math.floor(Math.min(idleMs, maxMs) / 4)));
  }

  start(): void {
    this.stop();
    this.timer = setInterval(() => {
      this.sweepNow().catch((error: unknown) => this.deps.log.warn({ cat: 'sessions', err: error }, 'session sweep failed'));
    }, this.intervalMs());
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Ends the lapsed sessions now; resolves with how many this call ended. */
  async sweepNow(): Promise<number> {
    const { sessions } = this.deps;
    const now = sessions.now();
    let ended = 0;
    for (const session of await sessions.store.lapsed(now - sessions.policy.idleMs, now, SESSION_SWEEP_BATCH)) {
      const reason = session.expiresAt <= now ? 'absolute-maximum' : 'idle-timeout';
      if (!(await sessions.store.end(session.id, reason, now))) continue;
      ended++;
      await closeSessionConnections(this.deps, session.id, 'session ended');
      const user = await this.deps.records.findUserById(session.userId);
      await auditTimeout(
        this.deps,
        {
          userId: session.userId,
          username: user?.username ?? null,
          role: user?.role ?? null,
          organisationId: user?.organisationId ?? null,
          ip: null,
          userAgent: null,
        },
        reason,
      );
    }
    // Ended sessions past their maximum are of no further use (their refresh tokens are refused as unknown).
    await sessions.store.purge(now - sessions.policy.idleMs);
    return ended;
  }
}

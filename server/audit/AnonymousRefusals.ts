import type { AuditActor, AuditEvent } from './Audit.ts';

export const ANONYMOUS_REFUSALS = {
  /** Repeats of one refusal are summed over this long, then written as one row. */
  windowMs: 60_000,
  /** Distinct refusals buffered per window; further ones are summed into one `anonymous-refusals` row. */
  maxKeys: 100,
} as const;

/** What one summary row is about: everything of the refusal but the time and the user agent. */
interface Bucket {
  actor: AuditActor;
  event: AuditEvent;
  /** Refusals after the first, which was written at once. */
  repeats: number;
  lastAt: number;
}

export type WriteRow = (actor: AuditActor, event: AuditEvent) => Promise<void>;

/**
 * Anonymous refusals (no valid session: a 401, a collaboration socket without
 * a token, a login turned away before its password was checked) cost an
 * attacker nothing, so they must not cost the append-only audit log a row
 * each (docs/security.md). The first refusal of a kind — same address, account tried,
 * action, object, case and reason — in a window is written at once, as
 * before; its repeats in that window are counted and written as one row when
 * the window closes (or on `flush`, at shutdown), its detail carrying how many
 * (`…; repeats=N; until=<time>`). At most `maxKeys` kinds are buffered per
 * window; refusals beyond them are summed into a single overflow row. So a
 * window writes at most 2·maxKeys + 1 rows, however many requests arrive.
 *
 * Refusals of an authenticated principal never come here: each is audited on its own.
 */
export class AnonymousRefusals {
  private buckets = new Map<string, Bucket>();
  private overflow: { count: number; firstAt: number; lastAt: number } | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly write: WriteRow,
    private readonly onFlushError: (error: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves when the refusal is written (the first of its kind) or counted (a repeat). */
  note(actor: AuditActor, event: AuditEvent): Promise<void> {
    const key = JSON.stringify([actor.ip, actor.username, event.action, event.outcome, event.object, event.caseId ?? null, event.detail ?? null]);
    const now = this.now();
    this.startWindow();
    const bucket = this.buckets.get(key);
    if (bucket) {
      bucket.repeats += 1;
      bucket.lastAt = now;
      return Promise.resolve();
    }
    if (this.buckets.size >= ANONYMOUS_REFUSALS.maxKeys) {
      this.overflow ??= { count: 0, firstAt: now, lastAt: now };
      this.overflow.count += 1;
      this.overflow.lastAt = now;
      return Promise.resolve();
    }
    this.buckets.set(key, { actor, event, repeats: 0, lastAt: now });
    return this.write(actor, event);
  }

  /** Writes the summaries of the window so far and starts a new one. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const buckets = [...this.buckets.values()].filter((bucket) => bucket.repeats > 0);
    const overflow = this.overflow;
    this.buckets = new Map();
    this.overflow = null;
    const rows: Promise<void>[] = buckets.map(({ actor, event, repeats, lastAt }) =>
      this.write(actor, { ...event, detail: `${event.detail ?? 'refused'}; repeats=${repeats}; until=${new Date(lastAt).toISOString()}` }),
    );
    if (overflow) {
      rows.push(
        this.write(
          { userId: null, username: null, role: null, ip: null, userAgent: null },
          {
            action: 'denied',
            outcome: 'denied',
            object: 'anonymous-refusals',
            detail: `more kinds than ${ANONYMOUS_REFUSALS.maxKeys} in a window; count=${overflow.count}; from=${new Date(overflow.firstAt).toISOString()}; until=${new Date(overflow.lastAt).toISOString()}`,
          },
        ),
      );
    }
    const results = await Promise.allSettled(rows);
    for (const result of results) if (result.status === 'rejected') this.onFlushError(result.reason);
  }

  private startWindow(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), ANONYMOUS_REFUSALS.windowMs);
    this.timer.unref();
  }
}

import { afterEach, describe, expect, it, vi } from 'vitest';
import { PASSWORD_PROBLEMS, passwordProblem } from '../../shared/passwordRule.ts';
import { CreateUserInput } from '../../shared/schemas.ts';
import { ANONYMOUS_REFUSALS, AnonymousRefusals } from '../../server/audit/AnonymousRefusals.ts';
import type { AuditActor, AuditEvent } from '../../server/audit/Audit.ts';
import { BoundedWork } from '../../server/auth/passwords.ts';

/** A task that finishes when the test says so. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const started = vi.fn();
  return { task: async () => (started(), await opened, 'done'), open, started };
}

const flushPromises = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('BoundedWork (the queue in front of scrypt)', () => {
  const limits = { concurrency: 2, perOwner: 1, maxQueued: 3, maxQueueWaitMs: 60_000, initialTaskMs: 100 };

  it('runs at most `concurrency` tasks, one per owner, and refuses at once when the queue is full', async () => {
    const work = new BoundedWork(limits);
    const gates = Array.from({ length: 6 }, gate);
    const results = gates.slice(0, 5).map((g, i) => work.tryRun(g.task, `owner${i}`));
    await flushPromises();
    expect(gates.map((g) => g.started.mock.calls.length)).toEqual([1, 1, 0, 0, 0, 0]);
    // Two running, three waiting: the next one of a new owner with as little work as the others is refused.
    expect(await work.tryRun(gates[5]!.task, 'owner5')).toBeNull();
    expect(gates[5]!.started).not.toHaveBeenCalled();

    gates[0]!.open();
    await flushPromises();
    expect(gates[2]!.started).toHaveBeenCalled();
    for (const g of gates) g.open();
    expect(await Promise.all(results)).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(work.load).toBe(0);
  });

  it("one owner's burst leaves a slot to others; with both busy, a newcomer takes the place of the burst's newest waiting task", async () => {
    const work = new BoundedWork(limits);
    const burst = Array.from({ length: 4 }, gate);
    const burstResults = burst.map((g) => work.tryRun(g.task, 'attacker'));
    await flushPromises();
    // One running (one per owner), three waiting: the queue is full.
    expect(burst.map((g) => g.started.mock.calls.length)).toEqual([1, 0, 0, 0]);

    const other = gate();
    const otherResult = work.tryRun(other.task, 'colleague');
    expect(other.started).toHaveBeenCalled();

    const mine = gate();
    const myResult = work.tryRun(mine.task, 'owner');
    expect(await burstResults[3]).toBeNull();
    expect(mine.started).not.toHaveBeenCalled();
    // The next free slot is the owner's, not the burst's (whose address already has one running).
    other.open();
    await flushPromises();
    expect(mine.started).toHaveBeenCalled();
    expect(burst[1]!.started).not.toHaveBeenCalled();

    for (const g of [mine, ...burst]) g.open();
    expect(await Promise.all([otherResult, myResult, ...burstResults.slice(0, 3)])).toEqual(['done', 'done', 'done', 'done', 'done']);
  });

  it('never refuses `run` (hashing), and never evicts it', async () => {
    const work = new BoundedWork({ ...limits, maxQueued: 1 });
    const gates = Array.from({ length: 4 }, gate);
    const runs = gates.map((g) => work.run(g.task, 'admin'));
    expect(await work.tryRun(async () => 'x', 'someone')).toBe('x');
    for (const g of gates) g.open();
    expect(await Promise.all(runs)).toEqual(['done', 'done', 'done', 'done']);
  });

  it('bounds the queue by the expected wait, beyond one round', async () => {
    const work = new BoundedWork({ ...limits, perOwner: 2, maxQueued: 100, maxQueueWaitMs: 250, initialTaskMs: 100 });
    const gates = Array.from({ length: 10 }, gate);
    const results = gates.map((g, i) => work.tryRun(g.task, `owner${i}`));
    // 2 running; waiting positions 1–2 always, 3–4 start within 2 × 100 ms ≤ 250 ms, 5 would not.
    for (const g of gates) g.open();
    const done = await Promise.all(results);
    expect(done.filter((result) => result === 'done')).toHaveLength(6);
    expect(done.filter((result) => result === null)).toHaveLength(4);
  });
});

describe('AnonymousRefusals', () => {
  afterEach(() => vi.useRealTimers());
  const anonymous = (ip: string): AuditActor => ({ userId: null, username: null, role: null, ip, userAgent: 'curl' });
  const refusal = (object: string): AuditEvent => ({ action: 'denied', outcome: 'denied', object, detail: 'unauthenticated' });

  it('writes the first of a kind at once, sums its repeats into one row when the window closes, and caps the kinds', async () => {
    vi.useFakeTimers();
    const rows: { actor: AuditActor; event: AuditEvent }[] = [];
    const refusals = new AnonymousRefusals(
      async (actor, event) => void rows.push({ actor, event }),
      () => undefined,
    );
    for (let i = 0; i < 1000; i++) await refusals.note(anonymous('10.0.0.1'), refusal('GET /api/me'));
    await refusals.note(anonymous('10.0.0.2'), refusal('GET /api/me'));
    expect(rows.map((row) => [row.actor.ip, row.event.detail])).toEqual([
      ['10.0.0.1', 'unauthenticated'],
      ['10.0.0.2', 'unauthenticated'],
    ]);

    await vi.advanceTimersByTimeAsync(ANONYMOUS_REFUSALS.windowMs);
    expect(rows).toHaveLength(3);
    expect(rows[2]!.event.detail).toMatch(/^unauthenticated; repeats=999; until=/);
    expect(rows[2]!.actor.ip).toBe('10.0.0.1');

    // A new window: more kinds than the cap are summed into one overflow row.
    rows.length = 0;
    for (let i = 0; i < ANONYMOUS_REFUSALS.maxKeys + 50; i++) await refusals.note(anonymous(`10.1.${i >> 8}.${i & 255}`), refusal('GET /api/me'));
    expect(rows).toHaveLength(ANONYMOUS_REFUSALS.maxKeys);
    await refusals.flush();
    expect(rows).toHaveLength(ANONYMOUS_REFUSALS.maxKeys + 1);
    expect(rows.at(-1)!.event).toMatchObject({ object: 'anonymous-refusals', detail: expect.stringContaining('count=50') });
  });
});

describe('the password rule for new accounts', () => {
  it.each([
    ['welkom2024!', PASSWORD_PROBLEMS.common],
    ['wachtwoord', PASSWORD_PROBLEMS.common],
    ['Welkom01!!', PASSWORD_PROBLEMS.common],
    ['P@ssw0rd123', PASSWORD_PROBLEMS.common],
    ['Password1234', PASSWORD_PROBLEMS.common],
    ['1q2w3e4r5t', PASSWORD_PROBLEMS.common],
    ['sunshine2025', PASSWORD_PROBLEMS.common],
    ['aaaaaaaaaa', PASSWORD_PROBLEMS.repetitive],
    ['aaaaaaaaaaaaaXy1', PASSWORD_PROBLEMS.repetitive],
    ['abcabcabcabc', PASSWORD_PROBLEMS.repetitive],
    ['Xy12Xy12Xy12', PASSWORD_PROBLEMS.repetitive],
    // Common and a sequence: the list is asked first.
    ['1234567890', PASSWORD_PROBLEMS.common],
    ['qwertyuiop12', PASSWORD_PROBLEMS.common],
    ['3456789012', PASSWORD_PROBLEMS.sequence],
    ['9876543210', PASSWORD_PROBLEMS.sequence],
    ['abcdefghijkl', PASSWORD_PROBLEMS.sequence],
    ['zxcvbnmasd', PASSWORD_PROBLEMS.sequence],
    ['azertyuiop!', PASSWORD_PROBLEMS.common],
    ['ba.jansen-2024!', PASSWORD_PROBLEMS.username],
    ['jansen-op-kantoor', PASSWORD_PROBLEMS.username],
  ])('refuses %s: %s', (password, problem) => {
    expect(passwordProblem(password, 'ba.jansen')).toBe(problem);
  });

  it.each(['een-lang-wachtwoord', 'lang-genoeg-wachtwoord', 'correct horse battery staple', 'Tulpen&Molens-1987', 'x7#Kp2!vLq9m'])('accepts %s', (password) => {
    expect(passwordProblem(password, 'ba.jansen')).toBeNull();
  });

  it('is part of CreateUserInput, with a message naming the rule, on the password field', () => {
    const input = { username: 'ba.jansen', name: 'J. Jansen', role: 'bedrijfsarts' };
    const common = CreateUserInput.safeParse({ ...input, password: 'welkom2024!' });
    expect(common.success).toBe(false);
    expect(common.error!.issues[0]).toMatchObject({ path: ['password'], message: 'too common' });
    expect(CreateUserInput.safeParse({ ...input, password: 'kort' }).error!.issues[0]).toMatchObject({ path: ['password'], message: 'at least 10 characters' });
    expect(CreateUserInput.safeParse({ ...input, password: 'een-lang-wachtwoord' }).success).toBe(true);
  });
});

import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt parameters (OWASP minimum: N=2^17, r=8, p=1); stored with each hash so they can rise later. */
const PARAMS = { N: 2 ** 17, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const MAX_MEMORY = 256 * 1024 * 1024;

/**
 * How much scrypt work the process takes on (docs/security.md). Each derivation holds
 * one of libuv's threads (4 by default, shared with file and DNS work) and
 * 128 MiB for a few hundred milliseconds, and libuv's queue in front of them
 * is unbounded: 300 logins at once made the 301st wait for all of them. So
 * derivations run behind a queue of our own (BoundedWork), bounded in length
 * and fair between client addresses; a login that finds no room is refused at
 * once (503 `login_busy`, Retry-After) without touching scrypt.
 */
export const PASSWORD_WORK = {
  /** Derivations running at once: half of libuv's default threadpool, leaving the rest to file and DNS work. */
  concurrentDerivations: 2,
  /**
   * Derivations running at once for one client address. Below
   * `concurrentDerivations`, so that one address's burst always leaves a
   * slot to the next address that logs in.
   */
  derivationsPerClient: 1,
  /** Logins waiting for a derivation, at most. */
  maxQueued: 32,
  /**
   * And beyond one round (`concurrentDerivations` waiting), only as many as
   * are expected to start within this long, from the measured time of a
   * derivation (0.1 s on a fast server, 0.7 s or more on a slow shared one):
   * the queue's bound follows the machine, so that a login let in waits a
   * few seconds at most.
   */
  maxQueueWaitMs: 2_500,
  /** The assumed time of a derivation until one has been measured. */
  initialDerivationMs: 250,
} as const;

interface Waiting {
  owner: string;
  /** A waiting login may lose its place to a fairer claim; a waiting hash may not. */
  evictable: boolean;
  start(go: boolean): void;
}

/**
 * Runs at most `concurrency` tasks at once, and at most `perOwner` of one
 * owner (a client address); the others wait in order, up to a bound. When
 * the queue is full, a newcomer whose owner has less work here than the
 * busiest owner takes the place of that owner's newest waiting task, which
 * is refused instead. So one address's burst neither delays nor crowds out
 * another address's login; a burst spread evenly over many addresses meets a
 * plain queue, whose bound refuses the excess at once.
 */
export class BoundedWork {
  private running = 0;
  private readonly runningByOwner = new Map<string, number>();
  /** Tasks running or waiting, per owner. */
  private readonly loadByOwner = new Map<string, number>();
  private readonly waiting: Waiting[] = [];
  /** Moving average of a task's duration. */
  private averageMs: number;

  constructor(private readonly limits: { concurrency: number; perOwner: number; maxQueued: number; maxQueueWaitMs: number; initialTaskMs: number }) {
    this.averageMs = limits.initialTaskMs;
  }

  /** Tasks running or waiting. */
  get load(): number {
    return this.running + this.waiting.length;
  }

  /** Seconds until the queue has drained, rounded up: the Retry-After of a refusal. */
  get drainSeconds(): number {
    return Math.max(1, Math.ceil((Math.ceil(this.load / this.limits.concurrency) * this.averageMs) / 1000));
  }

  /** Runs `task` when its turn comes, however long that takes (hashing a new password, seeding); never refused. */
  async run<T>(task: () => Promise<T>, owner = ''): Promise<T> {
    return (await this.schedule(task, owner, false))!.value;
  }

  /**
   * Runs `task`, or resolves to null without running it: at once when there
   * is no room, or later when a fairer claim takes its place in the queue.
   */
  async tryRun<T>(task: () => Promise<T>, owner = ''): Promise<T | null> {
    if (!this.canStart(owner) && !this.hasRoom() && !this.evictFor(owner)) return null;
    return (await this.schedule(task, owner, true))?.value ?? null;
  }

  private canStart(owner: string): boolean {
    return this.running < this.limits.concurrency && (this.runningByOwner.get(owner) ?? 0) < this.limits.perOwner;
  }

  /** Room for one more waiting task: one round always, more while they are expected to start soon enough. */
  private hasRoom(): boolean {
    const position = this.waiting.length + 1;
    if (position > this.limits.maxQueued) return false;
    return position <= this.limits.concurrency || Math.ceil(position / this.limits.concurrency) * this.averageMs <= this.limits.maxQueueWaitMs;
  }

  /** Refuses the newest evictable waiting task of the busiest owner, if `owner` has less work here. */
  private evictFor(owner: string): boolean {
    let victim = -1;
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      const entry = this.waiting[i]!;
      if (!entry.evictable || entry.owner === owner) continue;
      if (victim === -1 || this.loadOf(entry.owner) > this.loadOf(this.waiting[victim]!.owner)) victim = i;
    }
    if (victim === -1 || this.loadOf(this.waiting[victim]!.owner) <= this.loadOf(owner) + 1) return false;
    const [entry] = this.waiting.splice(victim, 1);
    count(this.loadByOwner, entry!.owner, -1);
    entry!.start(false);
    return true;
  }

  private async schedule<T>(task: () => Promise<T>, owner: string, evictable: boolean): Promise<{ value: T } | null> {
    count(this.loadByOwner, owner, 1);
    if (this.canStart(owner)) this.claim(owner);
    else {
      // A waiting task's slot is claimed for it by startWaiting, so that nothing can take it in between.
      const go = await new Promise<boolean>((start) => this.waiting.push({ owner, evictable, start }));
      if (!go) return null;
    }
    const started = performance.now();
    try {
      return { value: await task() };
    } finally {
      this.averageMs = 0.8 * this.averageMs + 0.2 * (performance.now() - started);
      this.running -= 1;
      count(this.runningByOwner, owner, -1);
      count(this.loadByOwner, owner, -1);
      this.startWaiting();
    }
  }

  /** Starts the longest-waiting tasks that may start, while slots are free. */
  private startWaiting(): void {
    for (let i = 0; i < this.waiting.length && this.running < this.limits.concurrency;) {
      const entry = this.waiting[i]!;
      if (!this.canStart(entry.owner)) {
        i += 1;
        continue;
      }
      this.waiting.splice(i, 1);
      this.claim(entry.owner);
      entry.start(true);
    }
  }

  private claim(owner: string): void {
    this.running += 1;
    count(this.runningByOwner, owner, 1);
  }

  private loadOf(owner: string): number {
    return this.loadByOwner.get(owner) ?? 0;
  }
}

function count(map: Map<string, number>, owner: string, delta: number): void {
  const value = (map.get(owner) ?? 0) + delta;
  if (value > 0) map.set(owner, value);
  else map.delete(owner);
}

/** Every scrypt derivation of this process goes through here. */
export const passwordWork = new BoundedWork({
  concurrency: PASSWORD_WORK.concurrentDerivations,
  perOwner: PASSWORD_WORK.derivationsPerClient,
  maxQueued: PASSWORD_WORK.maxQueued,
  maxQueueWaitMs: PASSWORD_WORK.maxQueueWaitMs,
  initialTaskMs: PASSWORD_WORK.initialDerivationMs,
});

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: MAX_MEMORY };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** Returns `scrypt$N$r$p$salt$hash` (base64). Waits for a free derivation slot, however long. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await passwordWork.run(() => derive(password, salt, PARAMS));
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Checks a password, waiting for a free derivation slot however long. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  return (await checkPassword(password, stored, (task) => passwordWork.run(task))) ?? false;
}

/**
 * Checks a password, or resolves to null without running scrypt when the
 * derivation queue has no room for it: the login is refused as busy. `client`
 * (the address) shares the derivations fairly between clients.
 */
export function tryVerifyPassword(password: string, stored: string, client: string): Promise<boolean | null> {
  return checkPassword(password, stored, (task) => passwordWork.tryRun(task, client));
}

async function checkPassword(password: string, stored: string, schedule: (task: () => Promise<Buffer>) => Promise<Buffer | null>): Promise<boolean | null> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await schedule(() => derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) }));
  if (!key) return null;
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * A hash of a random password, checked against when the username is unknown,
 * so that a login for a missing account takes as long as one for a real one.
 */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

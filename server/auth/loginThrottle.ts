import { randomUUID } from 'node:crypto';

/**
 * Slows down password guessing (issues 2 and 11). An attempt is counted
 * *before* its password is checked: `begin` reserves it (or says how long to
 * wait), and the verdict then keeps it counted (`fail`), clears it
 * (`succeed`), or takes it back when no password was checked (`release`). So
 * guesses sent in parallel are counted like guesses sent one by one, and no
 * more than a few attempts per account and per address are ever in flight.
 *
 * What is counted, and why (a lockout must not become a denial of service for the owner):
 *
 * - failures per (account, address): the guesser's own slow-down. After
 *   `freePairFailures` each further attempt from that address on that account
 *   waits, doubling up to `maxDelaySeconds`;
 * - failures per address, across accounts (`freeIpFailures`, more, since an
 *   office may share one address): slows one address spraying many accounts;
 * - failures per account from every address (`freeAccountFailures`): bounds a
 *   guesser spread over many addresses. This counter waits the full doubling
 *   only for addresses that already failed on the account; an address without
 *   failures there (the owner, at home or at the office) waits at most
 *   `cleanAddressMaxDelaySeconds`, so someone else's guesses cannot lock the
 *   owner out for 15 minutes. The price: a guesser with many fresh addresses
 *   gets roughly one guess per account every few seconds, not one per 15 minutes.
 *
 * Async so that the Redis version can share it across nodes.
 */
export interface LoginThrottle {
  /** Reserves an attempt on these keys, or says how many seconds to wait first. */
  begin(keys: ThrottleKeys): Promise<ThrottleDecision>;
  /** The password was wrong (or the user unknown): the attempt stays counted. */
  fail(ticket: ThrottleTicket): Promise<void>;
  /** The password was right: the account's failures (from this address and overall) are forgiven. */
  succeed(ticket: ThrottleTicket): Promise<void>;
  /** No password was checked (the server was busy, or the store failed): the attempt is taken back. */
  release(ticket: ThrottleTicket): Promise<void>;
}

export interface ThrottleKeys {
  account: string;
  ip: string;
}

/** An attempt in flight, from `begin` to its verdict. */
export interface ThrottleTicket {
  readonly id: string;
  /** Normalized: the account lower-cased. */
  readonly keys: ThrottleKeys;
}

export type ThrottleDecision =
  | { ticket: ThrottleTicket }
  /** `failures`: earlier failures ask for a wait; `in-flight`: too many attempts are being checked right now. */
  | { wait: number; reason: 'failures' | 'in-flight' };

export const THROTTLE = {
  /** Failures per (account, address) allowed before waits begin. */
  freePairFailures: 5,
  /** Failures per address, across accounts, allowed before waits begin (an office may share one address). */
  freeIpFailures: 20,
  /** Failures per account, from every address, allowed before waits begin. */
  freeAccountFailures: 10,
  /** The longest wait the account-wide counter imposes on an address without failures on that account. */
  cleanAddressMaxDelaySeconds: 3,
  /** First wait, doubled with every further failure. */
  baseDelaySeconds: 1,
  maxDelaySeconds: 15 * 60,
  /** Failures older than this are forgotten. */
  windowSeconds: 60 * 60,
  /** Attempts being checked at once for one account; more are refused at once (429). */
  maxInFlightPerAccount: 2,
  /** Attempts being checked at once from one address. */
  maxInFlightPerIp: 4,
  /** Retry-After when refused for attempts in flight. */
  inFlightRetrySeconds: 1,
  /** A ticket without a verdict after this long (its node died) no longer counts as in flight. */
  inFlightTtlSeconds: 60,
} as const;

export function delayAfter(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(THROTTLE.baseDelaySeconds * 2 ** (failures - free), THROTTLE.maxDelaySeconds);
}

/** The keys as every adapter stores them: accounts are case-insensitive. */
export function normalizeKeys(keys: ThrottleKeys): ThrottleKeys {
  return { account: keys.account.toLowerCase(), ip: keys.ip };
}

export function newTicket(keys: ThrottleKeys): ThrottleTicket {
  return { id: randomUUID(), keys: normalizeKeys(keys) };
}

interface Failures {
  count: number;
  lastAt: number;
}

/** One process's throttle (STORE=sqlite or memory); RedisLoginThrottle keeps the same rules across nodes. */
export class MemoryLoginThrottle implements LoginThrottle {
  private readonly failures = new Map<string, Failures>();
  /** Per account or address key: ticket id -> expiry. */
  private readonly inFlight = new Map<string, Map<string, number>>();
  private lastPrune = 0;

  constructor(private readonly now: () => number = () => Date.now() / 1000) {}

  async begin(raw: ThrottleKeys): Promise<ThrottleDecision> {
    const now = this.now();
    this.prune(now);
    const keys = normalizeKeys(raw);
    const [pair, ip, account] = failureKeys(keys);
    const clean = !this.failures.get(pair)?.count;
    const wait = Math.max(
      this.remaining(pair, THROTTLE.freePairFailures, THROTTLE.maxDelaySeconds, now),
      this.remaining(ip, THROTTLE.freeIpFailures, THROTTLE.maxDelaySeconds, now),
      this.remaining(account, THROTTLE.freeAccountFailures, clean ? THROTTLE.cleanAddressMaxDelaySeconds : THROTTLE.maxDelaySeconds, now),
    );
    if (wait > 0) return { wait: Math.ceil(wait), reason: 'failures' };

    const [accountFlight, ipFlight] = inFlightKeys(keys);
    if (this.flying(accountFlight, now) >= THROTTLE.maxInFlightPerAccount || this.flying(ipFlight, now) >= THROTTLE.maxInFlightPerIp) {
      return { wait: THROTTLE.inFlightRetrySeconds, reason: 'in-flight' };
    }

    const ticket = newTicket(keys);
    for (const key of [pair, ip, account]) {
      const current = this.failures.get(key);
      this.failures.set(key, { count: (current?.count ?? 0) + 1, lastAt: now });
    }
    for (const key of [accountFlight, ipFlight]) {
      const tickets = this.inFlight.get(key) ?? new Map<string, number>();
      tickets.set(ticket.id, now + THROTTLE.inFlightTtlSeconds);
      this.inFlight.set(key, tickets);
    }
    return { ticket };
  }

  async fail(ticket: ThrottleTicket): Promise<void> {
    this.land(ticket);
    const now = this.now();
    // The delay runs from the end of the failed check; a success meanwhile may have cleared the entry.
    for (const key of failureKeys(ticket.keys)) {
      const current = this.failures.get(key);
      this.failures.set(key, { count: Math.max(current?.count ?? 0, 1), lastAt: now });
    }
  }

  async succeed(ticket: ThrottleTicket): Promise<void> {
    const wasInFlight = this.land(ticket);
    const [pair, ip, account] = failureKeys(ticket.keys);
    this.failures.delete(pair);
    this.failures.delete(account);
    if (wasInFlight) this.decrement(ip);
  }

  async release(ticket: ThrottleTicket): Promise<void> {
    if (!this.land(ticket)) return;
    for (const key of failureKeys(ticket.keys)) this.decrement(key);
  }

  /** Ends the ticket's flight; false when it had already ended or expired. */
  private land(ticket: ThrottleTicket): boolean {
    let found = false;
    for (const key of inFlightKeys(ticket.keys)) {
      const tickets = this.inFlight.get(key);
      if (tickets?.delete(ticket.id)) found = true;
      if (tickets?.size === 0) this.inFlight.delete(key);
    }
    return found;
  }

  private decrement(key: string): void {
    const current = this.failures.get(key);
    if (!current) return;
    if (current.count <= 1) this.failures.delete(key);
    else current.count -= 1;
  }

  private flying(key: string, now: number): number {
    const tickets = this.inFlight.get(key);
    if (!tickets) return 0;
    for (const [id, expiresAt] of tickets) if (expiresAt <= now) tickets.delete(id);
    return tickets.size;
  }

  private remaining(key: string, free: number, cap: number, now: number): number {
    const entry = this.failures.get(key);
    if (!entry) return 0;
    return Math.max(0, entry.lastAt + Math.min(delayAfter(entry.count, free), cap) - now);
  }

  /** Forgets stale entries (at most once a minute), so that the maps cannot grow without bound. */
  private prune(now: number): void {
    if (now - this.lastPrune < 60) return;
    this.lastPrune = now;
    const horizon = now - THROTTLE.windowSeconds;
    for (const [key, entry] of this.failures) if (entry.lastAt < horizon) this.failures.delete(key);
    for (const [key, tickets] of this.inFlight) {
      for (const [id, expiresAt] of tickets) if (expiresAt <= now) tickets.delete(id);
      if (tickets.size === 0) this.inFlight.delete(key);
    }
  }
}

/** Failure counters: per (account, address), per address, per account. */
function failureKeys(keys: ThrottleKeys): [pair: string, ip: string, account: string] {
  return [`pair:${keys.account}|${keys.ip}`, `ip:${keys.ip}`, `account:${keys.account}`];
}

function inFlightKeys(keys: ThrottleKeys): [account: string, ip: string] {
  return [`account:${keys.account}`, `ip:${keys.ip}`];
}

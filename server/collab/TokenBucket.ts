/**
 * A rate limit that allows bursts: `burst` tokens, refilled at `perSecond`.
 * Each message takes one; a message without a token is over the limit.
 */
export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly rate: { perSecond: number; burst: number },
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = rate.burst;
    this.refilledAt = now();
  }

  /** Takes a token: 0 when one was there, else how many milliseconds until the deficit is refilled. */
  take(): number {
    const now = this.now();
    this.tokens = Math.min(this.rate.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.rate.perSecond);
    this.refilledAt = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.rate.perSecond) * 1000);
  }
}

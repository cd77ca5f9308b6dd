/**
 * Slows down guessing: after a few failures from one client address, each further attempt waits longer
 * (doubling up to a cap) until the window passes without failures or an attempt succeeds.
 */
export class FailedAttempts {
  private readonly failures = new Map<string, { count: number; lastAt: number }>();

  constructor(
    private readonly options = {
      freeAttempts: 5,
      baseDelayMs: 250,
      maxDelayMs: 8000,
      windowMs: 15 * 60_000,
      maxKeys: 10_000,
    },
  ) {}

  delayMsFor(key: string, now: number): number {
    const entry = this.failures.get(key);
    if (!entry) return 0;
    if (now - entry.lastAt > this.options.windowMs) {
      this.failures.delete(key);
      return 0;
    }
    const excess = entry.count - this.options.freeAttempts;
    if (excess < 0) return 0;
    return Math.min(this.options.baseDelayMs * 2 ** excess, this.options.maxDelayMs);
  }

  recordFailure(key: string, now: number): void {
    const entry = this.failures.get(key);
    if (entry && now - entry.lastAt <= this.options.windowMs) {
      entry.count += 1;
      entry.lastAt = now;
      return;
    }
    if (this.failures.size >= this.options.maxKeys) {
      // Bounded memory under a flood of addresses: forget the oldest entry.
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
    this.failures.set(key, { count: 1, lastAt: now });
  }

  recordSuccess(key: string): void {
    this.failures.delete(key);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { Clock } from '../clock.js';

/** What is being guessed: management passwords (Basic Auth), OAuth signatures or resource owners' passwords. */
export type FailureKind = 'basic-auth' | 'signature' | 'resource-owner';

interface Window {
  failures: number;
  startedAt: number;
  blockedUntil: number;
}

/** Addresses tracked at most; past it the oldest window is forgotten, so a flood of addresses cannot exhaust memory. */
const MAX_TRACKED = 100_000;

/**
 * Counts failures per client address in a fixed window and, once AUTH_FAILURE_LIMIT failures fall within
 * AUTH_FAILURE_WINDOW_SECONDS, refuses that address for one window: guessing gets 429, not an answer.
 * Successful requests are never counted. (Per process: with WORKERS=N each worker keeps its own count.)
 * @nestjs/throttler would do this, but it ships only CommonJS that requires NestJS 12's ES modules, which Jest
 * cannot load.
 */
@Injectable()
export class FailedAttemptLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Seconds until the address may try again, or 0 when it is not blocked. */
  retryAfterSeconds(kind: FailureKind, address: string): number {
    const window = this.windows.get(`${kind}:${address}`);
    const remaining = (window?.blockedUntil ?? 0) - this.clock.now();
    return remaining > 0 ? Math.ceil(remaining / 1000) : 0;
  }

  recordFailure(kind: FailureKind, address: string): void {
    const key = `${kind}:${address}`;
    const now = this.clock.now();
    const windowMs = this.config.authFailureWindowSeconds * 1000;
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= windowMs) {
      this.windows.delete(key);
      if (this.windows.size >= MAX_TRACKED) this.windows.delete(this.windows.keys().next().value!);
      window = { failures: 0, startedAt: now, blockedUntil: 0 };
      this.windows.set(key, window);
    }
    window.failures += 1;
    if (window.failures >= this.config.authFailureLimit) window.blockedUntil = now + windowMs;
  }
}

import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { FailedAttemptLimiter } from '../common/auth/failed-attempt-limiter.js';
import { AppConfig } from '../config/app-config.js';
import { NonceStore } from './nonce.store.js';
import { RequestTokenStore } from './request-token.store.js';
import { VerifierStore } from './verifier.store.js';

export interface PurgeResult {
  requestTokens: number;
  verifiers: number;
  nonces: number;
  failedAttempts: number;
}

/**
 * Deletes what can no longer be used, every PURGE_INTERVAL_SECONDS: request tokens and verifiers past their expiry,
 * nonces too old to be replayed and failed-attempt counts past their window. Access tokens are kept (an expired one reads "expired" in the admin API and
 * fails verify). Every server process runs it; the deletes are idempotent, so that is harmless.
 */
@Injectable()
export class ExpiryPurgeService implements OnApplicationBootstrap, OnModuleDestroy {
  static readonly INTERVAL_NAME = 'oauth1-expiry-purge';
  private readonly logger = new Logger('ExpiryPurge');
  private running?: Promise<void>;

  constructor(
    private readonly requestTokens: RequestTokenStore,
    private readonly verifiers: VerifierStore,
    private readonly nonces: NonceStore,
    private readonly failures: FailedAttemptLimiter,
    private readonly scheduler: SchedulerRegistry,
    private readonly config: AppConfig,
  ) {}

  /** Started once the application (and the first-start bootstrap) is ready. */
  onApplicationBootstrap(): void {
    const timer = setInterval(() => this.purgeOnSchedule(), this.config.purgeIntervalSeconds * 1000);
    this.scheduler.addInterval(ExpiryPurgeService.INTERVAL_NAME, timer);
  }

  /** Stops the schedule and lets a purge in progress finish before the database closes. */
  async onModuleDestroy(): Promise<void> {
    if (this.scheduler.doesExist('interval', ExpiryPurgeService.INTERVAL_NAME)) {
      this.scheduler.deleteInterval(ExpiryPurgeService.INTERVAL_NAME);
    }
    await this.running;
  }

  async purge(): Promise<PurgeResult> {
    // Verifiers first: a request token's deletion takes its verifier with it, uncounted.
    const verifiers = await this.verifiers.purgeExpired();
    const result = {
      requestTokens: await this.requestTokens.purgeExpired(),
      verifiers,
      nonces: await this.nonces.purgeStale(),
      failedAttempts: await this.failures.purgeStale(),
    };
    if (result.requestTokens + result.verifiers + result.nonces + result.failedAttempts > 0) {
      this.logger.debug(
        `Purged ${result.requestTokens} request tokens, ${result.verifiers} verifiers, ${result.nonces} nonces, ` +
          `${result.failedAttempts} failed-attempt counts`,
      );
    }
    return result;
  }

  /** One purge at a time; a failure (the database away for a moment) is logged and the next tick tries again. */
  private purgeOnSchedule(): void {
    if (this.running) return;
    this.running = this.purge()
      .then(
        () => undefined,
        (error: unknown) => this.logger.warn(`Purge of expired records failed: ${String(error)}`),
      )
      .finally(() => (this.running = undefined));
  }
}

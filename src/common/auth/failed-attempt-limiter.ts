import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { GenerationCache } from '../../database/cache-generations.js';
import { deleteInChunks, preparedDatabase, toNumber } from '../../database/prepared.js';
import type { PreparedStatement } from '../../database/prepared.js';
import { Clock } from '../clock.js';

/** What is being guessed: management passwords (Basic Auth), OAuth signatures or resource owners' passwords. */
export type FailureKind = 'basic-auth' | 'signature' | 'resource-owner';

/**
 * Counts failures per client address in a fixed window and, once AUTH_FAILURE_LIMIT failures fall within
 * AUTH_FAILURE_WINDOW_SECONDS, refuses that address for one window: guessing gets 429, not an answer.
 *
 * The counts live in the database (the failed_attempts table), so every server process and machine shares them:
 * N processes give an address no more guesses than one. Keyed by address, never by the account guessed at: an
 * address that is refused does not lock the same user out from anywhere else. A successful request only reads
 * (whether its address is refused, kept while the blocks' cache generation stays the same: it moves only when an
 * address's block does); each failure is one upsert.
 */
@Injectable()
export class FailedAttemptLimiter {
  private readonly blockedUntil: PreparedStatement<number>;
  private readonly cachedBlocks: GenerationCache<number | undefined>;
  private readonly countFailure: PreparedStatement;
  private readonly deleteStale: PreparedStatement;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    const database = preparedDatabase(dataSource);
    this.blockedUntil = database.statement(
      'failed_attempts_blocked_until',
      'SELECT "blockedUntil" FROM "failed_attempts" WHERE "kind" = $1 AND "address" = $2',
      (row) => toNumber(row.blockedUntil),
    );
    this.cachedBlocks = new GenerationCache(dataSource, 'blocks');
    // One statement, atomic on both databases: a failure starts a window or adds to the current one, and the one
    // that reaches the limit refuses the address for a window from now. The limit and window are validated integers
    // of the configuration; the SET expressions all read the row as it was before this failure.
    const windowMs = this.config.authFailureWindowSeconds * 1000;
    const limit = this.config.authFailureLimit;
    const expired = `excluded."windowStartedAt" - "failed_attempts"."windowStartedAt" >= ${windowMs}`;
    const failures = `CASE WHEN ${expired} THEN 1 ELSE "failed_attempts"."failures" + 1 END`;
    this.countFailure = database.statement(
      `failed_attempts_count_${limit}_${windowMs}`,
      `INSERT INTO "failed_attempts" ("kind", "address", "failures", "windowStartedAt", "blockedUntil")
        VALUES ($1, $2, 1, $3, $4)
        ON CONFLICT ("kind", "address") DO UPDATE SET
          "failures" = ${failures},
          "windowStartedAt" = CASE WHEN ${expired} THEN excluded."windowStartedAt"
            ELSE "failed_attempts"."windowStartedAt" END,
          "blockedUntil" = CASE WHEN ${failures} >= ${limit} THEN excluded."windowStartedAt" + ${windowMs}
            ELSE "failed_attempts"."blockedUntil" END`,
    );
    this.deleteStale = database.statement(
      'failed_attempts_delete_stale',
      `DELETE FROM "failed_attempts" WHERE ("kind", "address") IN
        (SELECT "kind", "address" FROM "failed_attempts" WHERE "windowStartedAt" < $1 AND "blockedUntil" < $2 LIMIT $3)`,
    );
  }

  /** Seconds until the address may try again, or 0 when it is not refused. */
  async retryAfterSeconds(kind: FailureKind, address: string): Promise<number> {
    const blockedUntil = await this.cachedBlocks.get(`${kind} ${address}`, () => this.blockedUntil.one(kind, address));
    const remaining = (blockedUntil ?? 0) - this.clock.now();
    return remaining > 0 ? Math.ceil(remaining / 1000) : 0;
  }

  async recordFailure(kind: FailureKind, address: string): Promise<void> {
    const now = this.clock.now();
    const blockedUntil = this.config.authFailureLimit <= 1 ? now + this.config.authFailureWindowSeconds * 1000 : 0;
    await this.countFailure.execute(kind, address, now, blockedUntil);
  }

  /** Forgets addresses whose window has passed and that are not refused; returns how many. */
  async purgeStale(): Promise<number> {
    const now = this.clock.now();
    return deleteInChunks(this.deleteStale, [now - this.config.authFailureWindowSeconds * 1000, now]);
  }
}

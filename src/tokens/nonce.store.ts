import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import { deleteInChunks, preparedDatabase } from '../database/prepared.js';
import type { PreparedDatabase, PreparedStatement, Statement } from '../database/prepared.js';

/** A write a token store prepared, for the protocol to commit along with a request's nonce. */
export type TokenWrite = Statement;
import { isUniqueViolation } from '../database/unique-violation.js';

/** The nonces seen per consumer key, token and timestamp (RFC 5849 3.3), shared by every server process. */
@Injectable()
export class NonceStore {
  private readonly insertStatement: PreparedStatement;
  private readonly purgeStatement: PreparedStatement;
  private readonly database: PreparedDatabase;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    // Every signed request records its nonce: a prepared statement rather than TypeORM's query building.
    const database = (this.database = preparedDatabase(dataSource));
    this.insertStatement = database.statement(
      'nonces_insert',
      'INSERT INTO "oauth1_nonces" ("consumerKey", "token", "timestamp", "nonce", "receivedAt") VALUES ($1, $2, $3, $4, $5)',
    );
    this.purgeStatement = database.statement(
      'nonces_purge',
      `DELETE FROM "oauth1_nonces" WHERE ("consumerKey", "token", "timestamp", "nonce") IN
        (SELECT "consumerKey", "token", "timestamp", "nonce" FROM "oauth1_nonces" WHERE "receivedAt" < $1 LIMIT $2)`,
    );
  }

  /**
   * Records a nonce; false when it was already there. The primary key makes check and record one atomic insert,
   * so two processes receiving the same request cannot both accept it. `alongWith` (what the request creates) is
   * written in the same unit: both or neither, and one commit instead of two.
   */
  async record(
    consumerKey: string,
    token: string,
    timestamp: number,
    nonce: string,
    alongWith?: TokenWrite,
  ): Promise<boolean> {
    const values = [consumerKey, token, timestamp, nonce, this.clock.now()];
    try {
      if (alongWith === undefined) await this.insertStatement.execute(...values);
      else await this.database.executeAtomically([[this.insertStatement, values], alongWith]);
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /**
   * Forgets nonces that can no longer be replayed. A nonce's timestamp lies within one window of when it was
   * received, and a request is refused once its timestamp is a window old: after two windows it is safe to forget.
   */
  purgeStale(): Promise<number> {
    return deleteInChunks(this.purgeStatement, [this.clock.now() - 2 * this.config.timestampWindowSeconds * 1000]);
  }
}

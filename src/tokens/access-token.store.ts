import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { And, DataSource, LessThan, MoreThan, Repository } from 'typeorm';
import { Clock } from '../common/clock.js';
import { randomAlphanumeric, TOKEN_LENGTH, TOKEN_SECRET_LENGTH } from '../common/random.js';
import { AppConfig } from '../config/app-config.js';
import { audit } from '../database/columns.js';
import type { NameValue } from '../database/columns.js';
import { fromJson, preparedDatabase, toNumber } from '../database/prepared.js';
import type { PreparedStatement, Row } from '../database/prepared.js';
import { tokensIssued } from '../observability/metrics.js';
import { AccessToken } from './access-token.entity.js';
import { claimThen } from './claim-then.js';
import { expiryAfter, NEVER_EXPIRES } from './expiry.js';
import type { RequestToken } from './request-token.entity.js';
import { applyRecordChanges } from './record-changes.js';
import type { RecordChanges } from './record-changes.js';
import type { Verifier } from './verifier.entity.js';

const TABLE = '"oauth1_access_tokens"';
const COLUMNS = [
  'createdAt',
  'createdBy',
  'lastModifiedAt',
  'lastModifiedBy',
  'token',
  'organization',
  'consumerKey',
  'appId',
  'appUserId',
  'secret',
  'scope',
  'attributes',
  'status',
  'issuedAt',
  'expiresAt',
] as const;
const SELECT = `SELECT ${COLUMNS.map((column) => `"${column}"`).join(', ')} FROM ${TABLE}`;

/** A stored row as the entity reads it. */
export function accessTokenOf(row: Row): AccessToken {
  return {
    createdAt: toNumber(row.createdAt),
    createdBy: row.createdBy as string,
    lastModifiedAt: toNumber(row.lastModifiedAt),
    lastModifiedBy: row.lastModifiedBy as string,
    token: row.token as string,
    organization: row.organization as string,
    consumerKey: row.consumerKey as string,
    appId: row.appId as string,
    appUserId: row.appUserId as string,
    secret: row.secret as string,
    scope: row.scope as string,
    attributes: fromJson<NameValue[]>(row.attributes),
    status: row.status as AccessToken['status'],
    issuedAt: toNumber(row.issuedAt),
    expiresAt: toNumber(row.expiresAt),
  };
}

function columnValue(record: AccessToken, column: (typeof COLUMNS)[number]): unknown {
  return column === 'attributes' ? JSON.stringify(record.attributes) : record[column];
}

/** Token credentials (RFC 5849 2.3). */
@Injectable()
export class AccessTokenStore {
  private readonly claimStatement: PreparedStatement<Row>;
  private readonly deleteVerifierStatement: PreparedStatement<Row>;
  private readonly insertStatement: PreparedStatement<Row>;
  private readonly findStatement: PreparedStatement<AccessToken>;
  private readonly findInOrganizationStatement: PreparedStatement<AccessToken>;

  constructor(
    @InjectRepository(AccessToken) private readonly accessTokens: Repository<AccessToken>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    // The hot path (token, verify) runs prepared statements rather than TypeORM's query building.
    const database = preparedDatabase(dataSource);
    this.claimStatement = database.statement(
      'request_tokens_claim',
      'UPDATE "oauth1_request_tokens" SET "usedAt" = $1 WHERE "token" = $2 AND "usedAt" IS NULL',
    );
    this.deleteVerifierStatement = database.statement(
      'verifiers_delete_code',
      'DELETE FROM "oauth1_verifiers" WHERE "code" = $1',
    );
    this.insertStatement = database.statement(
      'access_tokens_insert',
      `INSERT INTO ${TABLE} (${COLUMNS.map((column) => `"${column}"`).join(', ')})
        VALUES (${COLUMNS.map((_column, index) => `$${index + 1}`).join(', ')})`,
    );
    this.findStatement = database.statement('access_tokens_find', `${SELECT} WHERE "token" = $1`, accessTokenOf);
    this.findInOrganizationStatement = database.statement(
      'access_tokens_find_in_organization',
      `${SELECT} WHERE "organization" = $1 AND "token" = $2`,
      accessTokenOf,
    );
  }

  /**
   * Exchanges a request token and its verifier for an access token, once: the request token is marked used and the
   * verifier deleted in the same transaction that stores the access token. Returns undefined when another exchange
   * of the same request token got there first.
   */
  async exchange(requestToken: RequestToken, verifier: Verifier, actor: string): Promise<AccessToken | undefined> {
    const now = this.clock.now();
    const record: AccessToken = {
      token: randomAlphanumeric(TOKEN_LENGTH),
      secret: randomAlphanumeric(TOKEN_SECRET_LENGTH),
      organization: requestToken.organization,
      consumerKey: requestToken.consumerKey,
      appId: requestToken.appId,
      appUserId: verifier.appUserId,
      scope: requestToken.scope,
      attributes: requestToken.attributes,
      status: 'approved',
      issuedAt: now,
      expiresAt: expiryAfter(now, this.config.accessTokenTtlSeconds),
      ...audit(actor, now),
    };
    const won = await claimThen(
      this.dataSource,
      [this.claimStatement, [now, requestToken.token]],
      [
        [this.deleteVerifierStatement, [verifier.code]],
        [this.insertStatement, COLUMNS.map((column) => columnValue(record, column))],
      ],
    );
    if (!won) return undefined;
    tokensIssued.inc({ type: 'access' });
    return record;
  }

  async find(token: string): Promise<AccessToken | null> {
    return (await this.findStatement.one(token)) ?? null;
  }

  async findInOrganization(organization: string, token: string): Promise<AccessToken | null> {
    return (await this.findInOrganizationStatement.one(organization, token)) ?? null;
  }

  update(record: AccessToken, changes: RecordChanges, actor: string): Promise<AccessToken> {
    return applyRecordChanges(this.accessTokens, record, changes, actor, this.clock.now());
  }

  async delete(token: string): Promise<void> {
    await this.accessTokens.delete({ token });
  }

  countForApp(appId: string): Promise<number> {
    return this.accessTokens.countBy({ appId });
  }

  countForConsumerKey(consumerKey: string): Promise<number> {
    return this.accessTokens.countBy({ consumerKey });
  }

  /** Removes access tokens past their expiry (never those that do not expire); returns how many. */
  async purgeExpired(): Promise<number> {
    const result = await this.accessTokens.delete({
      expiresAt: And(MoreThan(NEVER_EXPIRES), LessThan(this.clock.now())),
    });
    return result.affected ?? 0;
  }
}

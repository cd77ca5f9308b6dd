import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { randomAlphanumeric, TOKEN_LENGTH, TOKEN_SECRET_LENGTH } from '../common/random.js';
import { AppConfig } from '../config/app-config.js';
import { audit } from '../database/columns.js';
import { preparedDatabase, TableColumns } from '../database/prepared.js';
import type { PreparedStatement, Row, Statement } from '../database/prepared.js';
import { tokensIssued } from '../observability/metrics.js';
import { AccessToken } from './access-token.entity.js';
import { claimThen } from './claim-then.js';
import { expiryAfter, NEVER_EXPIRES } from './expiry.js';
import type { RequestToken } from './request-token.entity.js';
import { CHANGED_COLUMNS, withRecordChanges } from './record-changes.js';
import type { RecordChanges } from './record-changes.js';
import type { Verifier } from './verifier.entity.js';

/** Whole rows of the table, for the hot path's prepared statements. */
export const ACCESS_TOKEN_COLUMNS = new TableColumns<AccessToken>('oauth1_access_tokens', {
  createdAt: 'number',
  createdBy: 'text',
  lastModifiedAt: 'number',
  lastModifiedBy: 'text',
  token: 'text',
  organization: 'text',
  consumerKey: 'text',
  appId: 'text',
  appUserId: 'text',
  secret: 'text',
  scope: 'text',
  attributes: 'json',
  status: 'text',
  issuedAt: 'number',
  expiresAt: 'number',
  accessType: 'text',
  lastUsedAt: 'nullableNumber',
});
const { fromRow: accessTokenOf } = ACCESS_TOKEN_COLUMNS;

/** An access token with the app it was issued to and that app's developer (none when the app is gone). */
export interface AccessTokenWithApp {
  record: AccessToken;
  /** developerEmail is empty and companyName set for a company's app. */
  app?: { name: string; developerEmail: string; developerName: string; companyName: string | null };
}

/** Token credentials (RFC 5849 2.3). Only this store writes them. */
@Injectable()
export class AccessTokenStore {
  private readonly claimStatement: PreparedStatement<Row>;
  private readonly deleteVerifierStatement: PreparedStatement<Row>;
  private readonly insertStatement: PreparedStatement<Row>;
  private readonly findStatement: PreparedStatement<AccessToken>;
  private readonly findInOrganizationStatement: PreparedStatement<AccessToken>;
  private readonly recordUseStatement: PreparedStatement<Row>;
  private readonly listForOwnerStatement: PreparedStatement<AccessTokenWithApp>;
  private readonly updateStatement: PreparedStatement<Row>;
  private readonly deleteStatement: PreparedStatement<Row>;
  private readonly deleteForAppUserStatement: PreparedStatement<Row>;
  private readonly countForAppStatement: PreparedStatement<number>;
  private readonly countForConsumerKeyStatement: PreparedStatement<number>;
  private readonly purgeStatement: PreparedStatement<Row>;
  private readonly revokeForOwnerStatement: PreparedStatement<Row>;
  private readonly revokeForOwnerOfAppStatement: PreparedStatement<Row>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    // The hot path (token, verify) runs prepared statements rather than TypeORM's query building; so does everything
    // else, so that the table has one way in.
    const database = preparedDatabase(dataSource);
    this.claimStatement = database.statement(
      'request_tokens_claim',
      'UPDATE "oauth1_request_tokens" SET "usedAt" = $1 WHERE "token" = $2 AND "usedAt" IS NULL',
    );
    this.deleteVerifierStatement = database.statement(
      'verifiers_delete_code',
      'DELETE FROM "oauth1_verifiers" WHERE "code" = $1',
    );
    this.insertStatement = database.statement('access_tokens_insert', ACCESS_TOKEN_COLUMNS.insert);
    this.findStatement = database.statement(
      'access_tokens_find',
      `${ACCESS_TOKEN_COLUMNS.select} WHERE "token" = $1`,
      accessTokenOf,
    );
    this.findInOrganizationStatement = database.statement(
      'access_tokens_find_in_organization',
      `${ACCESS_TOKEN_COLUMNS.select} WHERE "organization" = $1 AND "token" = $2`,
      accessTokenOf,
    );
    this.recordUseStatement = database.statement(
      'access_tokens_record_use',
      'UPDATE "oauth1_access_tokens" SET "lastUsedAt" = $1 WHERE "token" = $2',
    );
    // The connections page and the admin API name each token's app and developer: one read instead of one per app.
    this.listForOwnerStatement = database.statement(
      'access_tokens_list_for_owner',
      `SELECT ${ACCESS_TOKEN_COLUMNS.list('t')}, a."name" AS "appName",
          d."email" AS "developerEmail", d."firstName" AS "developerFirstName", d."lastName" AS "developerLastName",
          co."name" AS "companyName", co."displayName" AS "companyDisplayName"
        FROM "oauth1_access_tokens" t
        LEFT JOIN "developer_apps" a ON a."appId" = t."appId"
        LEFT JOIN "developers" d ON d."developerId" = a."developerId"
        LEFT JOIN "companies" co ON co."companyId" = a."companyId"
        WHERE t."organization" = $1 AND t."appUserId" = $2
        ORDER BY t."issuedAt", t."token"`,
      (row) => ({
        record: accessTokenOf(row),
        app:
          row.appName === null
            ? undefined
            : {
                name: row.appName as string,
                developerEmail: (row.developerEmail as string | null) ?? '',
                companyName: row.companyName as string | null,
                // A company app's owner is named by the company's display name.
                developerName:
                  (row.companyDisplayName as string | null) ??
                  `${(row.developerFirstName as string | null) ?? ''} ${(row.developerLastName as string | null) ?? ''}`.trim(),
              },
      }),
    );
    this.updateStatement = database.statement(
      'access_tokens_update',
      ACCESS_TOKEN_COLUMNS.update(CHANGED_COLUMNS, ['token']),
    );
    this.deleteStatement = database.statement(
      'access_tokens_delete',
      `${ACCESS_TOKEN_COLUMNS.delete} WHERE "token" = $1`,
    );
    this.deleteForAppUserStatement = database.statement(
      'access_tokens_delete_for_app_user',
      `${ACCESS_TOKEN_COLUMNS.delete} WHERE "organization" = $1 AND "appUserId" = $2`,
    );
    const count = (row: Row) => Number(row.count);
    this.countForAppStatement = database.statement(
      'access_tokens_count_for_app',
      'SELECT COUNT(*) AS "count" FROM "oauth1_access_tokens" WHERE "appId" = $1',
      count,
    );
    this.countForConsumerKeyStatement = database.statement(
      'access_tokens_count_for_consumer_key',
      'SELECT COUNT(*) AS "count" FROM "oauth1_access_tokens" WHERE "consumerKey" = $1',
      count,
    );
    this.purgeStatement = database.statement(
      'access_tokens_purge',
      `${ACCESS_TOKEN_COLUMNS.delete} WHERE "expiresAt" > $1 AND "expiresAt" < $2`,
    );
    const revokeForOwner = `UPDATE "oauth1_access_tokens" SET "status" = 'revoked', "lastModifiedAt" = $1, "lastModifiedBy" = $2
        WHERE "organization" = $3 AND "appUserId" = $4 AND "status" = 'approved'`;
    this.revokeForOwnerStatement = database.statement('access_tokens_revoke_for_owner', revokeForOwner);
    this.revokeForOwnerOfAppStatement = database.statement(
      'access_tokens_revoke_for_owner_of_app',
      `${revokeForOwner} AND "appId" = $5`,
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
      accessType: requestToken.accessType,
      lastUsedAt: null,
      ...audit(actor, now),
    };
    const won = await claimThen(
      this.dataSource,
      [this.claimStatement, [now, requestToken.token]],
      [
        [this.deleteVerifierStatement, [verifier.code]],
        [this.insertStatement, ACCESS_TOKEN_COLUMNS.values(record)],
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

  /** Stores when the token was last used (see useToRecord for how often); audit fields are for changes, not use. */
  async recordUse(token: string, at: number): Promise<void> {
    await this.recordUseStatement.execute(at, token);
  }

  /** Every access token a resource owner granted in an organization, whatever its state, oldest first. */
  listForOwner(organization: string, appUserId: string): Promise<AccessTokenWithApp[]> {
    return this.listForOwnerStatement.all(organization, appUserId);
  }

  /**
   * Revokes every approved access token a resource owner granted in an organization, or only those of one app;
   * returns how many.
   */
  async revokeForOwner(organization: string, appUserId: string, actor: string, appId?: string): Promise<number> {
    const now = this.clock.now();
    return appId === undefined
      ? this.revokeForOwnerStatement.execute(now, actor, organization, appUserId)
      : this.revokeForOwnerOfAppStatement.execute(now, actor, organization, appUserId, appId);
  }

  async update(record: AccessToken, changes: RecordChanges, actor: string): Promise<AccessToken> {
    const updated = withRecordChanges(record, changes, actor, this.clock.now());
    await this.updateStatement.execute(...ACCESS_TOKEN_COLUMNS.values(updated, [...CHANGED_COLUMNS, 'token']));
    return updated;
  }

  async delete(token: string): Promise<void> {
    await this.deleteStatement.execute(token);
  }

  /** The deletion of what a resource owner authorized, for the caller's atomic write (see VerifierStore's). */
  deletionForAppUser(organization: string, appUserId: string): Statement {
    return [this.deleteForAppUserStatement, [organization, appUserId]];
  }

  async countForApp(appId: string): Promise<number> {
    return (await this.countForAppStatement.one(appId)) ?? 0;
  }

  async countForConsumerKey(consumerKey: string): Promise<number> {
    return (await this.countForConsumerKeyStatement.one(consumerKey)) ?? 0;
  }

  /** Removes access tokens past their expiry (never those that do not expire); returns how many. */
  purgeExpired(): Promise<number> {
    return this.purgeStatement.execute(NEVER_EXPIRES, this.clock.now());
  }
}

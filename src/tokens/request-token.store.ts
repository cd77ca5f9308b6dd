import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { randomAlphanumeric, TOKEN_LENGTH, TOKEN_SECRET_LENGTH } from '../common/random.js';
import { AppConfig } from '../config/app-config.js';
import { deleteInChunks, preparedDatabase, TableColumns } from '../database/prepared.js';
import type { PreparedStatement, Row, Statement } from '../database/prepared.js';
import { tokensIssued } from '../observability/metrics.js';
import type { AccessType } from './access-type.js';
import { RequestToken } from './request-token.entity.js';
import { CHANGED_COLUMNS, withRecordChanges } from './record-changes.js';
import type { RecordChanges } from './record-changes.js';

export interface NewRequestToken {
  organization: string;
  consumerKey: string;
  appId: string;
  /** An absolute URL, or "oob". */
  callbackUrl: string;
  /** Space-separated. */
  scope: string;
  accessType: AccessType;
}

/** Whole rows of the table, for the hot path's prepared statements. */
export const REQUEST_TOKEN_COLUMNS = new TableColumns<RequestToken>('oauth1_request_tokens', {
  createdAt: 'number',
  createdBy: 'text',
  lastModifiedAt: 'number',
  lastModifiedBy: 'text',
  token: 'text',
  organization: 'text',
  consumerKey: 'text',
  appId: 'text',
  secret: 'text',
  callbackUrl: 'text',
  scope: 'text',
  accessType: 'text',
  attributes: 'json',
  status: 'text',
  issuedAt: 'number',
  expiresAt: 'number',
  usedAt: 'nullableNumber',
});
const { fromRow: requestTokenOf } = REQUEST_TOKEN_COLUMNS;

/** A request token with the name and status of its app (none when the app is gone). */
export interface RequestTokenWithApp {
  record: RequestToken;
  app?: { name: string; status: string };
}

/** Temporary credentials (RFC 5849 2.1): issued by initiate, single use, short-lived. Only this store writes them. */
@Injectable()
export class RequestTokenStore {
  private readonly insertStatement: PreparedStatement<Row>;
  private readonly findStatement: PreparedStatement<RequestToken>;
  private readonly findInOrganizationStatement: PreparedStatement<RequestToken>;
  private readonly findInOrganizationWithAppStatement: PreparedStatement<RequestTokenWithApp>;
  private readonly updateStatement: PreparedStatement<Row>;
  private readonly deleteStatement: PreparedStatement<Row>;
  private readonly purgeStatement: PreparedStatement<Row>;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    // The hot path (initiate, token, the admin lookup) runs prepared statements rather than TypeORM's query building;
    // so does everything else, so that the table has one way in.
    const database = preparedDatabase(dataSource);
    this.insertStatement = database.statement('request_tokens_insert', REQUEST_TOKEN_COLUMNS.insert);
    this.findStatement = database.statement(
      'request_tokens_find',
      `${REQUEST_TOKEN_COLUMNS.select} WHERE "token" = $1`,
      requestTokenOf,
    );
    this.findInOrganizationStatement = database.statement(
      'request_tokens_find_in_organization',
      `${REQUEST_TOKEN_COLUMNS.select} WHERE "organization" = $1 AND "token" = $2`,
      requestTokenOf,
    );
    // The admin lookup needs the app's name and status too: one read instead of two.
    this.findInOrganizationWithAppStatement = database.statement(
      'request_tokens_find_in_organization_with_app',
      `SELECT ${REQUEST_TOKEN_COLUMNS.list('t')}, a."name" AS "appName", a."status" AS "appStatus"
        FROM "oauth1_request_tokens" t LEFT JOIN "developer_apps" a ON a."appId" = t."appId"
        WHERE t."organization" = $1 AND t."token" = $2`,
      (row) => ({
        record: requestTokenOf(row),
        app: row.appName === null ? undefined : { name: row.appName as string, status: row.appStatus as string },
      }),
    );
    this.updateStatement = database.statement(
      'request_tokens_update',
      REQUEST_TOKEN_COLUMNS.update(CHANGED_COLUMNS, ['token']),
    );
    this.deleteStatement = database.statement(
      'request_tokens_delete',
      `${REQUEST_TOKEN_COLUMNS.delete} WHERE "token" = $1`,
    );
    this.purgeStatement = database.statement(
      'request_tokens_purge',
      `${REQUEST_TOKEN_COLUMNS.delete} WHERE "token" IN
        (SELECT "token" FROM "oauth1_request_tokens" WHERE "expiresAt" < $1 LIMIT $2)`,
    );
  }

  /**
   * A new request token and the statement that stores it, for initiate to commit in one unit with the request's
   * nonce; `counted` once that has committed. The record is written out field by field: a spread followed by
   * literal properties costs about a microsecond and a half per property on this hot path.
   */
  mint(fields: NewRequestToken, actor: string): { record: RequestToken; write: Statement } {
    const now = this.clock.now();
    const record: RequestToken = {
      token: randomAlphanumeric(TOKEN_LENGTH),
      organization: fields.organization,
      consumerKey: fields.consumerKey,
      appId: fields.appId,
      secret: randomAlphanumeric(TOKEN_SECRET_LENGTH),
      callbackUrl: fields.callbackUrl,
      scope: fields.scope,
      accessType: fields.accessType,
      attributes: [],
      status: 'approved',
      issuedAt: now,
      expiresAt: now + this.config.requestTokenTtlSeconds * 1000,
      usedAt: null,
      createdAt: now,
      createdBy: actor,
      lastModifiedAt: now,
      lastModifiedBy: actor,
    };
    return { record, write: [this.insertStatement, REQUEST_TOKEN_COLUMNS.values(record)] };
  }

  /** Mints and stores a request token on its own. */
  async issue(fields: NewRequestToken, actor: string): Promise<RequestToken> {
    const { record, write } = this.mint(fields, actor);
    await write[0].execute(...write[1]);
    return this.counted(record);
  }

  /** Counts a minted request token once its write has committed. */
  counted(record: RequestToken): RequestToken {
    tokensIssued.inc({ type: 'request' });
    return record;
  }

  async find(token: string): Promise<RequestToken | null> {
    return (await this.findStatement.one(token)) ?? null;
  }

  async findInOrganization(organization: string, token: string): Promise<RequestToken | null> {
    return (await this.findInOrganizationStatement.one(organization, token)) ?? null;
  }

  /** findInOrganization, with the token's app. */
  async findInOrganizationWithApp(organization: string, token: string): Promise<RequestTokenWithApp | null> {
    return (await this.findInOrganizationWithAppStatement.one(organization, token)) ?? null;
  }

  async update(record: RequestToken, changes: RecordChanges, actor: string): Promise<RequestToken> {
    const updated = withRecordChanges(record, changes, actor, this.clock.now());
    await this.updateStatement.execute(...REQUEST_TOKEN_COLUMNS.values(updated, [...CHANGED_COLUMNS, 'token']));
    return updated;
  }

  /** Deletes the token, and with it (the schema's cascade) its verifier. */
  async delete(token: string): Promise<void> {
    await this.deleteStatement.execute(token);
  }

  /** Removes tokens past their expiry, used or not (and their verifiers with them); returns how many tokens. */
  purgeExpired(): Promise<number> {
    return deleteInChunks(this.purgeStatement, [this.clock.now()]);
  }
}

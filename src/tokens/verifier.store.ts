import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { randomAlphanumeric, VERIFIER_LENGTH } from '../common/random.js';
import { AppConfig } from '../config/app-config.js';
import { audit, NameValue } from '../database/columns.js';
import { deleteInChunks, preparedDatabase, TableColumns } from '../database/prepared.js';
import type { PreparedDatabase, PreparedStatement, Row, Statement } from '../database/prepared.js';
import { tokensIssued } from '../observability/metrics.js';
import { Verifier } from './verifier.entity.js';

export interface NewVerifier {
  organization: string;
  requestToken: string;
  appUserId: string;
  attributes: NameValue[];
}

/** Whole rows of the table, for the hot path's prepared statements. */
export const VERIFIER_COLUMNS = new TableColumns<Verifier>('oauth1_verifiers', {
  createdAt: 'number',
  createdBy: 'text',
  lastModifiedAt: 'number',
  lastModifiedBy: 'text',
  code: 'text',
  organization: 'text',
  requestToken: 'text',
  appUserId: 'text',
  attributes: 'json',
  issuedAt: 'number',
  expiresAt: 'number',
});
const { fromRow: verifierOf } = VERIFIER_COLUMNS;

/** The resource owner's approval of a request token (RFC 5849 2.2): one per request token. Only this store writes them. */
@Injectable()
export class VerifierStore {
  private readonly database: PreparedDatabase;
  private readonly findInOrganizationStatement: PreparedStatement<Verifier>;
  private readonly findForRequestTokenStatement: PreparedStatement<Verifier>;
  private readonly insertStatement: PreparedStatement<Row>;
  private readonly deleteStatement: PreparedStatement<Row>;
  private readonly deleteForRequestTokenStatement: PreparedStatement<Row>;
  private readonly deleteForAppUserStatement: PreparedStatement<Row>;
  private readonly purgeStatement: PreparedStatement<Row>;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    // The token exchange reads the verifier: prepared statements rather than TypeORM's query building; so does
    // everything else, so that the table has one way in.
    const database = preparedDatabase(dataSource);
    this.database = database;
    this.findInOrganizationStatement = database.statement(
      'verifiers_find_in_organization',
      `${VERIFIER_COLUMNS.select} WHERE "organization" = $1 AND "code" = $2`,
      verifierOf,
    );
    this.findForRequestTokenStatement = database.statement(
      'verifiers_find_for_request_token',
      `${VERIFIER_COLUMNS.select} WHERE "requestToken" = $1`,
      verifierOf,
    );
    this.insertStatement = database.statement('verifiers_insert', VERIFIER_COLUMNS.insert);
    this.deleteStatement = database.statement('verifiers_delete', `${VERIFIER_COLUMNS.delete} WHERE "code" = $1`);
    this.deleteForRequestTokenStatement = database.statement(
      'verifiers_delete_for_request_token',
      `${VERIFIER_COLUMNS.delete} WHERE "requestToken" = $1`,
    );
    this.deleteForAppUserStatement = database.statement(
      'verifiers_delete_for_app_user',
      `${VERIFIER_COLUMNS.delete} WHERE "organization" = $1 AND "appUserId" = $2`,
    );
    this.purgeStatement = database.statement(
      'verifiers_purge',
      `${VERIFIER_COLUMNS.delete} WHERE "code" IN
        (SELECT "code" FROM "oauth1_verifiers" WHERE "expiresAt" < $1 LIMIT $2)`,
    );
  }

  /**
   * Issues a verifier, replacing any earlier one for the same request token: a resource owner who signs in again
   * gets a fresh verifier, and only the latest one counts.
   */
  async issue(fields: NewVerifier, actor: string): Promise<Verifier> {
    const now = this.clock.now();
    const record: Verifier = {
      ...fields,
      code: randomAlphanumeric(VERIFIER_LENGTH),
      issuedAt: now,
      expiresAt: now + this.config.verifierTtlSeconds * 1000,
      ...audit(actor, now),
    };
    await this.database.executeAtomically([
      [this.deleteForRequestTokenStatement, [fields.requestToken]],
      [this.insertStatement, VERIFIER_COLUMNS.values(record)],
    ]);
    tokensIssued.inc({ type: 'verifier' });
    return record;
  }

  async findInOrganization(organization: string, code: string): Promise<Verifier | null> {
    return (await this.findInOrganizationStatement.one(organization, code)) ?? null;
  }

  async findForRequestToken(requestToken: string): Promise<Verifier | null> {
    return (await this.findForRequestTokenStatement.one(requestToken)) ?? null;
  }

  async delete(code: string): Promise<void> {
    await this.deleteStatement.execute(code);
  }

  /**
   * The deletion of what a resource owner authorized, for the caller's atomic write (an app user's deletion: app
   * users are no foreign key, as the admin API issues verifiers to any appUserId a provider's own login site names).
   */
  deletionForAppUser(organization: string, appUserId: string): Statement {
    return [this.deleteForAppUserStatement, [organization, appUserId]];
  }

  purgeExpired(): Promise<number> {
    return deleteInChunks(this.purgeStatement, [this.clock.now()]);
  }
}

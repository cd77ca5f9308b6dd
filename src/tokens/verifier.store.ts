import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, LessThan, Repository } from 'typeorm';
import { Clock } from '../common/clock.js';
import { randomAlphanumeric, VERIFIER_LENGTH } from '../common/random.js';
import { AppConfig } from '../config/app-config.js';
import { audit, NameValue } from '../database/columns.js';
import { preparedDatabase, TableColumns } from '../database/prepared.js';
import type { PreparedStatement } from '../database/prepared.js';
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

/** The resource owner's approval of a request token (RFC 5849 2.2): one per request token. */
@Injectable()
export class VerifierStore {
  private readonly findInOrganizationStatement: PreparedStatement<Verifier>;
  private readonly findForRequestTokenStatement: PreparedStatement<Verifier>;

  constructor(
    @InjectRepository(Verifier) private readonly verifiers: Repository<Verifier>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    // The token exchange reads the verifier: prepared statements rather than TypeORM's query building.
    const database = preparedDatabase(dataSource);
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
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(Verifier, { requestToken: fields.requestToken });
      await manager.insert(Verifier, record);
    });
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
    await this.verifiers.delete({ code });
  }

  async purgeExpired(): Promise<number> {
    const result = await this.verifiers.delete({ expiresAt: LessThan(this.clock.now()) });
    return result.affected ?? 0;
  }
}

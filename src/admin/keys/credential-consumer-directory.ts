import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { GenerationCache } from '../../database/cache-generations.js';
import { fromJson, preparedDatabase, toNumber } from '../../database/prepared.js';
import type { PreparedStatement, Row } from '../../database/prepared.js';
import { ConsumerDirectory } from '../../tokens/consumer-directory.js';
import type { Consumer } from '../../tokens/consumer-directory.js';
import { ApiProduct } from '../apiproducts/api-product.entity.js';
import type { CredentialApiProduct } from './credential.entity.js';

function consumerOf(row: Row): Consumer {
  const { developerFirstName, developerLastName, companyDisplayName, ...fields } = row;
  const consumer = fields as unknown as Consumer;
  // PostgreSQL returns bigint as a string; simple-json columns are stored as JSON text.
  consumer.credentialExpiresAt = toNumber(row.credentialExpiresAt);
  consumer.apiProducts = fromJson<CredentialApiProduct[]>(row.apiProducts);
  if (consumer.companyName === null) {
    consumer.developerName = `${developerFirstName as string} ${developerLastName as string}`;
  } else {
    consumer.developerEmail = '';
    consumer.developerName = companyDisplayName as string;
  }
  return consumer;
}

/**
 * The protocol's consumer read model over the keys feature's tables: one indexed join (the app's developer or company),
 * a prepared statement, its results kept while the consumers' cache generation stays the same.
 */
@Injectable()
export class CredentialConsumerDirectory extends ConsumerDirectory {
  private readonly consumerStatement: PreparedStatement<Consumer>;
  private readonly cached: GenerationCache<Consumer | undefined>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
    this.consumerStatement = preparedDatabase(dataSource).statement(
      'consumers_find',
      `SELECT c."consumerKey", c."consumerSecret", c."publicKey", c."organization",
        c."status" AS "credentialStatus", c."expiresAt" AS "credentialExpiresAt", c."apiProducts",
        a."appId", a."name" AS "appName", a."status" AS "appStatus", a."callbackUrl",
        d."email" AS "developerEmail", COALESCE(d."status", co."status") AS "developerStatus",
        d."firstName" AS "developerFirstName", d."lastName" AS "developerLastName",
        co."name" AS "companyName", co."displayName" AS "companyDisplayName"
      FROM "credentials" c
      JOIN "developer_apps" a ON a."appId" = c."appId"
      LEFT JOIN "developers" d ON d."developerId" = a."developerId"
      LEFT JOIN "companies" co ON co."companyId" = a."companyId"
      WHERE c."consumerKey" = $1`,
      consumerOf,
    );
    this.cached = new GenerationCache(dataSource, 'consumers');
  }

  /** Callers share the object: it is read, never changed. */
  find(consumerKey: string): Promise<Consumer | undefined> {
    return this.cached.get(consumerKey, () => this.consumerStatement.one(consumerKey));
  }

  async grantableScopes(consumer: Consumer): Promise<Set<string> | undefined> {
    const names = consumer.apiProducts.filter((product) => product.status === 'approved').map((p) => p.apiproduct);
    if (names.length === 0) return undefined;
    const products = await this.dataSource
      .getRepository(ApiProduct)
      .find({ select: { scopes: true }, where: { organization: consumer.organization, name: In(names) } });
    const scopes = new Set(products.flatMap((product) => product.scopes));
    return scopes.size === 0 ? undefined : scopes;
  }
}

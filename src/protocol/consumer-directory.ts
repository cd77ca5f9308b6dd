import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { ApiProduct } from '../admin/apiproducts/api-product.entity.js';
import type { CredentialApiProduct } from '../admin/keys/credential.entity.js';
import { fromJson, preparedDatabase, toNumber } from '../database/prepared.js';
import type { PreparedStatement, Row } from '../database/prepared.js';

/** What the protocol needs to know about a consumer key: its credential, its app and the app's developer. */
export interface Consumer {
  consumerKey: string;
  consumerSecret: string;
  /** RSA public key in PEM, for RSA-SHA1. */
  publicKey: string | null;
  organization: string;
  credentialStatus: string;
  credentialExpiresAt: number;
  apiProducts: CredentialApiProduct[];
  appId: string;
  appName: string;
  appStatus: string;
  callbackUrl: string | null;
  developerEmail: string;
  developerStatus: string;
}

function consumerOf(row: Row): Consumer {
  const consumer = { ...row } as unknown as Consumer;
  // PostgreSQL returns bigint as a string; simple-json columns are stored as JSON text.
  consumer.credentialExpiresAt = toNumber(row.credentialExpiresAt);
  consumer.apiProducts = fromJson<CredentialApiProduct[]>(row.apiProducts);
  return consumer;
}

/** Reads consumers for the protocol's hot path: one indexed join per request, a prepared statement. */
@Injectable()
export class ConsumerDirectory {
  private readonly consumerStatement: PreparedStatement<Consumer>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.consumerStatement = preparedDatabase(dataSource).statement(
      'consumers_find',
      `SELECT c."consumerKey", c."consumerSecret", c."publicKey", c."organization",
        c."status" AS "credentialStatus", c."expiresAt" AS "credentialExpiresAt", c."apiProducts",
        a."appId", a."name" AS "appName", a."status" AS "appStatus", a."callbackUrl",
        d."email" AS "developerEmail", d."status" AS "developerStatus"
      FROM "credentials" c
      JOIN "developer_apps" a ON a."appId" = c."appId"
      JOIN "developers" d ON d."developerId" = a."developerId"
      WHERE c."consumerKey" = $1`,
      consumerOf,
    );
  }

  find(consumerKey: string): Promise<Consumer | undefined> {
    return this.consumerStatement.one(consumerKey);
  }

  /**
   * The scopes a consumer may ask for: the union of the scopes of its approved API products, or undefined when none
   * of them defines any (and so nothing restricts the scope).
   */
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

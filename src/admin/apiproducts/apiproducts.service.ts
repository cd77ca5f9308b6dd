import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In, Repository } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AdminErrors } from '../../common/errors/apigee-error.js';
import { preparedDatabase } from '../../database/prepared.js';
import type { BuiltQuery } from '../../database/prepared.js';
import type { AttributeStore, OwnerPath } from '../attributes.js';
import { createdStamp, modifiedStamp } from '../audit.js';
import type { NameValue } from '../../database/columns.js';
import { type Page, pageOptions } from '../paging.js';
import { Credential, type CredentialApiProduct } from '../keys/credential.entity.js';
import { ApiProduct } from './api-product.entity.js';
import { apiProductView, ApiProductView, CreateApiProductDto, UpdateApiProductDto } from './apiproducts.dto.js';

@Injectable()
export class ApiProductsService implements AttributeStore {
  constructor(
    @InjectRepository(ApiProduct) private readonly products: Repository<ApiProduct>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * A key's grants of the named products, in the order given: approved for approvalType auto, pending for manual.
   * Every product must exist in the org (else 404 apiproduct_doesnot_exist).
   */
  async grants(org: string, names: string[]): Promise<CredentialApiProduct[]> {
    const unique = [...new Set(names)];
    if (unique.length === 0) return [];
    const found = await this.products.find({
      select: { name: true, approvalType: true },
      where: { organization: org, name: In(unique) },
    });
    const approvalTypes = new Map(found.map((product) => [product.name, product.approvalType]));
    return unique.map((name) => {
      const approvalType = approvalTypes.get(name);
      if (!approvalType) throw AdminErrors.apiProductNotFound(name);
      return { apiproduct: name, status: approvalType === 'auto' ? 'approved' : 'pending' };
    });
  }

  /** Every scope the named products of the org offer. */
  async scopesOf(org: string, names: string[]): Promise<Set<string>> {
    if (names.length === 0) return new Set();
    const products = await this.products.find({
      select: { scopes: true },
      where: { organization: org, name: In(names) },
    });
    return new Set(products.flatMap((product) => product.scopes));
  }

  async listNames(org: string, page: Page): Promise<string[]> {
    const options = pageOptions<ApiProduct>('name', page, { organization: org });
    return (await this.products.find({ select: { name: true }, ...options })).map((product) => product.name);
  }

  async listViews(org: string, page: Page): Promise<ApiProductView[]> {
    return (await this.products.find(pageOptions<ApiProduct>('name', page, { organization: org }))).map(apiProductView);
  }

  async get(org: string, name: string): Promise<ApiProductView> {
    return apiProductView(await this.find(org, name));
  }

  async create(org: string, body: CreateApiProductDto, actor: string): Promise<ApiProductView> {
    if (await this.products.existsBy({ organization: org, name: body.name })) {
      throw AdminErrors.apiProductExists(body.name);
    }
    const product = this.products.create({
      id: randomUUID(),
      organization: org,
      name: body.name,
      displayName: body.displayName ?? body.name,
      description: body.description ?? '',
      approvalType: body.approvalType ?? 'auto',
      scopes: body.scopes ?? [],
      attributes: body.attributes ?? [],
      apiResources: body.apiResources ?? [],
      environments: body.environments ?? [],
      proxies: body.proxies ?? [],
      quota: body.quota ?? null,
      quotaInterval: body.quotaInterval ?? null,
      quotaTimeUnit: body.quotaTimeUnit ?? null,
      ...createdStamp(actor, this.clock.now()),
    });
    // A copy: on PostgreSQL, TypeORM writes the columns' returned defaults into the inserted object as raw text (the
    // JSON lists as strings), which the view must not see.
    await this.products.insert({ ...product });
    return apiProductView(product);
  }

  async update(org: string, name: string, body: UpdateApiProductDto, actor: string): Promise<ApiProductView> {
    const product = await this.find(org, name);
    if (body.name !== undefined && body.name !== product.name) {
      throw AdminErrors.invalidRequest(`name ${body.name} does not match the API product ${product.name}`);
    }
    const changes: Partial<ApiProduct> = {
      displayName: body.displayName ?? product.displayName,
      description: body.description ?? product.description,
      approvalType: body.approvalType ?? product.approvalType,
      scopes: body.scopes ?? product.scopes,
      attributes: body.attributes ?? product.attributes,
      apiResources: body.apiResources ?? product.apiResources,
      environments: body.environments ?? product.environments,
      proxies: body.proxies ?? product.proxies,
      quota: body.quota ?? product.quota,
      quotaInterval: body.quotaInterval ?? product.quotaInterval,
      quotaTimeUnit: body.quotaTimeUnit ?? product.quotaTimeUnit,
      ...modifiedStamp(actor, this.clock.now()),
    };
    await this.products.update({ id: product.id }, changes);
    return apiProductView({ ...product, ...changes });
  }

  async readAttributes(path: OwnerPath): Promise<NameValue[]> {
    return (await this.find(path.org, path.name)).attributes;
  }

  async writeAttributes(path: OwnerPath, attributes: NameValue[], actor: string): Promise<void> {
    const product = await this.find(path.org, path.name);
    await this.products.update({ id: product.id }, { attributes, ...modifiedStamp(actor, this.clock.now()) });
  }

  /**
   * Also takes the product off the org's keys, so that a product created later under the same name grants nothing
   * to them. Credentials are not indexed by org, but deleting a product is rare.
   */
  async delete(org: string, name: string): Promise<ApiProductView> {
    const product = await this.find(org, name);
    const credentials = await this.dataSource.manager.find(Credential, {
      select: { consumerKey: true, apiProducts: true },
      where: { organization: org },
    });
    const writes: BuiltQuery[] = [];
    for (const credential of credentials) {
      const remaining = credential.apiProducts.filter((grant) => grant.apiproduct !== name);
      if (remaining.length === credential.apiProducts.length) continue;
      writes.push(
        this.dataSource
          .createQueryBuilder()
          .update(Credential)
          .set({ apiProducts: remaining })
          .where({ consumerKey: credential.consumerKey })
          .getQueryAndParameters(),
      );
    }
    writes.push(
      this.dataSource.createQueryBuilder().delete().from(ApiProduct).where({ id: product.id }).getQueryAndParameters(),
    );
    await preparedDatabase(this.dataSource).executeAtomically(writes);
    return apiProductView(product);
  }

  private async find(org: string, name: string): Promise<ApiProduct> {
    const product = await this.products.findOneBy({ organization: org, name });
    if (!product) throw AdminErrors.apiProductNotFound(name);
    return product;
  }
}

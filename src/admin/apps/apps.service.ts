import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type FindOptionsWhere, In, IsNull, Not, Repository } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AdminErrors } from '../../common/errors/apigee-error.js';
import { CONSUMER_KEY_LENGTH, CONSUMER_SECRET_LENGTH, randomAlphanumeric } from '../../common/random.js';
import { preparedDatabase } from '../../database/prepared.js';
import { ApiProductsService } from '../apiproducts/apiproducts.service.js';
import { CompaniesService } from '../companies/companies.service.js';
import { DevelopersService } from '../developers/developers.service.js';
import { Credential, type CredentialApiProduct } from '../keys/credential.entity.js';
import { credentialView } from '../keys/keys.dto.js';
import { approvalStatus, type ApprovalAction } from '../admin-routes.js';
import type { AttributeStore, OwnerPath } from '../attributes.js';
import { createdStamp, modifiedStamp } from '../audit.js';
import type { NameValue } from '../../database/columns.js';
import { type Page, pageOptions } from '../paging.js';
import { appView, AppView, CreateAppDto, type OrgAppsQuery, UpdateAppDto } from './apps.dto.js';
import { DeveloperApp } from './developer-app.entity.js';

/** Who owns an app, as its path names them: /developers/{email or id}/apps or /companies/{name}/apps. */
export type AppOwnerRef = { developer: string } | { company: string };

/** The owner named by a route's path parameters (`:company` or `:email`). */
export const ownerRefOf = (path: OwnerPath): AppOwnerRef =>
  path.company !== undefined ? { company: path.company } : { developer: path.email };

/** An owner found in the org: the column its apps are keyed by, and how messages name it. */
interface AppOwner {
  key: { developerId: string } | { companyId: string };
  /** The developer's email or the company's name. */
  label: string;
}

export interface AppInOrg {
  owner: AppOwner;
  app: DeveloperApp;
}

@Injectable()
export class AppsService implements AttributeStore {
  constructor(
    @InjectRepository(DeveloperApp) private readonly apps: Repository<DeveloperApp>,
    @InjectRepository(Credential) private readonly credentials: Repository<Credential>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly developers: DevelopersService,
    private readonly companies: CompaniesService,
    private readonly products: ApiProductsService,
    private readonly clock: Clock,
  ) {}

  /** The developer or company a path names in an org. */
  private async owner(org: string, ref: AppOwnerRef): Promise<AppOwner> {
    if ('company' in ref) {
      const company = await this.companies.find(org, ref.company);
      return { key: { companyId: company.companyId }, label: company.name };
    }
    const developer = await this.developers.find(org, ref.developer);
    return { key: { developerId: developer.developerId }, label: developer.email };
  }

  /**
   * The app a path names: /developers/{email}/apps/{name} or /companies/{company}/apps/{name} in an org. Keys
   * resolve their app through this.
   */
  async find(org: string, ownerRef: AppOwnerRef, name: string): Promise<AppInOrg> {
    const owner = await this.owner(org, ownerRef);
    const app = await this.apps.findOneBy({ ...owner.key, name });
    if (!app) throw AdminErrors.appNotFound(name, owner.label);
    return { owner, app };
  }

  async listNames(org: string, ownerRef: AppOwnerRef, page: Page): Promise<string[]> {
    const owner = await this.owner(org, ownerRef);
    const apps = await this.apps.find({
      select: { name: true },
      ...pageOptions<DeveloperApp>('name', page, owner.key),
    });
    return apps.map((app) => app.name);
  }

  async listViews(org: string, ownerRef: AppOwnerRef, page: Page): Promise<AppView[]> {
    const owner = await this.owner(org, ownerRef);
    return this.describe(await this.apps.find(pageOptions<DeveloperApp>('name', page, owner.key)));
  }

  async get(org: string, ownerRef: AppOwnerRef, name: string): Promise<AppView> {
    const { app } = await this.find(org, ownerRef, name);
    return (await this.describe([app]))[0];
  }

  /** Creates the app with one generated, approved key holding the requested API products. */
  async create(org: string, ownerRef: AppOwnerRef, body: CreateAppDto, actor: string): Promise<AppView> {
    const owner = await this.owner(org, ownerRef);
    if (await this.apps.existsBy({ ...owner.key, name: body.name })) {
      throw AdminErrors.appExists(body.name);
    }
    const grants = await this.products.grants(org, body.apiProducts ?? []);
    const now = this.clock.now();
    const app = this.apps.create({
      appId: randomUUID(),
      organization: org,
      developerId: null,
      companyId: null,
      ...owner.key,
      name: body.name,
      callbackUrl: body.callbackUrl || null,
      status: 'approved',
      attributes: body.attributes ?? [],
      scopes: body.scopes ?? [],
      appFamily: body.appFamily ?? 'default',
      ...createdStamp(actor, now),
    });
    const credential = this.generatedCredential(app, grants, body.keyExpiresIn, now);
    const insert = () => this.dataSource.createQueryBuilder().insert();
    await preparedDatabase(this.dataSource).executeAtomically([
      insert().into(DeveloperApp).values(app).getQueryAndParameters(),
      insert().into(Credential).values(credential).getQueryAndParameters(),
    ]);
    return (await this.describe([app], { keys: [credential] }))[0];
  }

  /** Replaces the given fields; with apiProducts, also adds a generated key holding them (Apigee's new key). */
  async update(org: string, ownerRef: AppOwnerRef, name: string, body: UpdateAppDto, actor: string): Promise<AppView> {
    const { app } = await this.find(org, ownerRef, name);
    if (body.name !== undefined && body.name !== app.name) {
      throw AdminErrors.invalidRequest(`name ${body.name} does not match the app ${app.name}`);
    }
    const now = this.clock.now();
    const changes: Partial<DeveloperApp> = {
      callbackUrl: body.callbackUrl === undefined ? app.callbackUrl : body.callbackUrl || null,
      attributes: body.attributes ?? app.attributes,
      scopes: body.scopes ?? app.scopes,
      appFamily: body.appFamily ?? app.appFamily,
      ...modifiedStamp(actor, now),
    };
    const query = () => this.dataSource.createQueryBuilder();
    const writes = [query().update(DeveloperApp).set(changes).where({ appId: app.appId }).getQueryAndParameters()];
    if (body.apiProducts !== undefined) {
      const grants = await this.products.grants(org, body.apiProducts);
      const credential = this.generatedCredential({ ...app, ...changes }, grants, body.keyExpiresIn, now);
      writes.push(query().insert().into(Credential).values(credential).getQueryAndParameters());
    }
    await preparedDatabase(this.dataSource).executeAtomically(writes);
    return (await this.describe([{ ...app, ...changes }]))[0];
  }

  /** A new approved key with a generated key and secret, expiring keyExpiresIn ms from now (absent or -1: never). */
  private generatedCredential(
    app: DeveloperApp,
    grants: CredentialApiProduct[],
    keyExpiresIn: number | undefined,
    now: number,
  ): Credential {
    return this.credentials.create({
      consumerKey: randomAlphanumeric(CONSUMER_KEY_LENGTH),
      consumerSecret: randomAlphanumeric(CONSUMER_SECRET_LENGTH),
      organization: app.organization,
      appId: app.appId,
      status: 'approved',
      issuedAt: now,
      expiresAt: keyExpiresIn === undefined || keyExpiresIn === -1 ? -1 : now + keyExpiresIn,
      scopes: app.scopes,
      attributes: [],
      apiProducts: grants,
      publicKey: null,
    });
  }

  async readAttributes(path: OwnerPath): Promise<NameValue[]> {
    return (await this.find(path.org, ownerRefOf(path), path.app)).app.attributes;
  }

  async writeAttributes(path: OwnerPath, attributes: NameValue[], actor: string): Promise<void> {
    const { app } = await this.find(path.org, ownerRefOf(path), path.app);
    await this.apps.update({ appId: app.appId }, { attributes, ...modifiedStamp(actor, this.clock.now()) });
  }

  async setStatus(
    org: string,
    ownerRef: AppOwnerRef,
    name: string,
    action: ApprovalAction,
    actor: string,
  ): Promise<void> {
    const { app } = await this.find(org, ownerRef, name);
    await this.apps.update(
      { appId: app.appId },
      { status: approvalStatus(action), ...modifiedStamp(actor, this.clock.now()) },
    );
  }

  /** Records who changed one of the app's keys, and when. */
  async touch(app: DeveloperApp, actor: string): Promise<void> {
    await this.apps.update({ appId: app.appId }, modifiedStamp(actor, this.clock.now()));
  }

  /** Deletes the app with (the schema's cascade) its keys and the OAuth records issued to them. */
  async delete(org: string, ownerRef: AppOwnerRef, name: string): Promise<AppView> {
    const { app } = await this.find(org, ownerRef, name);
    const [view] = await this.describe([app]);
    await this.apps.delete({ appId: app.appId });
    return view;
  }

  /** One page of the org's appIds, developer and company apps alike, sorted (GET /apps). */
  async listIdsInOrg(org: string, query: OrgAppsQuery, page: Page): Promise<string[]> {
    const apps = await this.apps.find({ select: { appId: true }, ...this.inOrg(org, query, page) });
    return apps.map((app) => app.appId);
  }

  /** The same page as full records (GET /apps?expand=true), without credentials for includeCred=false. */
  async listViewsInOrg(org: string, query: OrgAppsQuery, page: Page): Promise<AppView[]> {
    return this.describe(await this.apps.find(this.inOrg(org, query, page)), { includeCredentials: query.includeCred });
  }

  private inOrg(org: string, query: OrgAppsQuery, page: Page) {
    const where: FindOptionsWhere<DeveloperApp> = { organization: org };
    if (query.status !== undefined) where.status = query.status;
    if (query.apptype === 'developer') where.developerId = Not(IsNull());
    if (query.apptype === 'company') where.companyId = Not(IsNull());
    return pageOptions<DeveloperApp>('appId', page, where);
  }

  /** Any app of the org by its appId (GET /apps/{appId}). */
  async getInOrg(org: string, appId: string): Promise<AppView> {
    const app = await this.apps.findOneBy({ organization: org, appId });
    if (!app) throw AdminErrors.appIdNotFound(appId, org);
    return (await this.describe([app]))[0];
  }

  /**
   * Views of apps with their keys (read in one query unless given, left out for includeCredentials=false) and, for
   * company apps, the company's name (in another).
   */
  private async describe(
    apps: DeveloperApp[],
    { keys, includeCredentials = true }: { keys?: Credential[]; includeCredentials?: boolean } = {},
  ): Promise<AppView[]> {
    if (apps.length === 0) return [];
    const [credentials, companyNames] = await Promise.all([
      !includeCredentials
        ? []
        : (keys ??
          this.credentials.find({
            where: { appId: In(apps.map((app) => app.appId)) },
            order: { issuedAt: 'ASC', consumerKey: 'ASC' },
          })),
      this.companies.namesOf([...new Set(apps.flatMap((app) => (app.companyId === null ? [] : [app.companyId])))]),
    ]);
    const byApp = new Map<string, Credential[]>();
    for (const credential of credentials)
      byApp.set(credential.appId, [...(byApp.get(credential.appId) ?? []), credential]);
    return apps.map((app) =>
      appView(
        app,
        includeCredentials ? (byApp.get(app.appId) ?? []).map(credentialView) : undefined,
        app.companyId === null ? undefined : companyNames.get(app.companyId),
      ),
    );
  }
}

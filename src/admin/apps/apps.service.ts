import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In, Repository } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AdminErrors } from '../../common/errors/apigee-error.js';
import { CONSUMER_KEY_LENGTH, CONSUMER_SECRET_LENGTH, randomAlphanumeric } from '../../common/random.js';
import { preparedDatabase } from '../../database/prepared.js';
import { ApiProductsService } from '../apiproducts/apiproducts.service.js';
import { CompaniesService } from '../companies/companies.service.js';
import { DevelopersService } from '../developers/developers.service.js';
import { Credential } from '../keys/credential.entity.js';
import { credentialView } from '../keys/keys.dto.js';
import { approvalStatus, type ApprovalAction } from '../admin-routes.js';
import { createdStamp, modifiedStamp } from '../audit.js';
import { appView, AppView, CreateAppDto, UpdateAppDto } from './apps.dto.js';
import { DeveloperApp } from './developer-app.entity.js';

/** Who owns an app, as its path names them: /developers/{email or id}/apps or /companies/{name}/apps. */
export type AppOwnerRef = { developer: string } | { company: string };

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
export class AppsService {
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

  async listNames(org: string, ownerRef: AppOwnerRef): Promise<string[]> {
    const owner = await this.owner(org, ownerRef);
    const apps = await this.apps.find({ select: { name: true }, where: owner.key, order: { name: 'ASC' } });
    return apps.map((app) => app.name);
  }

  async listViews(org: string, ownerRef: AppOwnerRef): Promise<AppView[]> {
    const owner = await this.owner(org, ownerRef);
    const apps = await this.apps.find({ where: owner.key, order: { name: 'ASC' } });
    return this.describe(apps);
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
    const keyExpiresIn = body.keyExpiresIn ?? -1;
    const credential = this.credentials.create({
      consumerKey: randomAlphanumeric(CONSUMER_KEY_LENGTH),
      consumerSecret: randomAlphanumeric(CONSUMER_SECRET_LENGTH),
      organization: org,
      appId: app.appId,
      status: 'approved',
      issuedAt: now,
      expiresAt: keyExpiresIn === -1 ? -1 : now + keyExpiresIn,
      scopes: app.scopes,
      attributes: [],
      apiProducts: grants,
      publicKey: null,
    });
    const insert = () => this.dataSource.createQueryBuilder().insert();
    await preparedDatabase(this.dataSource).executeAtomically([
      insert().into(DeveloperApp).values(app).getQueryAndParameters(),
      insert().into(Credential).values(credential).getQueryAndParameters(),
    ]);
    return (await this.describe([app], [credential]))[0];
  }

  async update(org: string, ownerRef: AppOwnerRef, name: string, body: UpdateAppDto, actor: string): Promise<AppView> {
    const { app } = await this.find(org, ownerRef, name);
    if (body.name !== undefined && body.name !== app.name) {
      throw AdminErrors.invalidRequest(`name ${body.name} does not match the app ${app.name}`);
    }
    const changes: Partial<DeveloperApp> = {
      callbackUrl: body.callbackUrl === undefined ? app.callbackUrl : body.callbackUrl || null,
      attributes: body.attributes ?? app.attributes,
      scopes: body.scopes ?? app.scopes,
      appFamily: body.appFamily ?? app.appFamily,
      ...modifiedStamp(actor, this.clock.now()),
    };
    await this.apps.update({ appId: app.appId }, changes);
    return (await this.describe([{ ...app, ...changes }]))[0];
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

  /**
   * Views of apps with their keys (read in one query unless given) and, for company apps, the company's name (in
   * another).
   */
  private async describe(apps: DeveloperApp[], keys?: Credential[]): Promise<AppView[]> {
    if (apps.length === 0) return [];
    const [credentials, companyNames] = await Promise.all([
      keys ??
        this.credentials.find({
          where: { appId: In(apps.map((app) => app.appId)) },
          order: { issuedAt: 'ASC', consumerKey: 'ASC' },
        }),
      this.companies.namesOf([...new Set(apps.flatMap((app) => (app.companyId === null ? [] : [app.companyId])))]),
    ]);
    const byApp = new Map<string, Credential[]>();
    for (const credential of credentials)
      byApp.set(credential.appId, [...(byApp.get(credential.appId) ?? []), credential]);
    return apps.map((app) =>
      appView(
        app,
        (byApp.get(app.appId) ?? []).map(credentialView),
        app.companyId === null ? undefined : companyNames.get(app.companyId),
      ),
    );
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In, Repository } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AdminErrors } from '../../common/errors/apigee-error.js';
import { CONSUMER_KEY_LENGTH, CONSUMER_SECRET_LENGTH, randomAlphanumeric } from '../../common/random.js';
import { preparedDatabase } from '../../database/prepared.js';
import { ApiProductsService } from '../apiproducts/apiproducts.service.js';
import type { Developer } from '../developers/developer.entity.js';
import { DevelopersService } from '../developers/developers.service.js';
import { Credential } from '../keys/credential.entity.js';
import { credentialView } from '../keys/keys.dto.js';
import { approvalStatus, type ApprovalAction } from '../admin-routes.js';
import { createdStamp, modifiedStamp } from '../audit.js';
import { type Page, pageOptions } from '../paging.js';
import { appView, AppView, CreateAppDto, UpdateAppDto } from './apps.dto.js';
import { DeveloperApp } from './developer-app.entity.js';

export interface AppInOrg {
  developer: Developer;
  app: DeveloperApp;
}

@Injectable()
export class AppsService {
  constructor(
    @InjectRepository(DeveloperApp) private readonly apps: Repository<DeveloperApp>,
    @InjectRepository(Credential) private readonly credentials: Repository<Credential>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly developers: DevelopersService,
    private readonly products: ApiProductsService,
    private readonly clock: Clock,
  ) {}

  /** The app a path names: /developers/{email}/apps/{name} in an org. Keys resolve their app through this. */
  async find(org: string, email: string, name: string): Promise<AppInOrg> {
    const developer = await this.developers.find(org, email);
    const app = await this.apps.findOneBy({ developerId: developer.developerId, name });
    if (!app) throw AdminErrors.appNotFound(name, developer.email);
    return { developer, app };
  }

  async listNames(org: string, email: string, page: Page): Promise<string[]> {
    const developer = await this.developers.find(org, email);
    const options = pageOptions<DeveloperApp>('name', page, { developerId: developer.developerId });
    const apps = await this.apps.find({ select: { name: true }, ...options });
    return apps.map((app) => app.name);
  }

  async listViews(org: string, email: string, page: Page): Promise<AppView[]> {
    const developer = await this.developers.find(org, email);
    return this.describe(
      await this.apps.find(pageOptions<DeveloperApp>('name', page, { developerId: developer.developerId })),
    );
  }

  async get(org: string, email: string, name: string): Promise<AppView> {
    const { app } = await this.find(org, email, name);
    return (await this.describe([app]))[0];
  }

  /** Creates the app with one generated, approved key holding the requested API products. */
  async create(org: string, email: string, body: CreateAppDto, actor: string): Promise<AppView> {
    const developer = await this.developers.find(org, email);
    if (await this.apps.existsBy({ developerId: developer.developerId, name: body.name })) {
      throw AdminErrors.appExists(body.name);
    }
    const grants = await this.products.grants(org, body.apiProducts ?? []);
    const now = this.clock.now();
    const app = this.apps.create({
      appId: randomUUID(),
      organization: org,
      developerId: developer.developerId,
      name: body.name,
      callbackUrl: body.callbackUrl || null,
      status: 'approved',
      attributes: body.attributes ?? [],
      scopes: body.scopes ?? [],
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
    return appView(app, [credentialView(credential)]);
  }

  async update(org: string, email: string, name: string, body: UpdateAppDto, actor: string): Promise<AppView> {
    const { app } = await this.find(org, email, name);
    if (body.name !== undefined && body.name !== app.name) {
      throw AdminErrors.invalidRequest(`name ${body.name} does not match the app ${app.name}`);
    }
    const changes: Partial<DeveloperApp> = {
      callbackUrl: body.callbackUrl === undefined ? app.callbackUrl : body.callbackUrl || null,
      attributes: body.attributes ?? app.attributes,
      scopes: body.scopes ?? app.scopes,
      ...modifiedStamp(actor, this.clock.now()),
    };
    await this.apps.update({ appId: app.appId }, changes);
    return (await this.describe([{ ...app, ...changes }]))[0];
  }

  async setStatus(org: string, email: string, name: string, action: ApprovalAction, actor: string): Promise<void> {
    const { app } = await this.find(org, email, name);
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
  async delete(org: string, email: string, name: string): Promise<AppView> {
    const { app } = await this.find(org, email, name);
    const [view] = await this.describe([app]);
    await this.apps.delete({ appId: app.appId });
    return view;
  }

  /** Views of apps with their keys, read in one query. */
  private async describe(apps: DeveloperApp[]): Promise<AppView[]> {
    if (apps.length === 0) return [];
    const credentials = await this.credentials.find({
      where: { appId: In(apps.map((app) => app.appId)) },
      order: { issuedAt: 'ASC', consumerKey: 'ASC' },
    });
    const byApp = new Map<string, Credential[]>();
    for (const credential of credentials)
      byApp.set(credential.appId, [...(byApp.get(credential.appId) ?? []), credential]);
    return apps.map((app) => appView(app, (byApp.get(app.appId) ?? []).map(credentialView)));
  }
}

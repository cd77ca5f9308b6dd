import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { type FindOptionsWhere, In, IsNull, Not, Repository } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AdminErrors } from '../../common/errors/apigee-error.js';
import { DeveloperApp } from '../apps/developer-app.entity.js';
import { CompanyDeveloper } from '../companies/company.entity.js';
import type { AttributeStore, OwnerPath } from '../attributes.js';
import { createdStamp, modifiedStamp } from '../audit.js';
import type { NameValue } from '../../database/columns.js';
import { type Page, pageOptions } from '../paging.js';
import { Developer } from './developer.entity.js';
import { CreateDeveloperDto, developerView, DeveloperView, UpdateDeveloperDto } from './developers.dto.js';

export const DEVELOPER_ACTIONS = ['active', 'inactive'] as const;
export type DeveloperAction = (typeof DEVELOPER_ACTIONS)[number];

@Injectable()
export class DevelopersService implements AttributeStore {
  constructor(
    @InjectRepository(Developer) private readonly developers: Repository<Developer>,
    @InjectRepository(DeveloperApp) private readonly apps: Repository<DeveloperApp>,
    @InjectRepository(CompanyDeveloper) private readonly memberships: Repository<CompanyDeveloper>,
    private readonly clock: Clock,
  ) {}

  /**
   * The developer a path names in an org: by email in any case, or by developerId as Apigee also accepts.
   * Apps and keys resolve their developer through this.
   */
  async find(org: string, emailOrId: string): Promise<Developer> {
    const byEmail = emailOrId.includes('@');
    const key = byEmail ? emailOrId.toLowerCase() : emailOrId;
    const developer = await this.developers.findOneBy(
      byEmail ? { organization: org, email: key } : { organization: org, developerId: key },
    );
    if (!developer) throw AdminErrors.developerNotFound(key, org);
    return developer;
  }

  async listEmails(org: string, page: Page, appName?: string): Promise<string[]> {
    const options = pageOptions<Developer>('email', page, await this.listed(org, appName));
    const developers = await this.developers.find({ select: { email: true }, ...options });
    return developers.map((developer) => developer.email);
  }

  async listViews(org: string, page: Page, appName?: string): Promise<DeveloperView[]> {
    const developers = await this.developers.find(
      pageOptions<Developer>('email', page, await this.listed(org, appName)),
    );
    if (developers.length === 0) return [];
    const [apps, companies] = await Promise.all([
      this.apps.find({
        select: { developerId: true, name: true },
        where: { developerId: In(developers.map((developer) => developer.developerId)) },
        order: { name: 'ASC' },
      }),
      this.companyNames(
        org,
        developers.map((developer) => developer.developerId),
      ),
    ]);
    const appNames = new Map<string, string[]>();
    for (const { developerId, name } of apps) {
      if (developerId === null) continue;
      appNames.set(developerId, [...(appNames.get(developerId) ?? []), name]);
    }
    return developers.map((developer) =>
      developerView(developer, appNames.get(developer.developerId) ?? [], companies.get(developer.developerId) ?? []),
    );
  }

  /** Which developers a list shows: the org's, or with ?app= those who have an app of that name (Apigee's lookup). */
  private async listed(org: string, appName: string | undefined): Promise<FindOptionsWhere<Developer>> {
    if (appName === undefined) return { organization: org };
    const apps = await this.apps.find({
      select: { developerId: true },
      where: { organization: org, name: appName, developerId: Not(IsNull()) },
    });
    return { organization: org, developerId: In(apps.map((app) => app.developerId as string)) };
  }

  async get(org: string, email: string): Promise<DeveloperView> {
    const developer = await this.find(org, email);
    return this.viewOf(developer);
  }

  async create(org: string, body: CreateDeveloperDto, actor: string): Promise<DeveloperView> {
    if (await this.developers.existsBy({ organization: org, email: body.email })) {
      throw AdminErrors.developerExists(body.email, org);
    }
    const developer = this.developers.create({
      developerId: randomUUID(),
      organization: org,
      email: body.email,
      firstName: body.firstName,
      lastName: body.lastName,
      userName: body.userName,
      status: 'active',
      attributes: body.attributes ?? [],
      ...createdStamp(actor, this.clock.now()),
    });
    await this.developers.insert(developer);
    return developerView(developer, []);
  }

  async update(org: string, email: string, body: UpdateDeveloperDto, actor: string): Promise<DeveloperView> {
    const developer = await this.find(org, email);
    if (body.email !== undefined && body.email !== developer.email) {
      if (await this.developers.existsBy({ organization: org, email: body.email })) {
        throw AdminErrors.developerExists(body.email, org);
      }
    }
    const changes: Partial<Developer> = {
      email: body.email ?? developer.email,
      firstName: body.firstName ?? developer.firstName,
      lastName: body.lastName ?? developer.lastName,
      userName: body.userName ?? developer.userName,
      attributes: body.attributes ?? developer.attributes,
      ...modifiedStamp(actor, this.clock.now()),
    };
    await this.developers.update({ developerId: developer.developerId }, changes);
    return this.viewOf({ ...developer, ...changes });
  }

  async readAttributes(path: OwnerPath): Promise<NameValue[]> {
    return (await this.find(path.org, path.email)).attributes;
  }

  async writeAttributes(path: OwnerPath, attributes: NameValue[], actor: string): Promise<void> {
    const developer = await this.find(path.org, path.email);
    await this.developers.update(
      { developerId: developer.developerId },
      { attributes, ...modifiedStamp(actor, this.clock.now()) },
    );
  }

  async setStatus(org: string, email: string, action: DeveloperAction, actor: string): Promise<void> {
    const developer = await this.find(org, email);
    await this.developers.update(
      { developerId: developer.developerId },
      { status: action, ...modifiedStamp(actor, this.clock.now()) },
    );
  }

  /** Deletes the developer with (the schema's cascade) its apps, their keys and the OAuth records issued to them. */
  async delete(org: string, email: string): Promise<DeveloperView> {
    const developer = await this.find(org, email);
    const view = await this.viewOf(developer);
    await this.developers.delete({ developerId: developer.developerId });
    return view;
  }

  private async viewOf(developer: Developer): Promise<DeveloperView> {
    const [apps, companies] = await Promise.all([
      this.appNames(developer),
      this.companyNames(developer.organization, [developer.developerId]),
    ]);
    return developerView(developer, apps, companies.get(developer.developerId) ?? []);
  }

  /** The names of the companies each of these developers of the org belongs to, by developerId. */
  private async companyNames(org: string, developerIds: string[]): Promise<Map<string, string[]>> {
    const query = this.memberships
      .createQueryBuilder('m')
      .innerJoin('companies', 'c', 'c."companyId" = m."companyId"')
      .select(['m."developerId" AS "developerId"', 'c."name" AS "name"'])
      .where('c."organization" = :org', { org })
      .andWhere('m."developerId" IN (:...developerIds)', { developerIds })
      .orderBy('c."name"', 'ASC');
    const names = new Map<string, string[]>();
    for (const row of await query.getRawMany<{ developerId: string; name: string }>()) {
      names.set(row.developerId, [...(names.get(row.developerId) ?? []), row.name]);
    }
    return names;
  }

  private async appNames(developer: Developer): Promise<string[]> {
    const apps = await this.apps.find({
      select: { name: true },
      where: { developerId: developer.developerId },
      order: { name: 'ASC' },
    });
    return apps.map((app) => app.name);
  }
}

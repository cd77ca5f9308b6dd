import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { In, Repository } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AdminErrors } from '../../common/errors/apigee-error.js';
import type { NameValue } from '../../database/columns.js';
import { DeveloperApp } from '../apps/developer-app.entity.js';
import type { AttributeStore, OwnerPath } from '../attributes.js';
import { type Page, pageOptions } from '../paging.js';
import { createdStamp, modifiedStamp } from '../audit.js';
import { DevelopersService } from '../developers/developers.service.js';
import {
  CompanyDevelopersDto,
  CompanyDevelopersView,
  CompanyDeveloperView,
  companyView,
  CompanyView,
  CreateCompanyDto,
  UpdateCompanyDto,
} from './companies.dto.js';
import { Company, CompanyDeveloper } from './company.entity.js';

export const COMPANY_ACTIONS = ['active', 'inactive'] as const;
export type CompanyAction = (typeof COMPANY_ACTIONS)[number];

@Injectable()
export class CompaniesService implements AttributeStore {
  constructor(
    @InjectRepository(Company) private readonly companies: Repository<Company>,
    @InjectRepository(CompanyDeveloper) private readonly members: Repository<CompanyDeveloper>,
    @InjectRepository(DeveloperApp) private readonly apps: Repository<DeveloperApp>,
    private readonly developers: DevelopersService,
    private readonly clock: Clock,
  ) {}

  /** The company a path names in an org. Company apps and keys resolve their company through this. */
  async find(org: string, name: string): Promise<Company> {
    const company = await this.companies.findOneBy({ organization: org, name });
    if (!company) throw AdminErrors.companyNotFound(name, org);
    return company;
  }

  /** Company names by companyId, for the views of company apps. */
  async namesOf(companyIds: string[]): Promise<Map<string, string>> {
    if (companyIds.length === 0) return new Map();
    const companies = await this.companies.find({
      select: { companyId: true, name: true },
      where: { companyId: In(companyIds) },
    });
    return new Map(companies.map((company) => [company.companyId, company.name]));
  }

  async listNames(org: string, page: Page): Promise<string[]> {
    const options = pageOptions<Company>('name', page, { organization: org });
    const companies = await this.companies.find({ select: { name: true }, ...options });
    return companies.map((company) => company.name);
  }

  async listViews(org: string, page: Page): Promise<CompanyView[]> {
    const companies = await this.companies.find(pageOptions<Company>('name', page, { organization: org }));
    if (companies.length === 0) return [];
    const apps = await this.apps.find({
      select: { companyId: true, name: true },
      where: { companyId: In(companies.map((company) => company.companyId)) },
      order: { name: 'ASC' },
    });
    const appNames = new Map<string, string[]>();
    for (const { companyId, name } of apps) {
      if (companyId === null) continue;
      appNames.set(companyId, [...(appNames.get(companyId) ?? []), name]);
    }
    return companies.map((company) => companyView(company, appNames.get(company.companyId) ?? []));
  }

  async readAttributes(path: OwnerPath): Promise<NameValue[]> {
    return (await this.find(path.org, path.company)).attributes;
  }

  async writeAttributes(path: OwnerPath, attributes: NameValue[], actor: string): Promise<void> {
    const company = await this.find(path.org, path.company);
    await this.companies.update(
      { companyId: company.companyId },
      { attributes, ...modifiedStamp(actor, this.clock.now()) },
    );
  }

  async get(org: string, name: string): Promise<CompanyView> {
    const company = await this.find(org, name);
    return companyView(company, await this.appNames(company));
  }

  async create(org: string, body: CreateCompanyDto, actor: string): Promise<CompanyView> {
    if (await this.companies.existsBy({ organization: org, name: body.name })) {
      throw AdminErrors.companyExists(body.name, org);
    }
    const company = this.companies.create({
      companyId: randomUUID(),
      organization: org,
      name: body.name,
      displayName: body.displayName ?? body.name,
      status: 'active',
      attributes: body.attributes ?? [],
      ...createdStamp(actor, this.clock.now()),
    });
    await this.companies.insert(company);
    return companyView(company, []);
  }

  async update(org: string, name: string, body: UpdateCompanyDto, actor: string): Promise<CompanyView> {
    const company = await this.find(org, name);
    if (body.name !== undefined && body.name !== company.name) {
      throw AdminErrors.invalidRequest(`name ${body.name} does not match the company ${company.name}`);
    }
    const changes: Partial<Company> = {
      displayName: body.displayName ?? company.displayName,
      attributes: body.attributes ?? company.attributes,
      ...modifiedStamp(actor, this.clock.now()),
    };
    await this.companies.update({ companyId: company.companyId }, changes);
    const updated = { ...company, ...changes };
    return companyView(updated, await this.appNames(updated));
  }

  async setStatus(org: string, name: string, action: CompanyAction, actor: string): Promise<void> {
    const company = await this.find(org, name);
    await this.companies.update(
      { companyId: company.companyId },
      { status: action, ...modifiedStamp(actor, this.clock.now()) },
    );
  }

  /** Deletes the company with (the schema's cascade) its memberships, apps, their keys and OAuth records. */
  async delete(org: string, name: string): Promise<CompanyView> {
    const company = await this.find(org, name);
    const appNames = await this.appNames(company);
    await this.companies.delete({ companyId: company.companyId });
    return companyView(company, appNames);
  }

  async listDevelopers(org: string, name: string): Promise<CompanyDevelopersView> {
    const company = await this.find(org, name);
    const rows = await this.members
      .createQueryBuilder('m')
      .innerJoin('developers', 'd', 'd."developerId" = m."developerId"')
      .select(['d.email AS "email"', 'm.role AS "role"'])
      .where('m."companyId" = :companyId', { companyId: company.companyId })
      .orderBy('d.email', 'ASC')
      .getRawMany<{ email: string; role: string | null }>();
    return { developer: rows.map(({ email, role }) => ({ email, role: role ?? undefined })) };
  }

  /** Adds the developers given, or sets the role of those already members (Apigee's POST …/developers). */
  async addDevelopers(
    org: string,
    name: string,
    body: CompanyDevelopersDto,
    actor: string,
  ): Promise<CompanyDevelopersView> {
    const company = await this.find(org, name);
    const members: CompanyDeveloper[] = [];
    for (const { email, role } of body.developer) {
      const developer = await this.developers.find(org, email);
      members.push(
        this.members.create({ companyId: company.companyId, developerId: developer.developerId, role: role ?? null }),
      );
    }
    await this.members.upsert(members, ['companyId', 'developerId']);
    await this.companies.update({ companyId: company.companyId }, modifiedStamp(actor, this.clock.now()));
    return this.listDevelopers(org, name);
  }

  /** Ends a developer's membership; one who is not a member is as unknown as a made-up one. */
  async removeDeveloper(org: string, name: string, email: string, actor: string): Promise<CompanyDeveloperView> {
    const company = await this.find(org, name);
    const developer = await this.developers.find(org, email);
    const member = await this.members.findOneBy({ companyId: company.companyId, developerId: developer.developerId });
    if (!member) throw AdminErrors.developerNotFound(developer.email, org);
    await this.members.delete({ companyId: company.companyId, developerId: developer.developerId });
    await this.companies.update({ companyId: company.companyId }, modifiedStamp(actor, this.clock.now()));
    return { email: developer.email, role: member.role ?? undefined };
  }

  private async appNames(company: Company): Promise<string[]> {
    const apps = await this.apps.find({
      select: { name: true },
      where: { companyId: company.companyId },
      order: { name: 'ASC' },
    });
    return apps.map((app) => app.name);
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, AdminAccess } from '../../common/auth/admin-access.js';
import type { Principal } from '../../common/auth/principal.js';
import { ErrorView } from '../../common/dto.js';
import { XmlRoot } from '../../common/http/xml-response.js';
import { ApiAction, ApiExpandableList, isExpanded, parseAction } from '../admin-routes.js';
import { attributesController } from '../attributes.js';
import { ApiPaged, parsePage } from '../paging.js';
import {
  CompanyDevelopersDto,
  CompanyDevelopersView,
  CompanyDeveloperView,
  CompanyView,
  CreateCompanyDto,
  UpdateCompanyDto,
} from './companies.dto.js';
import { COMPANY_ACTIONS, CompaniesService } from './companies.service.js';

const NOT_FOUND = { type: ErrorView, description: 'developer.service.CompanyDoesNotExist' };
const MEMBER_NOT_FOUND = {
  type: ErrorView,
  description: 'developer.service.CompanyDoesNotExist or developer.service.DeveloperIdDoesNotExist',
};

/** GET|POST /companies/{company}/attributes, GET|POST|DELETE …/attributes/{attribute}. */
export const CompanyAttributesController = attributesController(
  'Company',
  'companies',
  ['v1/o/:org/companies/:company', 'v1/organizations/:org/companies/:company'],
  CompaniesService,
  NOT_FOUND.description,
);

@ApiTags('companies')
@Controller(['v1/o/:org/companies', 'v1/organizations/:org/companies'])
export class CompaniesController {
  constructor(private readonly companies: CompaniesService) {}

  @Get()
  @AdminAccess('org')
  @XmlRoot('Companies')
  @ApiExpandableList(CompanyView, 'company', 'Company names')
  @ApiPaged('company name')
  @ApiBadRequestResponse({ type: ErrorView, description: 'A count that is not an integer from 1 to 1000' })
  async list(
    @Param('org') org: string,
    @Query('expand') expand?: string,
    @Query('count') count?: string,
    @Query('startKey') startKey?: string,
  ): Promise<string[] | { company: CompanyView[] }> {
    const page = parsePage(count, startKey);
    if (isExpanded(expand)) return { company: await this.companies.listViews(org, page) };
    return this.companies.listNames(org, page);
  }

  @Post()
  @HttpCode(201)
  @AdminAccess('org')
  @XmlRoot('Company', { attributes: ['name'] })
  @ApiCreatedResponse({ type: CompanyView })
  @ApiBadRequestResponse({ type: ErrorView, description: 'messaging.adaptors.http.flow.InvalidRequest' })
  @ApiConflictResponse({ type: ErrorView, description: 'developer.service.CompanyAlreadyExists' })
  create(@Param('org') org: string, @Body() body: CreateCompanyDto, @Actor() actor: Principal): Promise<CompanyView> {
    return this.companies.create(org, body, actor.email);
  }

  @Get(':company')
  @AdminAccess('org')
  @XmlRoot('Company', { attributes: ['name'] })
  @ApiOkResponse({ type: CompanyView })
  @ApiNotFoundResponse(NOT_FOUND)
  get(@Param('org') org: string, @Param('company') company: string): Promise<CompanyView> {
    return this.companies.get(org, company);
  }

  @Put(':company')
  @AdminAccess('org')
  @XmlRoot('Company', { attributes: ['name'] })
  @ApiOkResponse({ type: CompanyView })
  @ApiBadRequestResponse({ type: ErrorView, description: 'A bad field, or a name that is not the path name' })
  @ApiNotFoundResponse(NOT_FOUND)
  update(
    @Param('org') org: string,
    @Param('company') company: string,
    @Body() body: UpdateCompanyDto,
    @Actor() actor: Principal,
  ): Promise<CompanyView> {
    return this.companies.update(org, company, body, actor.email);
  }

  @Post(':company')
  @AdminAccess('org')
  @ApiAction(COMPANY_ACTIONS, "Sets the company status: an inactive company's apps cannot take part in OAuth")
  @ApiNotFoundResponse(NOT_FOUND)
  async setStatus(
    @Param('org') org: string,
    @Param('company') company: string,
    @Query('action') action: string | undefined,
    @Actor() actor: Principal,
  ): Promise<void> {
    await this.companies.setStatus(org, company, parseAction(action, COMPANY_ACTIONS), actor.email);
  }

  @Delete(':company')
  @AdminAccess('org')
  @XmlRoot('Company', { attributes: ['name'] })
  @ApiOkResponse({ type: CompanyView, description: 'The deleted company; its apps and keys are deleted too' })
  @ApiNotFoundResponse(NOT_FOUND)
  delete(@Param('org') org: string, @Param('company') company: string): Promise<CompanyView> {
    return this.companies.delete(org, company);
  }

  @Get(':company/developers')
  @AdminAccess('org')
  @XmlRoot('Developers')
  @ApiOkResponse({ type: CompanyDevelopersView, description: 'The members, by email' })
  @ApiNotFoundResponse(NOT_FOUND)
  listDevelopers(@Param('org') org: string, @Param('company') company: string): Promise<CompanyDevelopersView> {
    return this.companies.listDevelopers(org, company);
  }

  @Post(':company/developers')
  @AdminAccess('org')
  @HttpCode(200)
  @XmlRoot('Developers')
  @ApiOkResponse({ type: CompanyDevelopersView, description: 'All members, once those given are added or updated' })
  @ApiBadRequestResponse({ type: ErrorView, description: 'messaging.adaptors.http.flow.InvalidRequest' })
  @ApiNotFoundResponse(MEMBER_NOT_FOUND)
  addDevelopers(
    @Param('org') org: string,
    @Param('company') company: string,
    @Body() body: CompanyDevelopersDto,
    @Actor() actor: Principal,
  ): Promise<CompanyDevelopersView> {
    return this.companies.addDevelopers(org, company, body, actor.email);
  }

  @Delete(':company/developers/:email')
  @AdminAccess('org')
  @XmlRoot('Developer')
  @ApiOkResponse({ type: CompanyDeveloperView, description: 'The membership ended' })
  @ApiNotFoundResponse({ ...MEMBER_NOT_FOUND, description: `${MEMBER_NOT_FOUND.description} (also for a non-member)` })
  removeDeveloper(
    @Param('org') org: string,
    @Param('company') company: string,
    @Param('email') email: string,
    @Actor() actor: Principal,
  ): Promise<CompanyDeveloperView> {
    return this.companies.removeDeveloper(org, company, email, actor.email);
  }
}

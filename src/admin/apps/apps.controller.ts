import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Res,
  Type as ClassType,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
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
import { actionOrUpdate, ApiActionOrUpdate, ApiExpandableList, isExpanded } from '../admin-routes.js';
import { attributesController, type OwnerPath } from '../attributes.js';
import { ApiPaged, parsePage } from '../paging.js';
import { AppView, CreateAppDto, UpdateAppDto } from './apps.dto.js';
import { AppsService, ownerRefOf } from './apps.service.js';

/** Who owns apps: a developer (by email or developerId) or a company. */
interface OwnerRoutes {
  /** Names the controllers, and so their operationIds: "Apps", "CompanyApps". */
  name: string;
  /** The owner's paths, under both organization prefixes. */
  paths: string[];
  /** The code of an unknown owner. */
  ownerNotFound: string;
}

const DEVELOPERS: OwnerRoutes = {
  name: 'Apps',
  paths: ['v1/o/:org/developers/:email', 'v1/organizations/:org/developers/:email'],
  ownerNotFound: 'developer.service.DeveloperIdDoesNotExist',
};
const COMPANIES: OwnerRoutes = {
  name: 'CompanyApps',
  paths: ['v1/o/:org/companies/:company', 'v1/organizations/:org/companies/:company'],
  ownerNotFound: 'developer.service.CompanyDoesNotExist',
};

const appNotFound = ({ ownerNotFound }: OwnerRoutes) => `${ownerNotFound} or developer.service.AppDoesNotExist`;

/**
 * An owner's apps (contract 2.4): list, create, read, update (or a new key), approve/revoke, delete. One set of routes
 * for developers' and companies' apps: the path's owner parameter names which.
 */
function appsController(routes: OwnerRoutes): ClassType {
  const NOT_FOUND = { type: ErrorView, description: appNotFound(routes) };

  @ApiTags('apps')
  @Controller(routes.paths.map((path) => `${path}/apps`))
  class AppsController {
    constructor(private readonly apps: AppsService) {}

    @Get()
    @AdminAccess('org')
    @XmlRoot('Apps')
    @ApiExpandableList(AppView, 'app', 'App names')
    @ApiPaged('app name')
    @ApiBadRequestResponse({ type: ErrorView, description: 'A count that is not an integer from 1 to 1000' })
    @ApiNotFoundResponse({ type: ErrorView, description: routes.ownerNotFound })
    async list(
      @Param() path: OwnerPath,
      @Query('expand') expand?: string,
      @Query('count') count?: string,
      @Query('startKey') startKey?: string,
    ): Promise<string[] | { app: AppView[] }> {
      const page = parsePage(count, startKey);
      if (isExpanded(expand)) return { app: await this.apps.listViews(path.org, ownerRefOf(path), page) };
      return this.apps.listNames(path.org, ownerRefOf(path), page);
    }

    @Post()
    @HttpCode(201)
    @AdminAccess('org')
    @XmlRoot('App', { attributes: ['name'] })
    @ApiCreatedResponse({ type: AppView, description: 'The app with its generated key' })
    @ApiBadRequestResponse({ type: ErrorView, description: 'messaging.adaptors.http.flow.InvalidRequest' })
    @ApiNotFoundResponse({
      type: ErrorView,
      description: `${routes.ownerNotFound} or keymanagement.service.apiproduct_doesnot_exist`,
    })
    @ApiConflictResponse({ type: ErrorView, description: 'developer.service.AppAlreadyExists' })
    create(@Param() path: OwnerPath, @Body() body: CreateAppDto, @Actor() actor: Principal): Promise<AppView> {
      return this.apps.create(path.org, ownerRefOf(path), body, actor.email);
    }

    @Get(':app')
    @AdminAccess('org')
    @XmlRoot('App', { attributes: ['name'] })
    @ApiOkResponse({ type: AppView })
    @ApiNotFoundResponse(NOT_FOUND)
    get(@Param() path: OwnerPath): Promise<AppView> {
      return this.apps.get(path.org, ownerRefOf(path), path.app);
    }

    @Put(':app')
    @AdminAccess('org')
    @XmlRoot('App', { attributes: ['name'] })
    @ApiOkResponse({ type: AppView })
    @ApiBadRequestResponse({ type: ErrorView, description: 'A bad field, or a name that is not the path name' })
    @ApiNotFoundResponse(NOT_FOUND)
    update(@Param() path: OwnerPath, @Body() body: UpdateAppDto, @Actor() actor: Principal): Promise<AppView> {
      return this.apps.update(path.org, ownerRefOf(path), path.app, body, actor.email);
    }

    @Post(':app')
    @AdminAccess('org')
    @XmlRoot('App', { attributes: ['name'] })
    @ApiActionOrUpdate(UpdateAppDto, 'the app')
    @ApiOkResponse({ type: AppView, description: 'Without ?action=: the updated app (as PUT)' })
    @ApiBadRequestResponse({ type: ErrorView, description: 'An unknown action or a bad field' })
    @ApiNotFoundResponse(NOT_FOUND)
    async updateOrSetStatus(
      @Param() path: OwnerPath,
      @Query('action') action: string | undefined,
      @Body() body: unknown,
      @Actor() actor: Principal,
      @Res({ passthrough: true }) reply: FastifyReply,
    ): Promise<AppView | undefined> {
      const owner = ownerRefOf(path);
      return actionOrUpdate({ action, body, reply }, UpdateAppDto, {
        act: (approval) => this.apps.setStatus(path.org, owner, path.app, approval, actor.email),
        update: (changes) => this.apps.update(path.org, owner, path.app, changes, actor.email),
      });
    }

    @Delete(':app')
    @AdminAccess('org')
    @XmlRoot('App', { attributes: ['name'] })
    @ApiOkResponse({ type: AppView, description: 'The deleted app; its keys and their OAuth records are deleted too' })
    @ApiNotFoundResponse(NOT_FOUND)
    delete(@Param() path: OwnerPath): Promise<AppView> {
      return this.apps.delete(path.org, ownerRefOf(path), path.app);
    }
  }
  Object.defineProperty(AppsController, 'name', { value: `${routes.name}Controller` });
  return AppsController;
}

/** /developers/{email}/apps… and /companies/{company}/apps…. */
export const AppsController = appsController(DEVELOPERS);
export const CompanyAppsController = appsController(COMPANIES);

/** GET|POST …/apps/{app}/attributes, GET|POST|DELETE …/attributes/{attribute}, for either owner. */
export const AppAttributesController = attributesController(
  'App',
  'apps',
  DEVELOPERS.paths.map((path) => `${path}/apps/:app`),
  AppsService,
  appNotFound(DEVELOPERS),
);
export const CompanyAppAttributesController = attributesController(
  'CompanyApp',
  'apps',
  COMPANIES.paths.map((path) => `${path}/apps/:app`),
  AppsService,
  appNotFound(COMPANIES),
);

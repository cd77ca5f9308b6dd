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
import { ApiAction, ApiExpandableList, APPROVAL_ACTIONS, isExpanded, parseAction } from '../admin-routes.js';
import { attributesController } from '../attributes.js';
import { ApiPaged, parsePage } from '../paging.js';
import { AppView, CreateAppDto, UpdateAppDto } from './apps.dto.js';
import { AppsService } from './apps.service.js';

const NOT_FOUND = {
  type: ErrorView,
  description: 'developer.service.DeveloperIdDoesNotExist or developer.service.AppDoesNotExist',
};

/** GET|POST /developers/{email}/apps/{app}/attributes, GET|POST|DELETE …/attributes/{attribute}. */
export const AppAttributesController = attributesController(
  'App',
  'apps',
  ['v1/o/:org/developers/:email/apps/:app', 'v1/organizations/:org/developers/:email/apps/:app'],
  AppsService,
  NOT_FOUND.description,
);

@ApiTags('apps')
@Controller(['v1/o/:org/developers/:email/apps', 'v1/organizations/:org/developers/:email/apps'])
export class AppsController {
  constructor(private readonly apps: AppsService) {}

  @Get()
  @AdminAccess('org')
  @XmlRoot('Apps')
  @ApiExpandableList(AppView, 'app', 'App names')
  @ApiPaged('app name')
  @ApiBadRequestResponse({ type: ErrorView, description: 'A count that is not an integer from 1 to 1000' })
  @ApiNotFoundResponse({ type: ErrorView, description: 'developer.service.DeveloperIdDoesNotExist' })
  async list(
    @Param('org') org: string,
    @Param('email') email: string,
    @Query('expand') expand?: string,
    @Query('count') count?: string,
    @Query('startKey') startKey?: string,
  ): Promise<string[] | { app: AppView[] }> {
    const page = parsePage(count, startKey);
    if (isExpanded(expand)) return { app: await this.apps.listViews(org, email, page) };
    return this.apps.listNames(org, email, page);
  }

  @Post()
  @HttpCode(201)
  @AdminAccess('org')
  @XmlRoot('App', { attributes: ['name'] })
  @ApiCreatedResponse({ type: AppView, description: 'The app with its generated key' })
  @ApiBadRequestResponse({ type: ErrorView, description: 'messaging.adaptors.http.flow.InvalidRequest' })
  @ApiNotFoundResponse({
    type: ErrorView,
    description: 'developer.service.DeveloperIdDoesNotExist or keymanagement.service.apiproduct_doesnot_exist',
  })
  @ApiConflictResponse({ type: ErrorView, description: 'developer.service.AppAlreadyExists' })
  create(
    @Param('org') org: string,
    @Param('email') email: string,
    @Body() body: CreateAppDto,
    @Actor() actor: Principal,
  ): Promise<AppView> {
    return this.apps.create(org, email, body, actor.email);
  }

  @Get(':app')
  @AdminAccess('org')
  @XmlRoot('App', { attributes: ['name'] })
  @ApiOkResponse({ type: AppView })
  @ApiNotFoundResponse(NOT_FOUND)
  get(@Param('org') org: string, @Param('email') email: string, @Param('app') app: string): Promise<AppView> {
    return this.apps.get(org, email, app);
  }

  @Put(':app')
  @AdminAccess('org')
  @XmlRoot('App', { attributes: ['name'] })
  @ApiOkResponse({ type: AppView })
  @ApiBadRequestResponse({ type: ErrorView, description: 'A bad field, or a name that is not the path name' })
  @ApiNotFoundResponse(NOT_FOUND)
  update(
    @Param('org') org: string,
    @Param('email') email: string,
    @Param('app') app: string,
    @Body() body: UpdateAppDto,
    @Actor() actor: Principal,
  ): Promise<AppView> {
    return this.apps.update(org, email, app, body, actor.email);
  }

  @Post(':app')
  @AdminAccess('org')
  @ApiAction(APPROVAL_ACTIONS, 'Approves or revokes the app')
  @ApiNotFoundResponse(NOT_FOUND)
  async setStatus(
    @Param('org') org: string,
    @Param('email') email: string,
    @Param('app') app: string,
    @Query('action') action: string | undefined,
    @Actor() actor: Principal,
  ): Promise<void> {
    await this.apps.setStatus(org, email, app, parseAction(action, APPROVAL_ACTIONS), actor.email);
  }

  @Delete(':app')
  @AdminAccess('org')
  @XmlRoot('App', { attributes: ['name'] })
  @ApiOkResponse({ type: AppView, description: 'The deleted app; its keys and their OAuth records are deleted too' })
  @ApiNotFoundResponse(NOT_FOUND)
  delete(@Param('org') org: string, @Param('email') email: string, @Param('app') app: string): Promise<AppView> {
    return this.apps.delete(org, email, app);
  }
}

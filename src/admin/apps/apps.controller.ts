import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
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
    if (isExpanded(expand)) return { app: await this.apps.listViews(org, { developer: email }, page) };
    return this.apps.listNames(org, { developer: email }, page);
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
    return this.apps.create(org, { developer: email }, body, actor.email);
  }

  @Get(':app')
  @AdminAccess('org')
  @XmlRoot('App', { attributes: ['name'] })
  @ApiOkResponse({ type: AppView })
  @ApiNotFoundResponse(NOT_FOUND)
  get(@Param('org') org: string, @Param('email') email: string, @Param('app') app: string): Promise<AppView> {
    return this.apps.get(org, { developer: email }, app);
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
    return this.apps.update(org, { developer: email }, app, body, actor.email);
  }

  @Post(':app')
  @AdminAccess('org')
  @XmlRoot('App', { attributes: ['name'] })
  @ApiActionOrUpdate(UpdateAppDto, 'the app')
  @ApiOkResponse({ type: AppView, description: 'Without ?action=: the updated app (as PUT)' })
  @ApiBadRequestResponse({ type: ErrorView, description: 'An unknown action or a bad field' })
  @ApiNotFoundResponse(NOT_FOUND)
  async updateOrSetStatus(
    @Param('org') org: string,
    @Param('email') email: string,
    @Param('app') app: string,
    @Query('action') action: string | undefined,
    @Body() body: unknown,
    @Actor() actor: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AppView | undefined> {
    return actionOrUpdate({ action, body, reply }, UpdateAppDto, {
      act: (approval) => this.apps.setStatus(org, { developer: email }, app, approval, actor.email),
      update: (changes) => this.apps.update(org, { developer: email }, app, changes, actor.email),
    });
  }

  @Delete(':app')
  @AdminAccess('org')
  @XmlRoot('App', { attributes: ['name'] })
  @ApiOkResponse({ type: AppView, description: 'The deleted app; its keys and their OAuth records are deleted too' })
  @ApiNotFoundResponse(NOT_FOUND)
  delete(@Param('org') org: string, @Param('email') email: string, @Param('app') app: string): Promise<AppView> {
    return this.apps.delete(org, { developer: email }, app);
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, AdminAccess } from '../../common/auth/admin-access.js';
import type { Principal } from '../../common/auth/principal.js';
import { ErrorView } from '../../common/dto.js';
import { XmlRoot } from '../../common/http/xml-response.js';
import { ApiAction, ApiExpandableList, isExpanded, parseAction } from '../admin-routes.js';
import { attributesController } from '../attributes.js';
import { ApiPaged, parsePage } from '../paging.js';
import { CreateDeveloperDto, DeveloperView, UpdateDeveloperDto } from './developers.dto.js';
import { DEVELOPER_ACTIONS, DevelopersService } from './developers.service.js';

const NOT_FOUND = { type: ErrorView, description: 'developer.service.DeveloperIdDoesNotExist' };

/** GET|POST /developers/{email}/attributes, GET|POST|DELETE …/attributes/{attribute}. */
export const DeveloperAttributesController = attributesController(
  'Developer',
  'developers',
  ['v1/o/:org/developers/:email', 'v1/organizations/:org/developers/:email'],
  DevelopersService,
  NOT_FOUND.description,
);

@ApiTags('developers')
@Controller(['v1/o/:org/developers', 'v1/organizations/:org/developers'])
export class DevelopersController {
  constructor(private readonly developers: DevelopersService) {}

  @Get()
  @AdminAccess('org')
  @XmlRoot('Developers')
  @ApiExpandableList(DeveloperView, 'developer', 'Developer emails')
  @ApiPaged('email')
  @ApiQuery({ name: 'app', required: false, description: 'Only the developer of the app of this name' })
  @ApiBadRequestResponse({ type: ErrorView, description: 'A count that is not an integer from 1 to 1000' })
  async list(
    @Param('org') org: string,
    @Query('expand') expand?: string,
    @Query('count') count?: string,
    @Query('startKey') startKey?: string,
    @Query('app') app?: string,
  ): Promise<string[] | { developer: DeveloperView[] }> {
    const page = parsePage(count, startKey);
    if (isExpanded(expand)) return { developer: await this.developers.listViews(org, page, app) };
    return this.developers.listEmails(org, page, app);
  }

  @Post()
  @HttpCode(201)
  @AdminAccess('org')
  @XmlRoot('Developer')
  @ApiCreatedResponse({ type: DeveloperView })
  @ApiBadRequestResponse({ type: ErrorView, description: 'messaging.adaptors.http.flow.InvalidRequest' })
  @ApiConflictResponse({ type: ErrorView, description: 'developer.service.DeveloperAlreadyExists' })
  create(
    @Param('org') org: string,
    @Body() body: CreateDeveloperDto,
    @Actor() actor: Principal,
  ): Promise<DeveloperView> {
    return this.developers.create(org, body, actor.email);
  }

  @Get(':email')
  @AdminAccess('org')
  @XmlRoot('Developer')
  @ApiOkResponse({ type: DeveloperView })
  @ApiNotFoundResponse(NOT_FOUND)
  get(@Param('org') org: string, @Param('email') email: string): Promise<DeveloperView> {
    return this.developers.get(org, email);
  }

  @Put(':email')
  @AdminAccess('org')
  @XmlRoot('Developer')
  @ApiOkResponse({ type: DeveloperView })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse({ type: ErrorView, description: 'developer.service.DeveloperAlreadyExists (a new email)' })
  update(
    @Param('org') org: string,
    @Param('email') email: string,
    @Body() body: UpdateDeveloperDto,
    @Actor() actor: Principal,
  ): Promise<DeveloperView> {
    return this.developers.update(org, email, body, actor.email);
  }

  @Post(':email')
  @AdminAccess('org')
  @ApiAction(DEVELOPER_ACTIONS, 'Sets the developer status')
  @ApiNotFoundResponse(NOT_FOUND)
  async setStatus(
    @Param('org') org: string,
    @Param('email') email: string,
    @Query('action') action: string | undefined,
    @Actor() actor: Principal,
  ): Promise<void> {
    await this.developers.setStatus(org, email, parseAction(action, DEVELOPER_ACTIONS), actor.email);
  }

  @Delete(':email')
  @AdminAccess('org')
  @XmlRoot('Developer')
  @ApiOkResponse({ type: DeveloperView, description: 'The deleted developer; its apps and keys are deleted too' })
  @ApiNotFoundResponse(NOT_FOUND)
  delete(@Param('org') org: string, @Param('email') email: string): Promise<DeveloperView> {
    return this.developers.delete(org, email);
  }
}

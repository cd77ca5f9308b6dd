import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, AdminAccess } from '../../common/auth/admin-access.js';
import type { Principal } from '../../common/auth/principal.js';
import { ErrorView } from '../../common/dto.js';
import { XmlRoot } from '../../common/http/xml-response.js';
import { ApiExpandableList, isExpanded, parseAction } from '../admin-routes.js';
import { ApiPaged, parsePage } from '../paging.js';
import { AppUserAccessTokenView, AppUserView, CreateAppUserDto, UpdateAppUserDto } from './appusers.dto.js';
import { AppUsersService } from './appusers.service.js';

const NOT_FOUND = { type: ErrorView, description: 'keymanagement.service.appuser_doesnot_exist' };

/** Resource owners who sign in on the authorize page (contract 2.6, an extension: Apigee has none). */
@ApiTags('appusers')
@Controller(['v1/o/:org/appusers', 'v1/organizations/:org/appusers'])
export class AppUsersController {
  constructor(private readonly users: AppUsersService) {}

  @Get()
  @AdminAccess('org')
  @XmlRoot('AppUsers')
  @ApiExpandableList(AppUserView, 'appUser', 'App user ids')
  @ApiPaged('app user id')
  @ApiBadRequestResponse({ type: ErrorView, description: 'A count that is not an integer from 1 to 1000' })
  async list(
    @Param('org') org: string,
    @Query('expand') expand?: string,
    @Query('count') count?: string,
    @Query('startKey') startKey?: string,
  ): Promise<string[] | { appUser: AppUserView[] }> {
    const page = parsePage(count, startKey);
    if (isExpanded(expand)) return { appUser: await this.users.listViews(org, page) };
    return this.users.listIds(org, page);
  }

  @Post()
  @HttpCode(201)
  @AdminAccess('org')
  @XmlRoot('AppUser')
  @ApiCreatedResponse({ type: AppUserView })
  @ApiBadRequestResponse({ type: ErrorView, description: 'messaging.adaptors.http.flow.InvalidRequest' })
  @ApiConflictResponse({ type: ErrorView, description: 'keymanagement.service.appuser_already_exists' })
  create(@Param('org') org: string, @Body() body: CreateAppUserDto, @Actor() actor: Principal): Promise<AppUserView> {
    return this.users.create(org, body, actor.email);
  }

  @Get(':id')
  @AdminAccess('org')
  @XmlRoot('AppUser')
  @ApiOkResponse({ type: AppUserView })
  @ApiNotFoundResponse(NOT_FOUND)
  get(@Param('org') org: string, @Param('id') id: string): Promise<AppUserView> {
    return this.users.get(org, id);
  }

  @Put(':id')
  @AdminAccess('org')
  @XmlRoot('AppUser')
  @ApiOkResponse({ type: AppUserView })
  @ApiBadRequestResponse({ type: ErrorView, description: 'A bad field, or an id that is not the path id' })
  @ApiNotFoundResponse(NOT_FOUND)
  update(
    @Param('org') org: string,
    @Param('id') id: string,
    @Body() body: UpdateAppUserDto,
    @Actor() actor: Principal,
  ): Promise<AppUserView> {
    return this.users.update(org, id, body, actor.email);
  }

  @Delete(':id')
  @AdminAccess('org')
  @XmlRoot('AppUser')
  @ApiOkResponse({ type: AppUserView, description: 'The deleted app user; what they authorized is deleted too' })
  @ApiNotFoundResponse(NOT_FOUND)
  delete(@Param('org') org: string, @Param('id') id: string): Promise<AppUserView> {
    return this.users.delete(org, id);
  }

  @Get(':id/accesstokens')
  @AdminAccess('org')
  @XmlRoot('AccessTokens')
  @ApiOkResponse({
    type: [AppUserAccessTokenView],
    description: 'Every access token the user granted, whatever its status, oldest first; never a secret',
  })
  @ApiNotFoundResponse(NOT_FOUND)
  listAccessTokens(@Param('org') org: string, @Param('id') id: string): Promise<AppUserAccessTokenView[]> {
    return this.users.listAccessTokens(org, id);
  }

  @Post(':id/accesstokens')
  @HttpCode(204)
  @AdminAccess('org')
  @ApiQuery({ name: 'action', enum: ['revoke'], required: true })
  @ApiNoContentResponse({ description: "Every one of the user's access tokens is revoked" })
  @ApiBadRequestResponse({ type: ErrorView, description: 'No or another action' })
  @ApiNotFoundResponse(NOT_FOUND)
  async revokeAccessTokens(
    @Param('org') org: string,
    @Param('id') id: string,
    @Query('action') action: unknown,
    @Actor() actor: Principal,
  ): Promise<void> {
    parseAction(action, ['revoke']);
    await this.users.revokeAccessTokens(org, id, actor.email);
  }
}

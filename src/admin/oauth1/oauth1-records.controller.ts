import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res, Type as ClassType } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, AdminAccess } from '../../common/auth/admin-access.js';
import type { Principal } from '../../common/auth/principal.js';
import { ErrorView } from '../../common/dto.js';
import { XmlRoot } from '../../common/http/xml-response.js';
import { actionOrUpdate, ApiActionOrUpdate } from '../admin-routes.js';
import { ownerRefOf } from '../apps/apps.service.js';
import type { OwnerPath } from '../attributes.js';
import { keyPathOf } from '../keys/keys.service.js';
import {
  AccessTokenCountView,
  AccessTokenView,
  CreateVerifierDto,
  RequestTokenView,
  UpdateOAuth1RecordDto,
  VerifierView,
} from './oauth1-records.dto.js';
import { OAuth1RecordsService } from './oauth1-records.service.js';

const REQUEST_TOKEN_NOT_FOUND = {
  type: ErrorView,
  description: 'keymanagement.service.oauth10_request_token_doesnot_exist',
};
const VERIFIER_NOT_FOUND = { type: ErrorView, description: 'keymanagement.service.oauth10_verifier_doesnot_exist' };
const ACCESS_TOKEN_NOT_FOUND = {
  type: ErrorView,
  description: 'keymanagement.service.oauth10_access_token_doesnotexist',
};

@ApiTags('oauth1 records')
@Controller(['v1/o/:org/oauth1', 'v1/organizations/:org/oauth1'])
export class OAuth1RecordsController {
  constructor(private readonly records: OAuth1RecordsService) {}

  @Get('requesttokens/:token')
  @AdminAccess('org')
  @XmlRoot('RequestToken')
  @ApiQuery({ name: 'consumerKey', required: false, description: 'The consumer key the token must belong to' })
  @ApiOkResponse({ type: RequestTokenView })
  @ApiNotFoundResponse(REQUEST_TOKEN_NOT_FOUND)
  @ApiUnauthorizedResponse({ type: ErrorView, description: 'keymanagement.service.application_not_approved' })
  getRequestToken(
    @Param('org') org: string,
    @Param('token') token: string,
    @Query('consumerKey') consumerKey?: string,
  ): Promise<RequestTokenView> {
    return this.records.getRequestToken(org, token, consumerKey);
  }

  @Delete('requesttokens/:token')
  @AdminAccess('org')
  @XmlRoot('RequestToken')
  @ApiOkResponse({ type: RequestTokenView, description: 'The deleted request token' })
  @ApiNotFoundResponse(REQUEST_TOKEN_NOT_FOUND)
  deleteRequestToken(@Param('org') org: string, @Param('token') token: string): Promise<RequestTokenView> {
    return this.records.deleteRequestToken(org, token);
  }

  @Post('requesttokens/:token')
  @AdminAccess('org')
  @XmlRoot('RequestToken')
  @ApiActionOrUpdate(UpdateOAuth1RecordDto, 'the request token')
  @ApiOkResponse({ type: RequestTokenView, description: 'Without ?action: the updated request token' })
  @ApiNotFoundResponse(REQUEST_TOKEN_NOT_FOUND)
  async changeRequestToken(
    @Param('org') org: string,
    @Param('token') token: string,
    @Query('action') action: string | undefined,
    @Body() body: unknown,
    @Actor() actor: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RequestTokenView | undefined> {
    return actionOrUpdate({ action, body, reply }, UpdateOAuth1RecordDto, {
      act: (approval) => this.records.setRequestTokenStatus(org, token, approval, actor.email),
      update: (changes) => this.records.updateRequestToken(org, token, changes, actor.email),
    });
  }

  @Post('verifiers')
  @HttpCode(201)
  @AdminAccess('org')
  @XmlRoot('Verifier')
  @ApiCreatedResponse({ type: VerifierView })
  @ApiNotFoundResponse(REQUEST_TOKEN_NOT_FOUND)
  @ApiUnauthorizedResponse({ type: ErrorView, description: 'keymanagement.service.application_not_approved' })
  createVerifier(
    @Param('org') org: string,
    @Body() body: CreateVerifierDto,
    @Actor() actor: Principal,
  ): Promise<VerifierView> {
    return this.records.createVerifier(org, body, actor.email);
  }

  @Get('verifiers/:code')
  @AdminAccess('org')
  @XmlRoot('Verifier')
  @ApiOkResponse({ type: VerifierView })
  @ApiNotFoundResponse(VERIFIER_NOT_FOUND)
  getVerifier(@Param('org') org: string, @Param('code') code: string): Promise<VerifierView> {
    return this.records.getVerifier(org, code);
  }

  @Delete('verifiers/:code')
  @AdminAccess('org')
  @XmlRoot('Verifier')
  @ApiOkResponse({ type: VerifierView, description: 'The deleted verifier' })
  @ApiNotFoundResponse(VERIFIER_NOT_FOUND)
  deleteVerifier(@Param('org') org: string, @Param('code') code: string): Promise<VerifierView> {
    return this.records.deleteVerifier(org, code);
  }

  @Get('accesstokens/:token')
  @AdminAccess('org')
  @XmlRoot('AccessToken')
  @ApiOkResponse({ type: AccessTokenView })
  @ApiNotFoundResponse(ACCESS_TOKEN_NOT_FOUND)
  getAccessToken(@Param('org') org: string, @Param('token') token: string): Promise<AccessTokenView> {
    return this.records.getAccessToken(org, token);
  }

  @Delete('accesstokens/:token')
  @AdminAccess('org')
  @XmlRoot('AccessToken')
  @ApiOkResponse({ type: AccessTokenView, description: 'The deleted access token' })
  @ApiNotFoundResponse(ACCESS_TOKEN_NOT_FOUND)
  deleteAccessToken(@Param('org') org: string, @Param('token') token: string): Promise<AccessTokenView> {
    return this.records.deleteAccessToken(org, token);
  }

  @Post('accesstokens/:token')
  @AdminAccess('org')
  @XmlRoot('AccessToken')
  @ApiActionOrUpdate(UpdateOAuth1RecordDto, 'the access token')
  @ApiOkResponse({ type: AccessTokenView, description: 'Without ?action: the updated access token' })
  @ApiNotFoundResponse(ACCESS_TOKEN_NOT_FOUND)
  async changeAccessToken(
    @Param('org') org: string,
    @Param('token') token: string,
    @Query('action') action: string | undefined,
    @Body() body: unknown,
    @Actor() actor: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccessTokenView | undefined> {
    return actionOrUpdate({ action, body, reply }, UpdateOAuth1RecordDto, {
      act: (approval) => this.records.setAccessTokenStatus(org, token, approval, actor.email),
      update: (changes) => this.records.updateAccessToken(org, token, changes, actor.email),
    });
  }
}

/**
 * Contract 2.5's counts, which Apigee files under an app and its key: one set of routes for developers' and companies'
 * apps, named by the path's owner parameter.
 */
function accessTokenCountsController(name: string, paths: string[], ownerNotFound: string): ClassType {
  @ApiTags('oauth1 records')
  @Controller(paths)
  class AccessTokenCountsController {
    constructor(private readonly records: OAuth1RecordsService) {}

    @Get('oauth1accesstokens')
    @AdminAccess('org')
    @XmlRoot('OAuth1AccessTokens')
    @ApiOkResponse({ type: AccessTokenCountView })
    @ApiNotFoundResponse({ type: ErrorView, description: `${ownerNotFound} or developer.service.AppDoesNotExist` })
    ofApp(@Param() path: OwnerPath): Promise<AccessTokenCountView> {
      return this.records.countAccessTokensOfApp(path.org, ownerRefOf(path), path.app);
    }

    @Get('keys/:key/oauth1accesstokens')
    @AdminAccess('org')
    @XmlRoot('OAuth1AccessTokens')
    @ApiOkResponse({ type: AccessTokenCountView })
    @ApiNotFoundResponse({ type: ErrorView, description: 'keymanagement.service.InvalidClientIdForGivenApp' })
    ofKey(@Param() path: OwnerPath): Promise<AccessTokenCountView> {
      return this.records.countAccessTokensOfKey(keyPathOf(path));
    }
  }
  Object.defineProperty(AccessTokenCountsController, 'name', { value: `${name}Controller` });
  return AccessTokenCountsController;
}

export const AccessTokenCountsController = accessTokenCountsController(
  'AccessTokenCounts',
  ['v1/o/:org/developers/:email/apps/:app', 'v1/organizations/:org/developers/:email/apps/:app'],
  'developer.service.DeveloperIdDoesNotExist',
);
export const CompanyAccessTokenCountsController = accessTokenCountsController(
  'CompanyAccessTokenCounts',
  ['v1/o/:org/companies/:company/apps/:app', 'v1/organizations/:org/companies/:company/apps/:app'],
  'developer.service.CompanyDoesNotExist',
);

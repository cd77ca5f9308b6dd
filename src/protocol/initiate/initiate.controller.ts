import { Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../../config/app-config.js';
import { ApiOAuthProblems } from '../api-problems.js';
import { credentialsResponse } from '../credentials-response.js';
import { signedRequestOf } from '../signed-request.js';
import { Initiate } from './initiate.service.js';

const ROUTES = ['oauth10/initiate', 'request_token'];

const describeRoute = () =>
  ApiOperation({
    summary: 'Temporary credentials (RFC 5849 2.1)',
    description:
      'Signed with the consumer secret. Needs oauth_callback (an absolute URL or "oob"); an optional `scope` parameter ' +
      "(space or comma separated) must lie within the scopes of the key's approved API products. Answers " +
      '`oauth_token=…&oauth_token_secret=…&oauth_callback_confirmed=true`, or an OAuth problem (400/401; 429 with Retry-After for an address with too many failed signatures).',
  });

@ApiTags('oauth')
@Controller('oauth')
export class InitiateController {
  constructor(
    private readonly initiation: Initiate,
    private readonly config: AppConfig,
  ) {}

  @Post(ROUTES)
  @HttpCode(200)
  @describeRoute()
  @ApiOAuthProblems()
  @ApiOkResponse({ description: 'oauth_token=…&oauth_token_secret=…&oauth_callback_confirmed=true' })
  post(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return this.initiate(request, reply);
  }

  @Get(ROUTES)
  @describeRoute()
  @ApiOAuthProblems()
  @ApiOkResponse({ description: 'oauth_token=…&oauth_token_secret=…&oauth_callback_confirmed=true' })
  get(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return this.initiate(request, reply);
  }

  private async initiate(request: FastifyRequest, reply: FastifyReply): Promise<string> {
    const token = await this.initiation.issue(signedRequestOf(request, this.config), request.ip);
    return credentialsResponse(request, reply, [
      ['oauth_token', token.token],
      ['oauth_token_secret', token.secret],
      ['oauth_callback_confirmed', 'true'],
    ]);
  }
}

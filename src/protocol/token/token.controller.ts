import { Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../../config/app-config.js';
import { ApiOAuthProblems } from '../api-problems.js';
import { credentialsResponse } from '../credentials-response.js';
import { signedRequestOf } from '../signed-request.js';
import { TokenExchange } from './token-exchange.service.js';

const ROUTES = ['oauth10/token', 'access_token'];

const describeRoute = () =>
  ApiOperation({
    summary: 'Token credentials (RFC 5849 2.3)',
    description:
      'Exchanges an authorized request token (oauth_token) and its oauth_verifier for an access token, once. Signed ' +
      'with the consumer secret and the request-token secret. Answers `oauth_token=…&oauth_token_secret=…&user_id=…` ' +
      '(user_id: the resource owner who authorized it), or an ' +
      'OAuth problem (400/401; 429 with Retry-After for an address with too many failed signatures).',
  });

@ApiTags('oauth')
@Controller('oauth')
export class TokenController {
  constructor(
    private readonly tokenExchange: TokenExchange,
    private readonly config: AppConfig,
  ) {}

  @Post(ROUTES)
  @HttpCode(200)
  @describeRoute()
  @ApiOAuthProblems()
  @ApiOkResponse({ description: 'oauth_token=…&oauth_token_secret=…&user_id=…' })
  post(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return this.exchange(request, reply);
  }

  @Get(ROUTES)
  @describeRoute()
  @ApiOAuthProblems()
  @ApiOkResponse({ description: 'oauth_token=…&oauth_token_secret=…&user_id=…' })
  get(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return this.exchange(request, reply);
  }

  private async exchange(request: FastifyRequest, reply: FastifyReply): Promise<string> {
    const accessToken = await this.tokenExchange.exchange(signedRequestOf(request, this.config), request.ip);
    return credentialsResponse(request, reply, [
      ['oauth_token', accessToken.token],
      ['oauth_token_secret', accessToken.secret],
      // Twitter adds the user's id the same way; clients ignore what they do not know.
      ['user_id', accessToken.appUserId],
    ]);
  }
}

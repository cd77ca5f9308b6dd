import { Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../../config/app-config.js';
import { ApiOAuthProblems } from '../api-problems.js';
import { signedRequestOf } from '../signed-request.js';
import { AccessTokenLife } from './access-token-life.service.js';

const REVOKE_ROUTES = ['oauth10/revoke', 'invalidate_token', 'revoke_access_token'];
const RENEW_ROUTES = ['oauth10/renew', 'renew_access_token'];

const describeRevoke = () =>
  ApiOperation({
    summary: 'The client gives up its access token (Twitter invalidate_token)',
    description:
      'Signed with the consumer secret and the access-token secret. Answers 200 `{"access_token": "…"}` (JSON, as ' +
      'Twitter does); the token is then refused everywhere with 401 token_revoked, and revoking it again is 401.',
  });
const describeRenew = () =>
  ApiOperation({
    summary: 'Reactivates an access token gone idle (E*TRADE renew_access_token)',
    description:
      'Signed with the access token. With ACCESS_TOKEN_IDLE_SECONDS set, a token unused that long is refused with ' +
      '401 token_expired until renewed. Answers 200 `{"access_token": "…", "status": "approved"}`, also for a token ' +
      'in use (nothing changes); a revoked token is 401 token_revoked, one past its expiresAt 401 token_expired.',
  });
const REVOKED = { schema: { type: 'object', properties: { access_token: { type: 'string' } } } };
const RENEWED = {
  schema: {
    type: 'object',
    properties: { access_token: { type: 'string' }, status: { type: 'string', enum: ['approved'] } },
  },
};

function sendJson(reply: FastifyReply, body: Record<string, string>): Record<string, string> {
  reply.header('cache-control', 'no-store').type('application/json; charset=utf-8');
  return body;
}

@ApiTags('oauth')
@Controller('oauth')
export class AccessTokenLifeController {
  constructor(
    private readonly life: AccessTokenLife,
    private readonly config: AppConfig,
  ) {}

  @Post(REVOKE_ROUTES)
  @HttpCode(200)
  @describeRevoke()
  @ApiOAuthProblems()
  @ApiOkResponse({ description: 'The token is revoked', content: { 'application/json': REVOKED } })
  revokePost(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.revoke(request, reply);
  }

  @Get(REVOKE_ROUTES)
  @describeRevoke()
  @ApiOAuthProblems()
  @ApiOkResponse({ description: 'The token is revoked', content: { 'application/json': REVOKED } })
  revokeGet(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.revoke(request, reply);
  }

  @Post(RENEW_ROUTES)
  @HttpCode(200)
  @describeRenew()
  @ApiOAuthProblems()
  @ApiOkResponse({ description: 'The token is usable', content: { 'application/json': RENEWED } })
  renewPost(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.renew(request, reply);
  }

  @Get(RENEW_ROUTES)
  @describeRenew()
  @ApiOAuthProblems()
  @ApiOkResponse({ description: 'The token is usable', content: { 'application/json': RENEWED } })
  renewGet(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.renew(request, reply);
  }

  private async revoke(request: FastifyRequest, reply: FastifyReply): Promise<Record<string, string>> {
    const token = await this.life.revoke(signedRequestOf(request, this.config), request.ip);
    return sendJson(reply, { access_token: token.token });
  }

  private async renew(request: FastifyRequest, reply: FastifyReply): Promise<Record<string, string>> {
    const token = await this.life.renew(signedRequestOf(request, this.config), request.ip);
    return sendJson(reply, { access_token: token.token, status: 'approved' });
  }
}

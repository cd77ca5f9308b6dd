import { Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config.js';
import { RequestTokenStore } from '../tokens/request-token.store.js';
import { checkCallback } from './callback-url.js';
import { ConsumerDirectory } from './consumer-directory.js';
import { credentialsResponse } from './credentials-response.js';
import { checkScopes, requestedScopes } from './scope.js';
import { ApiOAuthProblems } from './api-problems.js';
import { signedRequestOf } from './signed-request.js';
import { SignedRequestVerifier } from './signed-request-verifier.js';

const ROUTES = ['oauth10/initiate', 'request_token'];
const INITIATE_REQUIRED = ['oauth_callback'] as const;

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
    private readonly verifier: SignedRequestVerifier,
    private readonly consumers: ConsumerDirectory,
    private readonly requestTokens: RequestTokenStore,
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
    let scopes: string[] = [];
    const { protocol, consumer } = await this.verifier.verify(signedRequestOf(request, this.config), {
      token: 'none',
      required: INITIATE_REQUIRED,
      clientAddress: request.ip,
      beforeNonce: async ({ protocol, signed, consumer }) => {
        checkCallback(protocol.get('oauth_callback') ?? '', consumer.callbackUrl);
        scopes = requestedScopes(signed);
        if (scopes.length > 0) checkScopes(scopes, await this.consumers.grantableScopes(consumer));
      },
    });
    const token = await this.requestTokens.issue(
      {
        organization: consumer.organization,
        consumerKey: consumer.consumerKey,
        appId: consumer.appId,
        callbackUrl: protocol.get('oauth_callback') ?? '',
        scope: scopes.join(' '),
      },
      'oauth1.initiate',
    );
    return credentialsResponse(request, reply, [
      ['oauth_token', token.token],
      ['oauth_token_secret', token.secret],
      ['oauth_callback_confirmed', 'true'],
    ]);
  }
}

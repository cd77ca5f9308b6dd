import { Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import { OAuthProblem } from '../oauth1/index.js';
import { AccessTokenStore } from '../tokens/access-token.store.js';
import { hasExpired } from '../tokens/expiry.js';
import { RequestTokenStore } from '../tokens/request-token.store.js';
import type { Verifier } from '../tokens/verifier.entity.js';
import { VerifierStore } from '../tokens/verifier.store.js';
import { credentialsResponse } from './credentials-response.js';
import { ApiOAuthProblems } from './api-problems.js';
import { signedRequestOf } from './signed-request.js';
import { SignedRequestVerifier } from './signed-request-verifier.js';

const ROUTES = ['oauth10/token', 'access_token'];
const TOKEN_REQUIRED = ['oauth_verifier'] as const;

const describeRoute = () =>
  ApiOperation({
    summary: 'Token credentials (RFC 5849 2.3)',
    description:
      'Exchanges an authorized request token (oauth_token) and its oauth_verifier for an access token, once. Signed ' +
      'with the consumer secret and the request-token secret. Answers `oauth_token=…&oauth_token_secret=…`, or an ' +
      'OAuth problem (400/401; 429 with Retry-After for an address with too many failed signatures).',
  });

const alreadyExchanged = () =>
  new OAuthProblem('token_used', { advice: 'This request token was already exchanged for an access token' });

function sameVerifier(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

@ApiTags('oauth')
@Controller('oauth')
export class TokenController {
  constructor(
    private readonly verifier: SignedRequestVerifier,
    private readonly verifiers: VerifierStore,
    private readonly requestTokens: RequestTokenStore,
    private readonly accessTokens: AccessTokenStore,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  @Post(ROUTES)
  @HttpCode(200)
  @describeRoute()
  @ApiOAuthProblems()
  @ApiOkResponse({ description: 'oauth_token=…&oauth_token_secret=…' })
  post(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return this.exchange(request, reply);
  }

  @Get(ROUTES)
  @describeRoute()
  @ApiOAuthProblems()
  @ApiOkResponse({ description: 'oauth_token=…&oauth_token_secret=…' })
  get(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return this.exchange(request, reply);
  }

  private async exchange(request: FastifyRequest, reply: FastifyReply): Promise<string> {
    // Set by the verifier check, which runs inside verification so that it comes before the nonce is spent.
    const checked: { verifier?: Verifier } = {};
    const { token } = await this.verifier.verify(signedRequestOf(request, this.config), {
      token: 'request',
      required: TOKEN_REQUIRED,
      clientAddress: request.ip,
      beforeNonce: async ({ protocol, token }) => {
        const verifier = await this.verifiers.findForRequestToken(token.token);
        // An exchange racing this one (on any server process) may have won since the token was read: it deleted the
        // verifier with the token's first use.
        if (verifier === null && (await this.requestTokens.find(token.token))?.usedAt != null) throw alreadyExchanged();
        const given = protocol.get('oauth_verifier') ?? '';
        if (
          verifier === null ||
          !sameVerifier(verifier.code, given) ||
          hasExpired(verifier.expiresAt, this.clock.now())
        ) {
          throw new OAuthProblem('verifier_invalid', {
            advice: 'oauth_verifier is not the current, unexpired verifier of this request token',
          });
        }
        checked.verifier = verifier;
      },
    });
    const accessToken = checked.verifier && (await this.accessTokens.exchange(token, checked.verifier, 'oauth1.token'));
    if (!accessToken) throw alreadyExchanged();
    return credentialsResponse(request, reply, [
      ['oauth_token', accessToken.token],
      ['oauth_token_secret', accessToken.secret],
    ]);
  }
}

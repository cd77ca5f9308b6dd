import { All, Controller, HttpCode, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { PROBLEMS_AS_UNAUTHORIZED } from '../../common/http/error-rendering.js';
import { BODY_AS_BYTES, bodyOnAnyMethod } from '../../common/http/request-bodies.js';
import { AppConfig } from '../../config/app-config.js';
import { OAuthProblem } from '../../oauth1/index.js';
import type { AuthenticatedRequest } from '../signed-request-authenticator.js';
import { ResourceRequestCheck } from '../verify/resource-request-check.service.js';
import { forwardedRequestOf } from './forwarded-request.js';

const SECRET_HEADER = 'x-forward-auth-secret';

/** What the proxy copies to the upstream: each is always sent, empty when there is nothing to say. */
export const IDENTITY_HEADERS = [
  'X-OAuth-Consumer-Key',
  'X-OAuth-App',
  'X-OAuth-Developer',
  'X-OAuth-User',
  'X-OAuth-Scope',
  'X-OAuth-Access-Type',
] as const;

const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/gu;

/** A header value carries printable ASCII only: anything else (an accented app name) is percent-encoded as UTF-8. */
function headerSafe(value: string): string {
  return value.replace(NOT_PRINTABLE_ASCII, (character) => encodeURIComponent(character));
}

function identityOf({ consumer, token }: AuthenticatedRequest<'access'>): Record<string, string> {
  const values: Record<(typeof IDENTITY_HEADERS)[number], string> = {
    'X-OAuth-Consumer-Key': consumer.consumerKey,
    'X-OAuth-App': consumer.appName,
    // Contract 3: the developer's email, or a company app's company.
    'X-OAuth-Developer': consumer.companyName ?? consumer.developerEmail,
    'X-OAuth-User': token.appUserId,
    'X-OAuth-Scope': token.scope,
    'X-OAuth-Access-Type': token.accessType,
  };
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, headerSafe(value)]));
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

const routes = ['oauth10/forward-auth', 'oauth10/forward-auth/*'];

/**
 * For reverse proxies (contract 3): nginx auth_request, Caddy forward_auth, Traefik forwardAuth and Envoy ext_authz
 * ask here whether to pass a request on. A thin adapter: the proxy's headers become the signed request, which verify's
 * own check judges; the answer is 200 with the identity headers, 401 for every OAuth problem, or 403.
 */
@ApiTags('oauth')
@Controller('oauth')
export class ForwardAuthController {
  private readonly secretDigest?: Buffer;

  constructor(
    private readonly resourceRequests: ResourceRequestCheck,
    private readonly config: AppConfig,
  ) {
    this.secretDigest = config.forwardAuthSecret === undefined ? undefined : digest(config.forwardAuthSecret);
  }

  @All(routes)
  @HttpCode(200)
  @RouteConfig({ ...BODY_AS_BYTES, ...PROBLEMS_AS_UNAUTHORIZED })
  @ApiOperation({
    summary: 'Check the request a reverse proxy is about to pass on (forward authentication)',
    description:
      'Any method. The original request is described by X-Forwarded-Method (or X-Original-Method, else this ' +
      "request's method), X-Forwarded-Uri (or X-Original-URI, else the rest of the path after /forward-auth, as " +
      "Envoy's path_prefix sends it), X-Forwarded-Proto and X-Forwarded-Host (else Host), the client's " +
      'Authorization header, and its form body when the proxy passes the body. The scope the route needs comes from ' +
      'X-OAuth-Required-Scope and/or `?scope=` (both: the token needs both). An oauth_body_hash is checked when the ' +
      'proxy passes the body. A nonce is spent only by a request that passes.',
  })
  @ApiHeader({ name: 'X-Forwarded-Method', required: false })
  @ApiHeader({ name: 'X-Forwarded-Uri', required: false })
  @ApiHeader({ name: 'X-Forwarded-Proto', required: false })
  @ApiHeader({ name: 'X-Forwarded-Host', required: false })
  @ApiHeader({ name: 'X-OAuth-Required-Scope', required: false, description: 'Scopes separated by spaces or commas' })
  @ApiHeader({ name: 'X-Forward-Auth-Secret', required: false, description: 'Needed when FORWARD_AUTH_SECRET is set' })
  @ApiOkResponse({
    description:
      'Allowed: empty body, with X-OAuth-Consumer-Key, X-OAuth-App, X-OAuth-Developer, X-OAuth-User, X-OAuth-Scope ' +
      'and X-OAuth-Access-Type (each present, empty when there is no value; non-ASCII characters percent-encoded)',
  })
  @ApiResponse({
    status: 401,
    description:
      'Refused: every OAuth problem (parameter_absent, signature_invalid, nonce_used, token_revoked, …; the 400-class ' +
      'ones too, since nginx turns other statuses into a 500), with `WWW-Authenticate: OAuth realm="…"` and the ' +
      'problem body (`oauth_problem=…`, JSON with `Accept: application/json`); also a missing or wrong ' +
      'X-Forward-Auth-Secret when FORWARD_AUTH_SECRET is set.',
  })
  @ApiResponse({
    status: 403,
    description: 'permission_denied: the token lacks a required scope, or is read-only and the method is not safe',
  })
  async check(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    this.refuseUnknownCaller(request);
    const body = await bodyOnAnyMethod(request, this.config.bodyLimitBytes);
    const forwarded = forwardedRequestOf(request, body, this.config);
    const verified = await this.resourceRequests.check(forwarded.input, {
      requiredScopes: forwarded.requiredScopes,
      body: forwarded.body,
    });
    reply.header('cache-control', 'no-store').headers(identityOf(verified));
  }

  /** With FORWARD_AUTH_SECRET set, a caller without it is refused before anything of its request is looked at. */
  private refuseUnknownCaller(request: FastifyRequest): void {
    if (this.secretDigest === undefined) return;
    const sent = request.headers[SECRET_HEADER];
    if (typeof sent === 'string' && timingSafeEqual(digest(sent), this.secretDigest)) return;
    throw new OAuthProblem('permission_denied', {
      advice: `This endpoint answers only callers that send the configured ${SECRET_HEADER} header`,
    });
  }
}

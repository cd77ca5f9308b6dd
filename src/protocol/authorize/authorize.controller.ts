import { Controller, Get, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FailedAttemptLimiter } from '../../common/auth/failed-attempt-limiter.js';
import { FormBody } from '../../common/http/request-bodies.js';
import { callbackWith } from '../callback-url.js';
import { consentPage, deniedPage, verifierPage } from './authorize-page.js';
import type { ConsentState } from './authorize-page.js';
import { AuthorizePageError, AuthorizePageFilter } from './authorize-page.filter.js';
import { AuthorizeService } from './authorize.service.js';
import type { AuthorizationRequest } from './authorize.service.js';
import { csrfTokenFor, isValidCsrfToken } from './csrf.js';
import { sendPage, sendRedirect } from './page-reply.js';

const ROUTES = ['oauth10/authorize', 'authorize'];

const HTML = { 'text/html': { schema: { type: 'string' } } };
const htmlResponse = (status: number, description: string) => ApiResponse({ status, description, content: HTML });

const unreadableForm = () =>
  new AuthorizePageError(400, 'This request could not be read', 'Go back to the application and try again.');

/** The page's form fields; a body that is not a UTF-8 form cannot be read. */
function formOf(body: unknown): URLSearchParams {
  const text = body instanceof FormBody ? body.text() : undefined;
  if (text === undefined) throw unreadableForm();
  return new URLSearchParams(text);
}

function queryValue(query: unknown, name: string): string | undefined {
  const value = (query as Record<string, unknown> | undefined)?.[name];
  if (value !== undefined && typeof value !== 'string') throw unreadableForm();
  return value;
}

/** The origins a form on the consent page may lead to: the client's callback, which the POST redirects to. */
const formTargetsOf = (request: AuthorizationRequest) => (request.callback ? [request.callback.origin] : []);

/**
 * The built-in resource-owner authorization page (RFC 5849 2.2, contract section 1 "authorize"): GET shows the
 * request and a sign-in form; POST approves (issues a verifier, then redirects to the callback or shows the code for
 * "oob") or denies (revokes the request token). Answers are HTML for a person, errors included.
 */
@ApiTags('oauth')
@Controller('oauth')
@UseFilters(AuthorizePageFilter)
export class AuthorizeController {
  constructor(
    private readonly authorization: AuthorizeService,
    private readonly failures: FailedAttemptLimiter,
  ) {}

  @Get(ROUTES)
  @ApiOperation({
    summary: 'Resource-owner authorization page (RFC 5849 2.2)',
    description:
      'An HTML page for the resource owner: names the app, its developer, the requested scope and where the user ' +
      'goes next (the callback origin, or a code to type into the app for "oob"), with a sign-in form (an ' +
      '/appusers account of the organization) and Approve and Deny buttons. Errors are HTML pages too.',
  })
  @ApiQuery({ name: 'oauth_token', type: String, required: true, description: 'The request token from initiate' })
  @ApiOkResponse({ description: 'The consent page', content: HTML })
  @htmlResponse(400, 'No oauth_token')
  @htmlResponse(403, "The token's app, key or developer may no longer ask for access")
  @htmlResponse(404, 'Unknown request token')
  @htmlResponse(410, 'The request token has expired, was revoked (or denied) or was already exchanged')
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const token = await this.authorization.findToken(queryValue(request.query, 'oauth_token'));
    const authorization = await this.authorization.open(token);
    this.sendConsent(reply, authorization);
  }

  @Post(ROUTES)
  @ApiOperation({
    summary: 'Approve or deny a request token (the consent form)',
    description:
      "The consent page's form. `action=approve` with the resource owner's `user_id` and `password`: a verifier " +
      'bound to the request token and that user, then 302 to the callback with `oauth_token` and `oauth_verifier` ' +
      'added to its query (for "oob", a page showing the verifier). A wrong ID or password shows the page again ' +
      '(200) with a message; too many failures from one address get 429. `action=deny`: the request token is ' +
      'revoked, then 302 to the callback with `denied=<request token>` (for "oob", a page saying so).',
  })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['oauth_token', 'csrf_token', 'action'],
      properties: {
        oauth_token: { type: 'string', description: 'The request token' },
        csrf_token: { type: 'string', description: "The consent page's hidden CSRF token" },
        action: { type: 'string', enum: ['approve', 'deny'] },
        user_id: { type: 'string', description: 'The resource owner (an /appusers id); needed to approve' },
        password: { type: 'string', format: 'password', description: 'Needed to approve' },
      },
    },
  })
  @ApiResponse({
    status: 302,
    description: 'To the callback, with oauth_token and oauth_verifier, or with denied',
    headers: { Location: { description: 'The callback URL, its own query kept', schema: { type: 'string' } } },
  })
  @ApiOkResponse({ description: 'oob: the verifier, or that access was denied; or the page again', content: HTML })
  @htmlResponse(400, 'Not a form, or no oauth_token or action')
  @htmlResponse(403, 'Missing or wrong CSRF token, or the app may no longer ask for access')
  @htmlResponse(404, 'Unknown request token')
  @htmlResponse(410, 'The request token has expired, was revoked (or denied) or was already exchanged')
  @htmlResponse(429, 'Too many failed sign-ins from this address (with Retry-After)')
  async submit(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = formOf(request.body);
    const token = await this.authorization.findToken(form.get('oauth_token'));
    // Before anything about the token's state is said or done: only our own page can have sent this form.
    if (!isValidCsrfToken(token, form.get('csrf_token'))) {
      throw new AuthorizePageError(
        403,
        'This form has expired or was not sent from this page',
        'Go back to the application and start again.',
      );
    }
    const authorization = await this.authorization.open(token);
    switch (form.get('action')) {
      case 'approve':
        return this.approve(request, reply, authorization, form);
      case 'deny':
        return this.deny(reply, authorization);
      default:
        throw unreadableForm();
    }
  }

  private async approve(
    request: FastifyRequest,
    reply: FastifyReply,
    authorization: AuthorizationRequest,
    form: URLSearchParams,
  ): Promise<void> {
    const retryAfter = this.failures.retryAfterSeconds('resource-owner', request.ip);
    if (retryAfter > 0) {
      throw new AuthorizePageError(
        429,
        'Too many failed sign-ins',
        `Too many wrong passwords were tried from your network. Try again in ${retryAfter} seconds.`,
        retryAfter,
      );
    }
    const userId = form.get('user_id') ?? '';
    const owner = await this.authorization.signIn(authorization, userId, form.get('password') ?? '');
    if (owner === undefined) {
      this.failures.recordFailure('resource-owner', request.ip);
      // 200, not 401: a form sign-in has no WWW-Authenticate challenge to offer.
      return this.sendConsent(reply, authorization, { userId, message: 'The user ID or password is not right.' });
    }
    const verifier = await this.authorization.approve(authorization, owner);
    if (authorization.callback === undefined) {
      sendPage(reply, 200, verifierPage(authorization.appName, verifier.code));
      return;
    }
    sendRedirect(
      reply,
      callbackWith(authorization.token.callbackUrl, {
        oauth_token: authorization.token.token,
        oauth_verifier: verifier.code,
      }),
    );
  }

  private async deny(reply: FastifyReply, authorization: AuthorizationRequest): Promise<void> {
    await this.authorization.deny(authorization);
    if (authorization.callback === undefined) {
      sendPage(reply, 200, deniedPage(authorization.appName));
      return;
    }
    sendRedirect(reply, callbackWith(authorization.token.callbackUrl, { denied: authorization.token.token }));
  }

  private sendConsent(reply: FastifyReply, authorization: AuthorizationRequest, state: ConsentState = {}): void {
    const page = consentPage(
      {
        appName: authorization.appName,
        developerName: authorization.developerName,
        developerEmail: authorization.developerEmail,
        scopes: authorization.scopes,
        callbackOrigin: authorization.callback?.origin,
        requestToken: authorization.token.token,
        csrfToken: csrfTokenFor(authorization.token),
      },
      state,
    );
    sendPage(reply, 200, page, { formTargets: formTargetsOf(authorization) });
  }
}

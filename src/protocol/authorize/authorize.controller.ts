import { Controller, Get, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FailedAttemptLimiter } from '../../common/auth/failed-attempt-limiter.js';
import { FormBody } from '../../common/http/request-bodies.js';
import type { ResourceOwner } from '../../tokens/resource-owners.js';
import { callbackWith } from '../callback-url.js';
import { OwnerSessions } from '../owner/owner-sessions.js';
import type { OwnerSession } from '../owner/owner-sessions.js';
import { consentPage, deniedPage, verifierPage } from './authorize-page.js';
import type { ConsentState } from './authorize-page.js';
import { AuthorizePageError, AuthorizePageFilter } from './authorize-page.filter.js';
import { AuthorizeService } from './authorize.service.js';
import type { AuthorizationRequest } from './authorize.service.js';
import { csrfTokenFor, isValidCsrfToken } from './csrf.js';
import { sendPage, sendRedirect } from './page-reply.js';

const AUTHORIZE_ROUTES = ['oauth10/authorize', 'authorize'];
const AUTHENTICATE_ROUTES = ['oauth10/authenticate', 'authenticate'];

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

const FORCE_LOGIN_QUERY = {
  name: 'force_login',
  required: false,
  enum: ['true'],
  description: 'Ask for the password even when signed in',
};

const isForcedLogin = (query: unknown) => queryValue(query, 'force_login') === 'true';

/** The origins a form on the consent page may lead to: the client's callback, which the POST redirects to. */
const formTargetsOf = (request: AuthorizationRequest) => (request.callback ? [request.callback.origin] : []);

/**
 * The built-in resource-owner authorization page (RFC 5849 2.2, contract section 1 "authorize"): GET shows the
 * request and a sign-in form; POST approves (issues a verifier, then redirects to the callback or shows the code for
 * "oob") or denies (revokes the request token). Answers are HTML for a person, errors included.
 *
 * A sign-in starts a resource-owner session (OwnerSessions); with one, the page asks for no password (unless
 * `force_login=true`). authenticate ("Sign in with", contract 1.2) is the same page, except that it approves at once,
 * without showing anything, when the signed-in owner already granted the app what it asks for.
 */
@ApiTags('oauth')
@Controller('oauth')
@UseFilters(AuthorizePageFilter)
export class AuthorizeController {
  constructor(
    private readonly authorization: AuthorizeService,
    private readonly failures: FailedAttemptLimiter,
    private readonly sessions: OwnerSessions,
  ) {}

  @Get(AUTHORIZE_ROUTES)
  @ApiOperation({
    summary: 'Resource-owner authorization page (RFC 5849 2.2)',
    description:
      'An HTML page for the resource owner: names the app, its developer, the requested scope and where the user ' +
      'goes next (the callback origin, or a code to type into the app for "oob"), with a sign-in form (an ' +
      '/appusers account of the organization) and Approve and Deny buttons. A resource owner signed in on this ' +
      'browser (a session cookie from an earlier sign-in) approves without a password, unless `force_login=true`. ' +
      'The page is always shown. Errors are HTML pages too.',
  })
  @ApiQuery(FORCE_LOGIN_QUERY)
  @ApiQuery({ name: 'oauth_token', type: String, required: true, description: 'The request token from initiate' })
  @ApiOkResponse({ description: 'The consent page', content: HTML })
  @htmlResponse(400, 'No oauth_token')
  @htmlResponse(403, "The token's app, key or developer may no longer ask for access")
  @htmlResponse(404, 'Unknown request token')
  @htmlResponse(410, 'The request token has expired, was revoked (or denied) or was already exchanged')
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const token = await this.authorization.findToken(queryValue(request.query, 'oauth_token'));
    const authorization = await this.authorization.open(token);
    const session = isForcedLogin(request.query) ? undefined : await this.sessions.current(request, token.organization);
    this.sendConsent(reply, authorization, { session });
  }

  @Get(AUTHENTICATE_ROUTES)
  @ApiOperation({
    summary: '"Sign in with": the authorize page, skipped for an app the owner already approved',
    description:
      'The authorize page, with one difference: when the resource owner signed in on this browser already holds an ' +
      'approved (or idle) access token for the same app that covers the requested scope, a verifier is issued at ' +
      'once and the browser goes straight to the callback (302; for "oob", the page showing the code). ' +
      '`force_login=true` asks for the password again even with a session. Its form posts to the same URL.',
  })
  @ApiQuery(FORCE_LOGIN_QUERY)
  @ApiQuery({ name: 'oauth_token', type: String, required: true, description: 'The request token from initiate' })
  @ApiOkResponse({ description: 'The consent page, or (oob, skipped) the verifier', content: HTML })
  @ApiResponse({
    status: 302,
    description: 'Skipped: to the callback with oauth_token and oauth_verifier',
    headers: { Location: { description: 'The callback URL, its own query kept', schema: { type: 'string' } } },
  })
  @htmlResponse(400, 'No oauth_token')
  @htmlResponse(403, "The token's app, key or developer may no longer ask for access")
  @htmlResponse(404, 'Unknown request token')
  @htmlResponse(410, 'The request token has expired, was revoked (or denied) or was already exchanged')
  async authenticate(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const token = await this.authorization.findToken(queryValue(request.query, 'oauth_token'));
    const authorization = await this.authorization.open(token);
    const session = isForcedLogin(request.query) ? undefined : await this.sessions.current(request, token.organization);
    if (session !== undefined && (await this.authorization.alreadyApproved(authorization, session.owner))) {
      return this.issueVerifier(reply, authorization, session.owner);
    }
    this.sendConsent(reply, authorization, { session });
  }

  @Post([...AUTHORIZE_ROUTES, ...AUTHENTICATE_ROUTES])
  @ApiOperation({
    summary: 'Approve or deny a request token (the consent form)',
    description:
      "The consent page's form. `action=approve` with the resource owner's `user_id` and `password` (or, from a " +
      'page shown to a signed-in owner, without them): a verifier bound to the request token and that user, then ' +
      '302 to the callback with `oauth_token` and `oauth_verifier` added to its query (for "oob", a page showing the ' +
      'verifier); a sign-in with a password also starts the resource-owner session (Set-Cookie). A wrong ID or ' +
      'password shows the page again (200) with a message; too many failures from one address get 429. ' +
      '`action=deny`: the request token is revoked, then 302 to the callback with `denied=<request token>` (for ' +
      '"oob", a page saying so). `action=signout` ends the session and shows the page again.',
  })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['oauth_token', 'csrf_token', 'action'],
      properties: {
        oauth_token: { type: 'string', description: 'The request token' },
        csrf_token: { type: 'string', description: "The consent page's hidden CSRF token" },
        action: { type: 'string', enum: ['approve', 'deny', 'signout'] },
        user_id: { type: 'string', description: 'The resource owner (an /appusers id); to approve without a session' },
        password: { type: 'string', format: 'password', description: 'To approve without a session' },
      },
    },
  })
  @ApiResponse({
    status: 302,
    description: 'To the callback, with oauth_token and oauth_verifier, or with denied',
    headers: { Location: { description: 'The callback URL, its own query kept', schema: { type: 'string' } } },
  })
  @ApiOkResponse({
    description: 'oob: the verifier, or that access was denied; or the page again (after a wrong password or sign-out)',
    content: HTML,
  })
  @htmlResponse(400, 'Not a form, or no oauth_token or action')
  @htmlResponse(403, 'Missing or wrong CSRF token, or the app may no longer ask for access')
  @htmlResponse(404, 'Unknown request token')
  @htmlResponse(410, 'The request token has expired, was revoked (or denied) or was already exchanged')
  @htmlResponse(429, 'Too many failed sign-ins from this address (with Retry-After)')
  async submit(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = formOf(request.body);
    const token = await this.authorization.findToken(form.get('oauth_token'));
    const session = await this.sessions.current(request, token.organization);
    const csrfToken = form.get('csrf_token');
    // Before anything about the token's state is said or done: only our own page can have sent this form, and only
    // one rendered for this session may act for it.
    const forSession = session !== undefined && isValidCsrfToken(token, csrfToken, session.binding);
    if (!forSession && !isValidCsrfToken(token, csrfToken)) {
      throw new AuthorizePageError(
        403,
        'This form has expired or was not sent from this page',
        'Go back to the application and start again.',
      );
    }
    const authorization = await this.authorization.open(token);
    switch (form.get('action')) {
      case 'approve':
        return this.approve(request, reply, authorization, form, forSession ? session : undefined);
      case 'deny':
        return this.deny(reply, authorization);
      case 'signout':
        this.sessions.end(request, reply);
        return this.sendConsent(reply, authorization);
      default:
        throw unreadableForm();
    }
  }

  private async approve(
    request: FastifyRequest,
    reply: FastifyReply,
    authorization: AuthorizationRequest,
    form: URLSearchParams,
    session: OwnerSession | undefined,
  ): Promise<void> {
    if (!form.has('password')) {
      if (session !== undefined) return this.issueVerifier(reply, authorization, session.owner);
      return this.sendConsent(reply, authorization, { message: 'Sign in to approve.' });
    }
    const retryAfter = await this.failures.retryAfterSeconds('resource-owner', request.ip);
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
      await this.failures.recordFailure('resource-owner', request.ip);
      // 200, not 401: a form sign-in has no WWW-Authenticate challenge to offer.
      return this.sendConsent(reply, authorization, { userId, message: 'The user ID or password is not right.' });
    }
    await this.sessions.start(request, reply, owner);
    return this.issueVerifier(reply, authorization, owner);
  }

  private async issueVerifier(
    reply: FastifyReply,
    authorization: AuthorizationRequest,
    owner: ResourceOwner,
  ): Promise<void> {
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

  private sendConsent(
    reply: FastifyReply,
    authorization: AuthorizationRequest,
    state: ConsentState & { session?: OwnerSession } = {},
  ): void {
    const { session, ...shown } = state;
    const page = consentPage(
      {
        appName: authorization.appName,
        developerName: authorization.developerName,
        developerEmail: authorization.developerEmail,
        scopes: authorization.scopes,
        accessType: authorization.token.accessType,
        callbackOrigin: authorization.callback?.origin,
        requestToken: authorization.token.token,
        csrfToken: csrfTokenFor(authorization.token, session?.binding),
        signedInAs: session?.owner,
      },
      shown,
    );
    sendPage(reply, 200, page, { formTargets: formTargetsOf(authorization) });
  }
}

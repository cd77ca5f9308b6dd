import { Controller, Get, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FailedAttemptLimiter } from '../../common/auth/failed-attempt-limiter.js';
import { FormBody } from '../../common/http/request-bodies.js';
import { AppConfig } from '../../config/app-config.js';
import { AuthorizePageError, AuthorizePageFilter } from '../authorize/authorize-page.filter.js';
import { sendPage, sendRedirect } from '../authorize/page-reply.js';
import { connectionsPage, connectionsSignInPage } from './connections-page.js';
import { ConnectionsService } from './connections.service.js';
import { OwnerSessions } from './owner-sessions.js';
import type { OwnerSession } from './owner-sessions.js';

const PATH = '/oauth/oauth10/connections';
// Longer values cannot be an organization or an app id here.
const MAX_NAME_LENGTH = 255;

const HTML = { 'text/html': { schema: { type: 'string' } } };
const htmlResponse = (status: number, description: string) => ApiResponse({ status, description, content: HTML });

const unreadable = () => new AuthorizePageError(400, 'This request could not be read', 'Open this page again.');
const expiredForm = () =>
  new AuthorizePageError(403, 'This form has expired or was not sent from this page', 'Open this page again.');

function formOf(body: unknown): URLSearchParams {
  const text = body instanceof FormBody ? body.text() : undefined;
  if (text === undefined) throw unreadable();
  return new URLSearchParams(text);
}

function nameOf(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || value.length > MAX_NAME_LENGTH) throw unreadable();
  return value;
}

/**
 * The resource owner's own page (contract 1.2 "connections"): sign in, see every app holding access for you, revoke
 * one. Held to the authorize page's standards: HTML only, no JavaScript, the same strict headers, a CSRF field on
 * every form, the failed-sign-in limit.
 */
@ApiTags('oauth')
@Controller('oauth/oauth10/connections')
@UseFilters(AuthorizePageFilter)
export class ConnectionsController {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly sessions: OwnerSessions,
    private readonly failures: FailedAttemptLimiter,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({
    summary: "The resource owner's connections page",
    description:
      'An HTML page. Signed in (the resource-owner session of the authorize pages), it lists every app holding an ' +
      'approved (or idle) access token for the owner, with its developer, scope and when it was granted, each with ' +
      'a Revoke button, and a Sign out button. Otherwise it shows a sign-in form for the organization: `org`, else ' +
      "the session's, else the bootstrap organization.",
  })
  @ApiQuery({ name: 'org', required: false, description: 'The organization whose account to sign in with' })
  @ApiOkResponse({ description: 'The list, or the sign-in form', content: HTML })
  @htmlResponse(400, 'An org that cannot be one')
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const organization = nameOf((request.query as Record<string, unknown> | undefined)?.org);
    const session = await this.sessions.current(request, organization);
    if (session === undefined) {
      return this.sendSignIn(request, reply, { organization: organization ?? this.config.bootstrap.org });
    }
    return this.sendConnections(reply, session);
  }

  @Post()
  @ApiOperation({
    summary: 'Sign in, revoke an app, or sign out (the connections forms)',
    description:
      '`action=signin` with `org`, `user_id` and `password`: starts the session (Set-Cookie) and 303 back to the ' +
      'page; a wrong ID or password shows the form again (200) with a message; too many failures from one address ' +
      'get 429. `action=revoke` with `app`: revokes every access token of the signed-in owner for that app and ' +
      'shows the list again. `action=signout`: ends the session, 303 back to the page. Every form carries the ' +
      "page's `csrf_token`; without a valid one, 403.",
  })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['csrf_token', 'action'],
      properties: {
        csrf_token: { type: 'string', description: "The page's hidden CSRF token" },
        action: { type: 'string', enum: ['signin', 'revoke', 'signout'] },
        org: { type: 'string', description: 'signin: the organization' },
        user_id: { type: 'string', description: 'signin: the resource owner (an /appusers id)' },
        password: { type: 'string', format: 'password', description: 'signin' },
        app: { type: 'string', description: 'revoke: the app id' },
      },
    },
  })
  @ApiOkResponse({ description: 'The list after a revoke, or the sign-in form again', content: HTML })
  @ApiResponse({ status: 303, description: 'Signed in or out: back to the page' })
  @htmlResponse(400, 'Not a form, or no or an unknown action')
  @htmlResponse(403, 'Missing or wrong CSRF token (or the session ended)')
  @htmlResponse(429, 'Too many failed sign-ins from this address (with Retry-After)')
  async submit(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = formOf(request.body);
    const action = form.get('action');
    if (action === 'signin') return this.signIn(request, reply, form);
    if (action !== 'revoke' && action !== 'signout') throw unreadable();
    const session = await this.sessions.current(request);
    if (session === undefined || !this.sessions.isValidCsrfToken(session, form.get('csrf_token'))) throw expiredForm();
    if (action === 'signout') {
      this.sessions.end(request, reply);
      return this.backToPage(reply);
    }
    const appId = nameOf(form.get('app'));
    if (appId === undefined) throw unreadable();
    const revoked = await this.connections.revoke(session.owner, appId);
    return this.sendConnections(reply, session, revoked && `${revoked} no longer has access to your account.`);
  }

  private async signIn(request: FastifyRequest, reply: FastifyReply, form: URLSearchParams): Promise<void> {
    if (!this.sessions.isValidFormNonce(request, form.get('csrf_token'))) throw expiredForm();
    const organization = nameOf(form.get('org')) ?? this.config.bootstrap.org;
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
    const owner = await this.connections.signIn(organization, userId, form.get('password') ?? '');
    if (owner === undefined) {
      await this.failures.recordFailure('resource-owner', request.ip);
      return this.sendSignIn(request, reply, {
        organization,
        userId,
        message: 'The user ID or password is not right.',
      });
    }
    await this.sessions.start(request, reply, owner);
    return this.backToPage(reply);
  }

  private async sendConnections(reply: FastifyReply, session: OwnerSession, notice?: string): Promise<void> {
    const page = connectionsPage({
      owner: session.owner,
      connections: await this.connections.list(session.owner),
      csrfToken: this.sessions.csrfTokenFor(session),
      notice,
    });
    sendPage(reply, 200, page);
  }

  private sendSignIn(
    request: FastifyRequest,
    reply: FastifyReply,
    state: { organization: string; userId?: string; message?: string },
  ): void {
    const csrfToken = this.sessions.formNonce(request, reply);
    sendPage(reply, 200, connectionsSignInPage({ ...state, csrfToken }));
  }

  /** Post/redirect/get: reloading the page does not send the form again. */
  private backToPage(reply: FastifyReply): void {
    sendRedirect(reply, PATH, 303);
  }
}

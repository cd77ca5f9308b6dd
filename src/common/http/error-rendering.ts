import { HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  databaseAvailability,
  databaseUnavailableReason,
  UNAVAILABLE_RETRY_AFTER_SECONDS,
} from '../../database/unavailable.js';
import type { UnavailableReason } from '../../database/unavailable.js';
import { isUniqueViolation } from '../../database/unique-violation.js';
import { OAuthProblem } from '../../oauth1/problem.js';
import { oauthProblems } from '../../observability/metrics.js';
import { AdminErrors, ApigeeError } from '../errors/apigee-error.js';
import { renderXml } from '../xml/xml-codec.js';
import { negotiate, wantsXml } from './content-negotiation.js';
import { methodsServedAt } from './route-methods.js';
import { BodyTooDeep } from './nesting-depth.js';

const logger = new Logger('Errors');

export const PROTOCOL_PATH_PREFIX = '/oauth/';
export const BASIC_REALM = 'oauth1-provider';

interface FastifyErrorLike {
  statusCode?: number;
  code?: string;
}

function statusOf(exception: unknown): number | undefined {
  if (exception instanceof HttpException) return exception.getStatus();
  return (exception as FastifyErrorLike | null)?.statusCode;
}

/** An unexpected error for the log: its stack (never sent to the client). */
export function describeUnexpected(exception: unknown): string {
  return exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
}

/** Maps anything thrown into the admin API's Apigee error; what is not a client's mistake becomes a bare 500. */
export function toApigeeError(exception: unknown, path: string, requestId?: string): ApigeeError {
  if (exception instanceof ApigeeError) {
    if (exception.logDetail !== undefined) logger.error({ reqId: requestId }, exception.logDetail);
    return exception;
  }
  if (exception instanceof OAuthProblem) return AdminErrors.invalidRequest(exception.advice ?? exception.problem);
  const unavailable = databaseUnavailableReason(exception);
  if (unavailable !== undefined)
    return AdminErrors.serviceUnavailable(unavailableMessage(unavailable), UNAVAILABLE_RETRY_AFTER_SECONDS);
  if (isUniqueViolation(exception)) {
    return AdminErrors.conflict('A record with the same identifier already exists');
  }
  const status = statusOf(exception);
  switch (status) {
    case 400:
      return AdminErrors.invalidRequest(exception instanceof Error ? exception.message : 'Bad request');
    case 401:
      return AdminErrors.unauthorized();
    case 403:
      return AdminErrors.forbidden();
    case 404:
      return AdminErrors.notFound(path);
    case 405:
      return AdminErrors.methodNotAllowed();
    case 413:
      return AdminErrors.bodyTooLarge();
    case 415:
      return AdminErrors.unsupportedMediaType('');
    case 429:
      return AdminErrors.tooManyRequests(60);
    case 503:
      return AdminErrors.serviceUnavailable(unavailableMessage('unreachable'), UNAVAILABLE_RETRY_AFTER_SECONDS);
    default:
      if (status !== undefined && status >= 400 && status < 500) {
        return new ApigeeError(status, 'messaging.adaptors.http.flow.ClientError', 'Bad request');
      }
      logger.error({ reqId: requestId }, describeUnexpected(exception));
      return AdminErrors.internal();
  }
}

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const;

/**
 * The methods served at the request's path, when what was thrown is the router's 404 and the request's own method
 * has no route there: a known path asked with a verb it does not serve (405 with Allow on both surfaces).
 */
function otherMethodsServed(exception: unknown, request: FastifyRequest, path: string): string[] {
  if (exception instanceof ApigeeError || statusOf(exception) !== 404) return [];
  const served = methodsServedAt(request.server, path);
  if (served.includes(request.method)) return [];
  return HTTP_METHODS.filter((method) => served.includes(method));
}

/** Maps anything thrown on a protocol path into an OAuth problem (or a bare 500). */
function toOAuthProblem(exception: unknown, request: FastifyRequest, path: string): OAuthProblem | undefined {
  if (exception instanceof OAuthProblem) return exception;
  const unavailable = databaseUnavailableReason(exception);
  if (unavailable !== undefined) {
    return new OAuthProblem('temporarily_unavailable', {
      status: 503,
      retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS,
      advice: unavailableMessage(unavailable),
    });
  }
  const status = statusOf(exception);
  if (status === 404) {
    const allow = otherMethodsServed(exception, request, path);
    if (allow.length > 0) {
      return new OAuthProblem('method_not_allowed', {
        status: 405,
        allow,
        advice: `${path} answers ${allow.join(', ')}`,
      });
    }
    return new OAuthProblem('endpoint_unknown', { status: 404, advice: `No OAuth endpoint at ${path}` });
  }
  if (status === 413) return new OAuthProblem('parameter_rejected', { advice: 'Request body is too large' });
  if (status !== undefined && status >= 400 && status < 500) {
    const advice =
      exception instanceof ApigeeError || exception instanceof BodyTooDeep
        ? exception.message
        : 'The request could not be read';
    return new OAuthProblem('parameter_rejected', { advice });
  }
  return undefined;
}

/** What the client is told about a database that cannot serve; recorded for /readyz, logged without a stack. */
function unavailableMessage(reason: UnavailableReason): string {
  return reason === 'disk full'
    ? 'The database cannot store anything: its disk is full; try again later'
    : 'The database is not reachable; try again later';
}

export function oauthRealm(request: FastifyRequest, publicBaseUrl?: string): string {
  return publicBaseUrl ?? `${request.protocol}://${request.host}`;
}

/**
 * Fastify route config (`@RouteConfig`) of a route that answers every OAuth problem 401 (with WWW-Authenticate), the
 * 400-class ones included: forward-auth, because nginx's auth_request turns any status but 2xx, 401 and 403 into a
 * 500 for its client, whose mistake it was.
 */
export const PROBLEMS_AS_UNAUTHORIZED = { oauthProblemsAsUnauthorized: true } as const;

function statusFor(request: FastifyRequest, problem: OAuthProblem): number {
  const config = request.routeOptions.config as { oauthProblemsAsUnauthorized?: boolean } | undefined;
  return problem.status === 400 && config?.oauthProblemsAsUnauthorized === true ? 401 : problem.status;
}

const PROBLEM_TYPES = ['application/x-www-form-urlencoded', 'application/json', 'text/plain'] as const;

export function sendOAuthProblem(request: FastifyRequest, reply: FastifyReply, problem: OAuthProblem, realm: string) {
  oauthProblems.inc({ problem: problem.problem });
  const fields = problem.toFormFields();
  const type = negotiate(request.headers.accept, PROBLEM_TYPES);
  const status = statusFor(request, problem);
  reply.status(status).header('cache-control', 'no-store');
  if (problem.retryAfterSeconds !== undefined) reply.header('retry-after', String(problem.retryAfterSeconds));
  if (problem.allow !== undefined) reply.header('allow', problem.allow.join(', '));
  if (status === 401) reply.header('www-authenticate', `OAuth realm="${realm.replace(/["\\]/g, '')}"`);
  if (type === 'application/json') {
    return reply.type('application/json').send(JSON.stringify(Object.fromEntries(fields)));
  }
  const body = fields.map(([name, value]: [string, string]) => `${name}=${encodeURIComponent(value)}`).join('&');
  return reply
    .type(type === 'text/plain' ? 'text/plain; charset=utf-8' : 'application/x-www-form-urlencoded')
    .send(body);
}

export function sendApigeeError(request: FastifyRequest, reply: FastifyReply, error: ApigeeError) {
  reply.status(error.status).headers(error.headers);
  if (error.status === 401) reply.header('www-authenticate', `Basic realm="${BASIC_REALM}"`);
  const envelope = { code: error.code, message: error.message, contexts: error.contexts };
  if (wantsXml(request.headers.accept)) {
    return reply.type('application/xml').send(renderXml(envelope, { root: 'Error' }));
  }
  return reply.type('application/json').send(JSON.stringify(envelope));
}

/**
 * A request that failed because the database cannot serve: remembered for /readyz and logged as a warning with the
 * request id and the driver's message only (a stack or the statement's parameters could carry a secret).
 */
export function noteUnavailableDatabase(request: FastifyRequest, exception: unknown): void {
  const reason = databaseUnavailableReason(exception);
  if (reason === undefined) return;
  databaseAvailability.recordFailure(reason);
  logger.warn({ reqId: request.id, reason }, `Database unavailable (${reason}): answering 503`);
}

/** The one place that turns an exception into a response, for both error formats of the contract. */
export function sendError(request: FastifyRequest, reply: FastifyReply, exception: unknown, publicBaseUrl?: string) {
  const path = request.url.split('?')[0];
  noteUnavailableDatabase(request, exception);
  if (path.startsWith(PROTOCOL_PATH_PREFIX)) {
    const problem = toOAuthProblem(exception, request, path);
    if (problem) return sendOAuthProblem(request, reply, problem, oauthRealm(request, publicBaseUrl));
  }
  const allow = otherMethodsServed(exception, request, path);
  if (allow.length > 0) return sendApigeeError(request, reply, AdminErrors.methodNotAllowed(allow));
  return sendApigeeError(request, reply, toApigeeError(exception, path, request.id));
}

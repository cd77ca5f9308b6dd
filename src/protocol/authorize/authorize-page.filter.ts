import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { describeUnexpected, noteUnavailableDatabase } from '../../common/http/error-rendering.js';
import { isDatabaseUnavailable, UNAVAILABLE_RETRY_AFTER_SECONDS } from '../../database/unavailable.js';
import { errorPage } from './authorize-page.js';
import { sendPage } from './page-reply.js';

/** Why the authorize page cannot go on, said to a person: a status, a title and what to do next. */
export class AuthorizePageError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(title);
  }
}

const logger = new Logger('AuthorizePage');

/**
 * The authorize page is read by people in browsers: its errors are HTML pages, never the OAuth problem bodies or
 * Apigee envelopes the global filter renders, and never a stack trace.
 */
@Catch()
export class AuthorizePageFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const error = exception instanceof AuthorizePageError ? exception : this.unexpected(exception, request);
    const headers: Record<string, string> =
      error.retryAfterSeconds === undefined ? {} : { 'retry-after': String(error.retryAfterSeconds) };
    sendPage(reply, error.status, errorPage(error.title, error.detail), { headers });
  }

  private unexpected(exception: unknown, request: FastifyRequest): AuthorizePageError {
    if (isDatabaseUnavailable(exception)) {
      noteUnavailableDatabase(request, exception);
      return new AuthorizePageError(
        503,
        'Temporarily unavailable',
        'The authorization service cannot be reached right now. Try again in a few seconds.',
        UNAVAILABLE_RETRY_AFTER_SECONDS,
      );
    }
    const status =
      exception instanceof HttpException
        ? exception.getStatus()
        : ((exception as { statusCode?: number } | null)?.statusCode ?? 500);
    if (status >= 400 && status < 500) {
      return new AuthorizePageError(
        status,
        'This request could not be read',
        'Go back to the application and try again.',
      );
    }
    logger.error({ reqId: request.id }, describeUnexpected(exception));
    return new AuthorizePageError(
      500,
      'Something went wrong',
      'The authorization could not be completed. Go back to the application and try again later.',
    );
  }
}

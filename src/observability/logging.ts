import { RequestMethod } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { Options } from 'pino-http';
import { AppConfig } from '../config/app-config.js';

/** Where log lines go when not standard output (tests read them). */
export interface LogDestination {
  write(line: string): void;
}

/** Provided by the app module: an optional LogDestination. */
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Fastify's request id (which the request log uses): the caller's X-Request-Id when it is sane, else a new one. */
export function requestIdFor(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
}

/** Echoes the request id, so a caller can quote it when reporting a problem. */
export function echoRequestIds(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
}

const UNLOGGED_PATHS = new Set(['/healthz', '/metrics']);

/**
 * Structured JSON logs (pino). A request is logged by method and path only: the query string may carry a
 * PLAINTEXT signature (which is the secrets) and headers carry credentials, so neither is ever logged.
 */
export const LoggingModule = LoggerModule.forRootAsync({
  inject: [AppConfig, LOG_DESTINATION],
  useFactory: (config: AppConfig, destination?: LogDestination) => {
    const options: Options = {
      level: config.logLevel,
      serializers: {
        req: (request: { id: string; method: string; url: string; remoteAddress?: string }) => ({
          id: request.id,
          method: request.method,
          path: request.url.split('?')[0],
          remoteAddress: request.remoteAddress,
        }),
        res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
      },
      autoLogging: {
        ignore: (request) =>
          UNLOGGED_PATHS.has(((request as { originalUrl?: string }).originalUrl ?? request.url ?? '').split('?')[0]),
      },
    };
    // Nest 12's router takes named wildcards; nestjs-pino's default '*' would match no route.
    return {
      pinoHttp: destination ? [options, destination] : options,
      forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    };
  },
});

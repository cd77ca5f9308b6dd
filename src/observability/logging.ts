import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { Logger as Pino } from 'pino';
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
 * One line per finished request, written from a Fastify hook rather than by nestjs-pino's pino-http middleware:
 * that middleware made a child logger and an AsyncLocalStorage context for every request, which cost about a
 * quarter of a cheap request's time even with request logs turned off. A request is logged by method and path
 * only: the query string may carry a PLAINTEXT signature (which is the secrets) and headers carry credentials, so
 * neither is ever logged.
 */
export function logRequests(fastify: FastifyInstance, root: Pino): void {
  // pino-http's serializers expect Node's request and response objects; these lines carry plain summaries.
  const asIs = (value: unknown) => value;
  const logger = root.child({}, { serializers: { req: asIs, res: asIs } });
  fastify.addHook('onResponse', (request, reply, done) => {
    const failed = reply.statusCode >= 500;
    if (logger.isLevelEnabled(failed ? 'error' : 'info')) {
      const path = request.url.split('?')[0];
      if (!UNLOGGED_PATHS.has(path)) {
        const line = {
          req: { id: request.id, method: request.method, path, remoteAddress: request.ip },
          res: { statusCode: reply.statusCode },
          responseTime: Math.round(reply.elapsedTime),
        };
        if (failed) logger.error(line, 'request errored');
        else logger.info(line, 'request completed');
      }
    }
    done();
  });
}

/** Structured JSON logs (pino) for the application's own messages; requests are logged by logRequests. */
export const LoggingModule = LoggerModule.forRootAsync({
  inject: [AppConfig, LOG_DESTINATION],
  useFactory: (config: AppConfig, destination?: LogDestination) => {
    const options: Options = {
      level: config.logLevel,
    };
    // No route gets the pino-http middleware: logRequests logs requests.
    return { pinoHttp: destination ? [options, destination] : options, forRoutes: [] };
  },
});

import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import { Logger, PinoLogger } from 'nestjs-pino';
import { AppModule, AppModuleOptions } from './app.module.js';
import { registerBodyParsers } from './common/http/request-bodies.js';
import { recordServedRoutes } from './common/http/route-methods.js';
import { renderXmlResponses } from './common/http/xml-response.js';
import { echoRequestIds, logRequests, requestIdFor } from './observability/logging.js';
import { instrumentRequests } from './observability/metrics.js';
import { mendGeneratedDocument } from './openapi.js';

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('OAuth 1.0a provider')
    .setDescription(
      'An OAuth 1.0a provider (RFC 5849) with an Apigee Edge compatible key-management API. ' +
        'Admin calls take HTTP Basic Auth as a management user; results and errors are JSON, or XML with ' +
        '`Accept: application/xml`.',
    )
    .setVersion('1.0')
    .addBasicAuth({ type: 'http', scheme: 'basic' }, 'basic')
    .build();
  return mendGeneratedDocument(
    SwaggerModule.createDocument(app, config, {
      operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
    }),
  );
}

/**
 * A keep-alive connection whose request was in flight when shutdown began would otherwise stay open (and keep the
 * process alive) until its keep-alive timeout: once closing, every response ends its connection.
 */
function closeConnectionsWhenClosing(fastify: FastifyInstance): void {
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });
}

/** Builds the application exactly as it serves, for main.ts, the tests, the OpenAPI script and the benchmark. */
export async function createApp(options: AppModuleOptions): Promise<NestFastifyApplication> {
  const { config } = options;
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: requestIdFor,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
    // A client sending its request slowly (a byte a second, say) holds a connection and its memory: it gets 408 and
    // the connection is closed once the whole request has taken requestTimeout, or its headers headersTimeout.
    // Node checks those deadlines every connectionsCheckingInterval; a second keeps the cut close to the deadline
    // and costs one pass over the open connections. An idle keep-alive connection closes after keepAliveTimeout,
    // which must outlast a load balancer's own idle timeout (often 60 s) so that it never reuses one just closed.
    requestTimeout: config.requestTimeoutSeconds * 1000,
    keepAliveTimeout: config.keepAliveTimeoutSeconds * 1000,
    http: { headersTimeout: config.headersTimeoutSeconds * 1000, connectionsCheckingInterval: 1000 },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options), adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  registerBodyParsers(app, config.bodyLimitBytes);
  const fastify = app.getHttpAdapter().getInstance();
  closeConnectionsWhenClosing(fastify);
  recordServedRoutes(fastify);
  echoRequestIds(fastify);
  instrumentRequests(fastify);
  renderXmlResponses(fastify);
  logRequests(fastify, PinoLogger.root);
  // A factory: the document is built on the first request for it (/docs and its JSON and YAML share the one
  // build), not at every start, so a server nobody asks for its docs never holds it.
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs/openapi.json',
    yamlDocumentUrl: 'docs/openapi.yaml',
    swaggerOptions: { persistAuthorization: true },
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

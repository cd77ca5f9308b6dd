import { Controller, Get, Header, Module } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per process; GET /metrics exposes it in the Prometheus text format. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

const requestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP requests by method, route template and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [metricsRegistry],
});

/** Incremented by the token stores as they issue: type is request, verifier or access. */
export const tokensIssued = new Counter({
  name: 'oauth1_tokens_issued_total',
  help: 'Request tokens, verifiers and access tokens issued (type: request, verifier, access)',
  labelNames: ['type'] as const,
  registers: [metricsRegistry],
});

/** scrypt checks of management users' Basic Auth passwords: the verified-credential cache's misses. */
export const passwordChecks = new Counter({
  name: 'admin_password_checks_total',
  help: "Management users' Basic Auth passwords checked with scrypt (requests the verified-credential cache missed)",
  registers: [metricsRegistry],
});

export const oauthProblems = new Counter({
  name: 'oauth1_problems_total',
  help: 'Protocol requests rejected, by OAuth problem code',
  labelNames: ['problem'] as const,
  registers: [metricsRegistry],
});

/** Times every response, labelled by the route template (not the raw URL, which would explode the label set). */
export function instrumentRequests(fastify: FastifyInstance): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    requestDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
}

@ApiExcludeController()
@Controller()
class MetricsController {
  @Get('metrics')
  @Header('Content-Type', metricsRegistry.contentType)
  metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}

@Module({ controllers: [MetricsController] })
export class MetricsModule {}

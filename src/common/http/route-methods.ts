import type { FastifyInstance } from 'fastify';

interface ServedRoute {
  pattern: RegExp;
  methods: string[];
}

const ROUTES = Symbol('served routes');
type WithRoutes = FastifyInstance & { [ROUTES]?: ServedRoute[] };

/** A Fastify path (`/v1/o/:org/developers/:email`, `/docs/*`) as a regular expression for a request path. */
function patternOf(url: string): RegExp {
  const source = url
    .split(/(:[A-Za-z0-9_]+|\*)/)
    .map((part) => {
      if (part === '*') return '.*';
      if (part.startsWith(':')) return '[^/]+';
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source.replace(/\/$/, '')}/?$`);
}

/**
 * Keeps every route's path pattern and methods as they are registered (call before the routes are), so that a
 * request no route answers can be told which methods its path does serve: a 405 with Allow rather than a 404.
 */
export function recordServedRoutes(fastify: FastifyInstance): void {
  const routes: ServedRoute[] = [];
  (fastify as WithRoutes)[ROUTES] = routes;
  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    routes.push({ pattern: patternOf(route.url), methods: methods.map((method) => method.toUpperCase()) });
  });
}

/** The methods some route serves at this request path, in the order registered (none: an unknown path). */
export function methodsServedAt(fastify: FastifyInstance, path: string): string[] {
  const routes = (fastify as WithRoutes)[ROUTES] ?? [];
  const methods = new Set<string>();
  for (const route of routes) {
    if (route.pattern.test(path)) route.methods.forEach((method) => methods.add(method));
  }
  return [...methods];
}

import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { renderXml, XmlShape } from '../xml/xml-codec.js';
import { wantsXml } from './content-negotiation.js';

/** The Fastify route config entry XmlRoot sets. */
interface XmlRouteConfig {
  xmlShape?: XmlShape;
}

/** Names the root element a handler's result takes in XML, e.g. @XmlRoot('App', { attributes: ['name'] }). */
export const XmlRoot = (root: string, options: Omit<XmlShape, 'root'> = {}) =>
  RouteConfig({ xmlShape: { root, ...options } } satisfies XmlRouteConfig);

/**
 * Registered once, on Fastify: renders a handler's successful result as Apigee XML when the route has an XmlRoot
 * and the client's Accept prefers XML. A serialization hook rather than a global Nest interceptor, because Nest runs
 * every interceptor through an RxJS pipeline on every route, which cost the protocol's routes (that have no XML
 * form) about a tenth of their time. Errors are rendered by error-rendering.ts and arrive here already as text, which
 * Fastify does not pass to this hook.
 */
export function renderXmlResponses(fastify: FastifyInstance): void {
  fastify.addHook('preSerialization', (request, reply, payload, done) => {
    const shape = (request.routeOptions.config as XmlRouteConfig | undefined)?.xmlShape;
    if (shape !== undefined && reply.statusCode < 300 && wantsXml(request.headers.accept)) {
      void reply.type('application/xml');
      reply.serializer((data) => renderXml(data, shape));
    }
    done(null, payload);
  });
}

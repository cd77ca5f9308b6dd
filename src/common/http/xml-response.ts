import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, Observable } from 'rxjs';
import { renderXml, XmlShape } from '../xml/xml-codec.js';
import { wantsXml } from './content-negotiation.js';

const XML_SHAPE = 'xml-shape';

/** Names the root element a handler's result takes in XML, e.g. @XmlRoot('App', { attributes: ['name'] }). */
export const XmlRoot = (root: string, options: Omit<XmlShape, 'root'> = {}) =>
  SetMetadata(XML_SHAPE, { root, ...options } satisfies XmlShape);

/** Registered globally: renders a handler's result as Apigee XML when the client's Accept prefers XML. */
@Injectable()
export class XmlResponseInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const shape = this.reflector.get<XmlShape | undefined>(XML_SHAPE, context.getHandler());
    if (!shape) return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!wantsXml(request.headers.accept)) return next.handle();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((data: unknown) => {
        if (data === undefined) return data;
        reply.type('application/xml');
        return renderXml(data, shape);
      }),
    );
  }
}

import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { AdminErrors } from '../errors/apigee-error.js';
import { parseXmlBody } from '../xml/xml-codec.js';
import { BodyTooDeep, jsonNestsDeeperThan } from './nesting-depth.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A form body kept as sent: the OAuth signature covers its exact bytes and parameter order. */
export class FormBody {
  constructor(readonly bytes: Buffer) {}

  /** The body as text; undefined when its bytes are not UTF-8 (never replaced with U+FFFD: what was sent is unknown). */
  text(): string | undefined {
    try {
      return strictUtf8.decode(this.bytes);
    } catch {
      return undefined;
    }
  }
}

/**
 * A body the endpoint does not parse: of a type no parser knows (kept so that the handler can say 415 if it needs a
 * body), or any body but a form on a route that reads bodies as bytes.
 */
export class OpaqueBody {
  constructor(
    readonly contentType: string,
    readonly bytes: Buffer,
  ) {}
}

/**
 * Fastify route config (`@RouteConfig`) of a route that takes every body as its bytes, never parsed: forward-auth,
 * which passes judgement on the body of someone else's API (its hash, not its JSON) and must not refuse a body that
 * API's own parser may well accept. Form bodies still arrive as FormBody, since they are signed.
 */
export const BODY_AS_BYTES = { bodyAsBytes: true } as const;

function takesBodyAsBytes(request: FastifyRequest): boolean {
  return (request.routeOptions.config as { bodyAsBytes?: boolean } | undefined)?.bodyAsBytes === true;
}

export function contentTypeOf(request: FastifyRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

class BodyTooLarge extends Error {
  readonly statusCode = 413;
}

async function readAll(stream: AsyncIterable<Buffer>, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge('Request body is too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * The body on any method, as a BODY_AS_BYTES route gets it: Fastify never reads the body of a GET or HEAD, which
 * forward-auth must (Traefik's forwardBody sends the original body with a GET), so that one is read here.
 */
export async function bodyOnAnyMethod(request: FastifyRequest, bodyLimit: number): Promise<unknown> {
  const { headers } = request;
  const sent = headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;
  if (request.body !== undefined || !sent || !['GET', 'HEAD'].includes(request.method)) return request.body;
  const bytes = await readAll(request.raw, bodyLimit);
  if (bytes.length === 0) return undefined;
  const contentType = contentTypeOf(request);
  return contentType === FORM_CONTENT_TYPE ? new FormBody(bytes) : new OpaqueBody(contentType, bytes);
}

const opaque = (request: FastifyRequest, body: Buffer): OpaqueBody | undefined =>
  body.length === 0 ? undefined : new OpaqueBody(contentTypeOf(request), body);

/**
 * One place for request bodies: JSON (an empty body counts as none, as curl sends for ?action= calls),
 * Apigee XML, form bodies kept raw for the protocol module, and anything else kept opaque.
 */
export function registerBodyParsers(app: NestFastifyApplication, bodyLimit: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', { bodyLimit }, (request, body, done) => {
    if (takesBodyAsBytes(request as never)) return done(null, opaque(request as never, body));
    const text = body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    if (jsonNestsDeeperThan(text)) return done(new BodyTooDeep('JSON'), undefined);
    void parseJson(request as never, text, (error, parsed) => {
      if (error) return done(AdminErrors.invalidRequest('Malformed JSON body'), undefined);
      done(null, parsed);
    });
  });
  app.useBodyParser(['application/xml', 'text/xml'], { bodyLimit }, (request, body, done) => {
    if (takesBodyAsBytes(request as never)) return done(null, opaque(request as never, body));
    const text = body.toString('utf8');
    done(null, text.trim() === '' ? undefined : parseXmlBody(text));
  });
  app.useBodyParser(FORM_CONTENT_TYPE, { bodyLimit }, (_request, body, done) => {
    done(null, new FormBody(body));
  });
  app.useBodyParser('*', { bodyLimit }, (request, body, done) => {
    done(null, opaque(request as never, body));
  });
}

import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { AdminErrors } from '../errors/apigee-error.js';
import { parseXmlBody } from '../xml/xml-codec.js';

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

/** A body of a type the endpoint does not parse (kept so that the handler can say 415 if it needs a body). */
export class OpaqueBody {
  constructor(readonly contentType: string) {}
}

export function contentTypeOf(request: FastifyRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * One place for request bodies: JSON (an empty body counts as none, as curl sends for ?action= calls),
 * Apigee XML, form bodies kept raw for the protocol module, and anything else kept opaque.
 */
export function registerBodyParsers(app: NestFastifyApplication, bodyLimit: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', { bodyLimit }, (request, body, done) => {
    const text = body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    void parseJson(request as never, text, (error, parsed) => {
      if (error) return done(AdminErrors.invalidRequest('Malformed JSON body'), undefined);
      done(null, parsed);
    });
  });
  app.useBodyParser(['application/xml', 'text/xml'], { bodyLimit }, (_request, body, done) => {
    const text = body.toString('utf8');
    done(null, text.trim() === '' ? undefined : parseXmlBody(text));
  });
  app.useBodyParser('application/x-www-form-urlencoded', { bodyLimit }, (_request, body, done) => {
    done(null, new FormBody(body));
  });
  app.useBodyParser('*', { bodyLimit }, (request, body, done) => {
    done(null, body.length === 0 ? undefined : new OpaqueBody(contentTypeOf(request as never)));
  });
}

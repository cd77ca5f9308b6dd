import type { FastifyReply, FastifyRequest } from 'fastify';
import { negotiate } from '../common/http/content-negotiation.js';
import { percentEncode } from '../oauth1/index.js';

const CREDENTIAL_TYPES = ['application/x-www-form-urlencoded', 'text/plain'] as const;

/**
 * Answers with credentials the way RFC 5849 2.1 and 2.3 do: form-encoded fields, as application/x-www-form-urlencoded
 * unless the client prefers text/plain (some SDKs ask for it), and never cached.
 */
export function credentialsResponse(
  request: FastifyRequest,
  reply: FastifyReply,
  fields: ReadonlyArray<[string, string]>,
): string {
  const type = negotiate(request.headers.accept, CREDENTIAL_TYPES);
  reply
    .header('cache-control', 'no-store')
    .type(type === 'text/plain' ? 'text/plain; charset=utf-8' : 'application/x-www-form-urlencoded');
  return fields.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join('&');
}

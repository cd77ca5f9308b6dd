import type { FastifyRequest } from 'fastify';
import { OpaqueBody } from '../../common/http/request-bodies.js';
import type { AppConfig } from '../../config/app-config.js';
import { OAuthProblem, parseFormEncoded } from '../../oauth1/index.js';
import type { SignedRequestInput } from '../../oauth1/index.js';
import { firstListValue, signedFormBodyOf } from '../signed-request.js';
import { scopeList } from '../verify/resource-request-check.service.js';

export const FORWARD_AUTH_PATH = '/oauth/oauth10/forward-auth';
export const REQUIRED_SCOPE_HEADER = 'x-oauth-required-scope';

const ABSOLUTE_URL = /^https?:\/\//i;

/** The request a proxy is about to pass on, as it describes it, and the scopes the proxy says its route needs. */
export interface ForwardedRequest {
  input: SignedRequestInput;
  requiredScopes: string[];
  /** The original body when the proxy passed it and it is not a form (for oauth_body_hash); undefined: not known. */
  body?: Buffer;
}

/**
 * The body is known when the proxy sent one, even an empty one (Traefik's forwardBody, Envoy's with_request_body);
 * nginx's auth_request sends none (the README's configuration clears Content-Length), and then it is not known.
 */
function bodyToHash(request: FastifyRequest, body: unknown): Buffer | undefined {
  if (body instanceof OpaqueBody) return body.bytes;
  if (body !== undefined) return undefined;
  const { headers } = request;
  return headers['content-length'] !== undefined || headers['transfer-encoding'] !== undefined
    ? Buffer.alloc(0)
    : undefined;
}

function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  return text === '' ? undefined : text;
}

/**
 * What follows the endpoint's own path in the request-target, as received (never decoded: it is what the client
 * signed). "/photos?x=1" in the path-prefix form Envoy sends, "?scope=…" or "" in the plain form.
 */
function restOfTarget(request: FastifyRequest): string {
  const target = request.raw.url ?? request.url;
  return target.startsWith(FORWARD_AUTH_PATH) ? target.slice(FORWARD_AUTH_PATH.length) : '';
}

function queryOf(target: string): string {
  const start = target.indexOf('?');
  return start === -1 ? '' : target.slice(start + 1);
}

/**
 * The original request (contract 3): the method from X-Forwarded-Method (Traefik, Caddy, this README's nginx) or
 * X-Original-Method, else this request's own (Envoy); the path and query from X-Forwarded-Uri or X-Original-URI, else
 * the rest of this request's path (Envoy's path_prefix); the origin from X-Forwarded-Proto and X-Forwarded-Host, else
 * the Host header under PUBLIC_BASE_URL's scheme. These headers are read whatever TRUST_PROXY says: describing the
 * original request is what the caller of this endpoint is for. `body` is what the proxy passed of the original body.
 */
export function forwardedRequestOf(request: FastifyRequest, body: unknown, config: AppConfig): ForwardedRequest {
  const rest = restOfTarget(request);
  const uriHeader = headerValue(request, 'x-forwarded-uri') ?? headerValue(request, 'x-original-uri');
  const pathPrefixForm = uriHeader === undefined && rest.startsWith('/');
  const uri = uriHeader ?? (pathPrefixForm ? rest : '/');

  const method =
    headerValue(request, 'x-forwarded-method') ?? headerValue(request, 'x-original-method') ?? request.method;
  let url = uri;
  if (!ABSOLUTE_URL.test(uri)) {
    if (!uri.startsWith('/')) {
      throw new OAuthProblem('parameter_rejected', { advice: 'The forwarded URI must be a path or an absolute URL' });
    }
    const defaultScheme = config.publicBaseUrl?.slice(0, config.publicBaseUrl.indexOf(':')) ?? request.protocol;
    const scheme = firstListValue(request.headers['x-forwarded-proto']) ?? defaultScheme;
    const host = firstListValue(request.headers['x-forwarded-host']) ?? request.headers.host ?? '';
    url = `${scheme.toLowerCase()}://${host}${uri}`;
  }

  // In the path-prefix form the query is the original request's; otherwise it is this endpoint's own.
  const ownQuery = pathPrefixForm ? '' : queryOf(rest);
  const fromQuery = parseFormEncoded(ownQuery).flatMap(([name, value]) => (name === 'scope' ? scopeList(value) : []));
  const fromHeader = scopeList(headerValue(request, REQUIRED_SCOPE_HEADER));
  return {
    input: { method, url, authorization: request.headers.authorization, formBody: signedFormBodyOf(body) },
    requiredScopes: [...new Set([...fromHeader, ...fromQuery])],
    body: bodyToHash(request, body),
  };
}

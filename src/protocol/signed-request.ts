import type { FastifyRequest } from 'fastify';
import { FormBody } from '../common/http/request-bodies.js';
import type { AppConfig } from '../config/app-config.js';
import { OAuthProblem } from '../oauth1/index.js';
import type { SignedRequestInput } from '../oauth1/index.js';

/** The first value of a comma-separated header such as X-Forwarded-Host, as proxies append theirs. */
export function firstListValue(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const first = value?.split(',')[0].trim();
  return first === '' ? undefined : first;
}

/**
 * The absolute URL the client signed (RFC 5849 3.4.1.2): the configured public base URL, else the origin a trusted
 * proxy reports, else this server's own scheme and Host header; then the request-target exactly as received, since
 * a decoded or re-encoded path would not be the one that was signed.
 */
export function signedUrlOf(request: FastifyRequest, config: PublicUrlConfig): string {
  const target = request.raw.url ?? request.url;
  if (config.publicBaseUrl !== undefined) return `${config.publicBaseUrl}${target}`;
  const proxied = config.trustProxy;
  const host = (proxied && firstListValue(request.headers['x-forwarded-host'])) || request.headers.host || '';
  return `${publicSchemeOf(request, config)}://${host}${target}`;
}

type PublicUrlConfig = Pick<AppConfig, 'publicBaseUrl' | 'trustProxy'>;

/** The scheme the client used: that of the public base URL, else the one a trusted proxy reports, else our own. */
export function publicSchemeOf(request: FastifyRequest, config: PublicUrlConfig): string {
  if (config.publicBaseUrl !== undefined) return new URL(config.publicBaseUrl).protocol.slice(0, -1);
  const proxied = config.trustProxy && firstListValue(request.headers['x-forwarded-proto']);
  return (proxied || request.protocol).toLowerCase();
}

/** A form body as text; its bytes must be UTF-8, or what the client signed cannot be known. */
function formBodyText(body: FormBody): string {
  const text = body.text();
  if (text === undefined) throw new OAuthProblem('parameter_rejected', { advice: 'The form body is not valid UTF-8' });
  return text;
}

/** A request body when it is a form, the only kind of body a signature covers (3.4.1.3.1). */
export function signedFormBodyOf(body: unknown): string | undefined {
  return body instanceof FormBody ? formBodyText(body) : undefined;
}

/** The parts of an incoming request that a signature covers. */
export function signedRequestOf(request: FastifyRequest, config: AppConfig): SignedRequestInput {
  return {
    method: request.method,
    url: signedUrlOf(request, config),
    authorization: request.headers.authorization,
    formBody: signedFormBodyOf(request.body),
  };
}

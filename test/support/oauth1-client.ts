import { expect } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import { formatAuthorizationHeader, percentEncode, sign, signatureBaseString } from '../../src/oauth1/index.js';
import type { SignatureMethod } from '../../src/oauth1/index.js';
import { ADMIN_AUTH, ORG, TestApp } from './test-app.js';

/**
 * A hand-rolled OAuth 1.0a client for tests that need to send what real clients would not (a wrong signature, a
 * stale timestamp, parameters in odd places). Interoperability itself is tested with the `oauth` and `oauth-1.0a`
 * packages.
 */

/** Makes the app listen on a real port, so that clients sign and request the same URL. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

export interface SignOptions {
  method?: string;
  /** The absolute URL the client signs (and requests), query included. */
  url: string;
  consumerKey: string;
  consumerSecret: string;
  token?: string;
  tokenSecret?: string;
  signatureMethod?: SignatureMethod;
  rsaPrivateKey?: string;
  /** Protocol parameters to add or override (e.g. oauth_callback, oauth_verifier, oauth_version). */
  oauth?: Record<string, string>;
  /** Protocol parameters to leave out. */
  omit?: string[];
  /** Non-protocol parameters sent in a form body (and so signed). */
  form?: Array<[string, string]>;
  /** Where the protocol parameters travel. */
  via?: 'header' | 'query' | 'body';
  /** Epoch seconds; default: the test app's clock. */
  timestamp?: number;
  nonce?: string;
  /** Replaces the computed signature. */
  signature?: string;
}

export interface SignedRequest {
  method: string;
  /** The path and query to request. */
  path: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

let nonceSequence = 0;
export const freshNonce = () => `n${Date.now().toString(36)}${(nonceSequence++).toString(36)}`;

const encodePairs = (pairs: Array<[string, string]>) =>
  pairs.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join('&');

/** Signs a request at the time of `t.clock` (a test app's, or a real clock for server processes). */
export function signRequest(t: { clock: { now(): number } }, options: SignOptions): SignedRequest {
  const method = options.method ?? 'POST';
  const via = options.via ?? 'header';
  const omitted = new Set(options.omit ?? []);
  const protocol: Array<[string, string]> = Object.entries({
    oauth_consumer_key: options.consumerKey,
    oauth_signature_method: options.signatureMethod ?? 'HMAC-SHA1',
    oauth_timestamp: String(options.timestamp ?? Math.floor(t.clock.now() / 1000)),
    oauth_nonce: options.nonce ?? freshNonce(),
    oauth_version: '1.0',
    ...(options.token !== undefined && { oauth_token: options.token }),
    ...options.oauth,
  }).filter(([name]) => !omitted.has(name));

  const query = new URL(options.url).search.slice(1);
  const signedPairs: Array<[string, string]> = [...protocol, ...(options.form ?? [])];
  for (const field of query === '' ? [] : query.split('&')) {
    const [name, value = ''] = field.split('=');
    signedPairs.push([decodeURIComponent(name.replaceAll('+', ' ')), decodeURIComponent(value.replaceAll('+', ' '))]);
  }
  const baseString = signatureBaseString(method, options.url, signedPairs);
  const signature =
    options.signature ??
    sign(
      options.signatureMethod ?? 'HMAC-SHA1',
      baseString,
      { consumerSecret: options.consumerSecret, tokenSecret: options.tokenSecret },
      options.rsaPrivateKey,
    );
  const withSignature: Array<[string, string]> = [...protocol, ['oauth_signature', signature]];

  const headers: Record<string, string> = {};
  let url = options.url;
  let bodyPairs = options.form ?? [];
  if (via === 'header') headers.authorization = formatAuthorizationHeader(withSignature, 'test');
  if (via === 'query') url += (query === '' ? '?' : '&') + encodePairs(withSignature);
  if (via === 'body') bodyPairs = [...bodyPairs, ...withSignature];
  const body = bodyPairs.length > 0 ? encodePairs(bodyPairs) : undefined;
  if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
  const parsed = new URL(url);
  return { method, url, path: `${parsed.pathname}${parsed.search}`, headers, body };
}

/** Sends a signed request with supertest. */
export function send(t: TestApp, request: SignedRequest) {
  const call = t.http()[request.method.toLowerCase() as 'get' | 'post'](request.path).set(request.headers);
  return request.body === undefined ? call : call.send(request.body);
}

/** Parses a form-encoded response body. */
export const formFields = (text: string) => Object.fromEntries(new URLSearchParams(text));

/** Authorizes a request token as a provider's login site would, through the admin API. */
export async function authorize(t: TestApp, requestToken: string, appUserId = 'alice', org = ORG): Promise<string> {
  const response = await t
    .http()
    .post(`/v1/o/${org}/oauth1/verifiers`)
    .set('Authorization', ADMIN_AUTH)
    .send({ requestToken, appUserId });
  expect(response.status).toBe(201);
  return response.body.code;
}

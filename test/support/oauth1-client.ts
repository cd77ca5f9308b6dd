import { expect } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import type { Response } from 'supertest';
import { Clock } from '../../src/common/clock.js';
import { formatAuthorizationHeader, percentEncode, sign, signatureBaseString } from '../../src/oauth1/index.js';
import type { SignatureMethod } from '../../src/oauth1/index.js';
import type { ServerProcess } from './server-process.js';
import { ADMIN_AUTH, ORG, TestApp } from './test-app.js';

/**
 * A hand-rolled OAuth 1.0a client for tests that need to send what real clients would not (a wrong signature, a
 * stale timestamp, parameters in odd places), and the three-legged flow built on it (OAuth1Flow). Interoperability
 * itself is tested with the `oauth` and `oauth-1.0a` packages.
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
  /** Other request headers, such as Accept. */
  headers?: Record<string, string>;
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

  const headers: Record<string, string> = { ...options.headers };
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

export interface ConsumerKeys {
  consumerKey: string;
  consumerSecret: string;
}

/** A request token or an access token, with its secret. */
export interface TokenPair {
  token: string;
  secret: string;
}

/** What the flow reads of a response: supertest's, or a fetch response read in full (see serverProcessFlow). */
export interface FlowResponse {
  status: number;
  text: string;
  headers: Record<string, string>;
  body: unknown;
}

/** Where a client's requests go: a test app through supertest, or a server process through fetch. */
export interface OAuth1Provider<R extends FlowResponse> {
  /** The base URL clients sign: the provider's PUBLIC_BASE_URL, or the address it listens on. */
  base: string;
  clock: { now(): number };
  send: (request: SignedRequest) => Promise<R>;
  /** Authorizes a request token for an app user as a provider's login site would; answers the verifier. */
  approve: (requestToken: string, appUserId: string) => Promise<string>;
  /** Asks POST /oauth/oauth10/verify, as a resource server would, about a request it received. */
  verify: (request: { method: string; url: string; authorization?: string }) => Promise<R>;
}

/** The fields of a token response, after checking that it is a 200. */
export function tokenPairOf(response: FlowResponse): TokenPair {
  expect(response.status).toBe(200);
  const fields = formFields(response.text);
  return { token: fields.oauth_token, secret: fields.oauth_token_secret };
}

/** The three-legged flow of a partner's client, step by step, for one provider and any consumer. */
export class OAuth1Flow<R extends FlowResponse> {
  constructor(readonly provider: OAuth1Provider<R>) {}

  private signAndSend(path: string, consumer: ConsumerKeys, options: Partial<SignOptions>): Promise<R> {
    const { consumerKey, consumerSecret } = consumer;
    const url = `${this.provider.base}${path}`;
    return this.provider.send(signRequest(this.provider, { url, consumerKey, consumerSecret, ...options }));
  }

  /** Temporary credentials request; oauth_callback is "oob" unless options.oauth gives another. */
  initiate(consumer: ConsumerKeys, options: Partial<SignOptions> = {}): Promise<R> {
    return this.signAndSend('/oauth/oauth10/initiate', consumer, {
      ...options,
      oauth: { oauth_callback: 'oob', ...options.oauth },
    });
  }

  async requestToken(consumer: ConsumerKeys, request: { callback?: string; scope?: string } = {}): Promise<TokenPair> {
    const { callback = 'oob', scope } = request;
    const form: Array<[string, string]> | undefined = scope === undefined ? undefined : [['scope', scope]];
    return tokenPairOf(await this.initiate(consumer, { oauth: { oauth_callback: callback }, form }));
  }

  /** Token request: exchanges an authorized request token and its verifier for an access token. */
  exchange(
    consumer: ConsumerKeys,
    temporary: TokenPair,
    verifier: string,
    options: Partial<SignOptions> = {},
  ): Promise<R> {
    return this.signAndSend('/oauth/oauth10/token', consumer, {
      token: temporary.token,
      tokenSecret: temporary.secret,
      ...options,
      oauth: { oauth_verifier: verifier, ...options.oauth },
    });
  }

  approve(requestToken: string, appUserId = 'alice'): Promise<string> {
    return this.provider.approve(requestToken, appUserId);
  }

  /** The whole flow: a request token (with `scope`), approved for `appUserId`, exchanged for an access token. */
  async accessToken(consumer: ConsumerKeys, grant: { appUserId?: string; scope?: string } = {}): Promise<TokenPair> {
    const temporary = await this.requestToken(consumer, { scope: grant.scope });
    const verifier = await this.approve(temporary.token, grant.appUserId);
    return tokenPairOf(await this.exchange(consumer, temporary, verifier));
  }

  /** A resource server asking verify about a GET of options.url signed with `credentials`. */
  verify(consumer: ConsumerKeys, credentials: TokenPair, options: Partial<SignOptions> = {}): Promise<R> {
    const signed = signRequest(this.provider, {
      method: 'GET',
      url: 'https://photos.example.com/albums',
      consumerKey: consumer.consumerKey,
      consumerSecret: consumer.consumerSecret,
      token: credentials.token,
      tokenSecret: credentials.secret,
      ...options,
    });
    return this.provider.verify({
      method: signed.method,
      url: signed.url,
      authorization: signed.headers.authorization,
    });
  }
}

/** The flow against a test app, signing for `base` (its PUBLIC_BASE_URL, or what listen() answered). */
export function testAppFlow(t: TestApp, base: string, org = ORG): OAuth1Flow<Response> {
  return new OAuth1Flow<Response>({
    base,
    clock: t.clock,
    send: async (request) => send(t, request),
    approve: (requestToken, appUserId) => authorize(t, requestToken, appUserId, org),
    verify: async (request) => t.http().post('/oauth/oauth10/verify').set('Authorization', ADMIN_AUTH).send(request),
  });
}

/** A fetch response read in full, shaped as the flow reads supertest's (body: parsed JSON, or the text). */
async function readFully(response: globalThis.Response): Promise<FlowResponse> {
  const text = await response.text();
  const json = response.headers.get('content-type')?.includes('json') ?? false;
  return {
    status: response.status,
    text,
    headers: Object.fromEntries(response.headers),
    body: json ? JSON.parse(text) : text,
  };
}

/**
 * The flow against a real server process on real time, signing for its own URL (its PUBLIC_BASE_URL), with the
 * management credentials `adminAuth` gives for approving and verifying.
 */
export function serverProcessFlow(
  server: ServerProcess,
  adminAuth: () => string,
  org: string,
): OAuth1Flow<FlowResponse> {
  const admin = (path: string, body: unknown) =>
    fetch(`${server.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: adminAuth(), 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    }).then(readFully);
  return new OAuth1Flow<FlowResponse>({
    base: server.baseUrl,
    clock: new Clock(),
    send: (request) =>
      fetch(request.url, { method: request.method, headers: request.headers, body: request.body }).then(readFully),
    approve: async (requestToken, appUserId) => {
      const response = await admin(`/v1/o/${org}/oauth1/verifiers`, { requestToken, appUserId });
      expect(response.status).toBe(201);
      return (response.body as { code: string }).code;
    },
    verify: (request) => admin('/oauth/oauth10/verify', request),
  });
}

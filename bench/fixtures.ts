/**
 * What the scenarios need: a developer, an app and a resource owner made through the admin API, and requests signed
 * ahead of time with the project's own RFC 5849 core, each with its own nonce and timestamp.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import {
  collectParameters,
  formatAuthorizationHeader,
  parseFormEncoded,
  percentEncode,
  sign,
  signatureBaseString,
} from '../src/oauth1/index.js';
import type { PooledRequest } from './load.js';

export const ORG = 'default';
export const ADMIN_EMAIL = 'admin@example.com';
export const INITIATE_PATH = '/oauth/oauth10/initiate';
export const TOKEN_PATH = '/oauth/oauth10/token';
export const VERIFY_PATH = '/oauth/oauth10/verify';
export const FORWARD_AUTH_PATH = '/oauth/oauth10/forward-auth';
export const VERIFIERS_PATH = `/v1/o/${ORG}/oauth1/verifiers`;
/** The resource request that verify is asked about (RFC 5849's own example). */
const RESOURCE_URL = 'http://photos.example.net/photos?file=vacation.jpg&size=original';

export interface Credentials {
  key: string;
  secret: string;
}

export interface Fixtures {
  consumer: Credentials;
  appUserId: string;
}

export const basicAuthorization = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

const nonce = (): string => randomBytes(16).toString('hex');
const unique = (): string => `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

/** Sends one request to the server and returns the body, or throws with the status and body. */
export async function send(baseUrl: string, request: PooledRequest): Promise<string> {
  const response = await fetch(`${baseUrl}${request.path}`, {
    method: request.method,
    headers: request.headers,
    body: request.body,
  });
  const body = await response.text();
  if (!response.ok) throw new Error(`${request.method} ${request.path}: ${response.status} ${body.slice(0, 300)}`);
  return body;
}

function adminRequest(authorization: string, method: 'GET' | 'POST', path: string, json?: unknown): PooledRequest {
  const headers: Record<string, string> = { authorization, accept: 'application/json' };
  if (json === undefined) return { method, path, headers };
  return { method, path, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(json) };
}

/** A developer, an app (with its generated key) and a resource owner, all new. */
export async function createFixtures(baseUrl: string, adminAuthorization: string): Promise<Fixtures> {
  const id = unique();
  const email = `bench-${id}@example.com`;
  const post = async (path: string, json: unknown): Promise<unknown> =>
    JSON.parse(await send(baseUrl, adminRequest(adminAuthorization, 'POST', `/v1/o/${ORG}${path}`, json)));
  await post('/developers', { email, firstName: 'Bench', lastName: 'Mark', userName: `bench-${id}` });
  const app = (await post(`/developers/${encodeURIComponent(email)}/apps`, { name: `bench-app-${id}` })) as {
    credentials: Array<{ consumerKey: string; consumerSecret: string }>;
  };
  const credential = app.credentials[0];
  if (credential === undefined) throw new Error('the new app has no credential');
  const appUserId = `bench-owner-${id}`;
  await post('/appusers', { id: appUserId, displayName: 'Bench Owner', password: randomBytes(12).toString('hex') });
  return { consumer: { key: credential.consumerKey, secret: credential.consumerSecret }, appUserId };
}

/**
 * A complete HMAC-SHA1 Authorization header for a request to `url` (absolute, exactly as the server rebuilds it),
 * signed the way a client does: collect the parameters, build the base string, sign it.
 */
export function signedAuthorization(
  method: string,
  url: string,
  consumer: Credentials,
  token?: Credentials,
  extra: Array<[string, string]> = [],
): string {
  const oauth: Array<[string, string]> = [
    ['oauth_consumer_key', consumer.key],
    ['oauth_nonce', nonce()],
    ['oauth_signature_method', 'HMAC-SHA1'],
    ['oauth_timestamp', String(Math.floor(Date.now() / 1000))],
    ['oauth_version', '1.0'],
    ...(token === undefined ? [] : ([['oauth_token', token.key]] as Array<[string, string]>)),
    ...extra,
  ];
  const { signed } = collectParameters({ method, url, authorization: formatAuthorizationHeader(oauth) });
  const signature = sign('HMAC-SHA1', signatureBaseString(method, url, signed), {
    consumerSecret: consumer.secret,
    tokenSecret: token?.secret,
  });
  return formatAuthorizationHeader([...oauth, ['oauth_signature', signature]]);
}

export function initiateRequest(baseUrl: string, consumer: Credentials): PooledRequest {
  const authorization = signedAuthorization('POST', `${baseUrl}${INITIATE_PATH}`, consumer, undefined, [
    ['oauth_callback', 'oob'],
  ]);
  return { method: 'POST', path: INITIATE_PATH, headers: { authorization } };
}

export function verifierRequest(adminAuthorization: string, requestToken: string, appUserId: string): PooledRequest {
  return adminRequest(adminAuthorization, 'POST', VERIFIERS_PATH, { requestToken, appUserId });
}

export function tokenRequest(
  baseUrl: string,
  consumer: Credentials,
  requestToken: Credentials,
  verifier: string,
): PooledRequest {
  const authorization = signedAuthorization('POST', `${baseUrl}${TOKEN_PATH}`, consumer, requestToken, [
    ['oauth_verifier', verifier],
  ]);
  return { method: 'POST', path: TOKEN_PATH, headers: { authorization } };
}

/** A resource server asking whether a freshly signed GET of RESOURCE_URL with the access token is valid. */
export function verifyRequest(adminAuthorization: string, consumer: Credentials, access: Credentials): PooledRequest {
  const authorization = signedAuthorization('GET', RESOURCE_URL, consumer, access);
  return adminRequest(adminAuthorization, 'POST', VERIFY_PATH, {
    method: 'GET',
    url: RESOURCE_URL,
    authorization,
    body: '',
    contentType: '',
  });
}

/** What Traefik's forwardAuth sends for a client's GET of RESOURCE_URL, freshly signed with the access token. */
export function forwardAuthRequest(consumer: Credentials, access: Credentials): PooledRequest {
  const resource = new URL(RESOURCE_URL);
  return {
    method: 'GET',
    path: FORWARD_AUTH_PATH,
    headers: {
      authorization: signedAuthorization('GET', RESOURCE_URL, consumer, access),
      'x-forwarded-method': 'GET',
      'x-forwarded-proto': resource.protocol.slice(0, -1),
      'x-forwarded-host': resource.host,
      'x-forwarded-uri': `${resource.pathname}${resource.search}`,
    },
  };
}

/** A client's GET of a protected resource at `url` (behind a proxy that asks forward-auth), signed with the token. */
export function protectedResourceRequest(url: string, consumer: Credentials, access: Credentials): PooledRequest {
  const resource = new URL(url);
  const authorization = signedAuthorization('GET', url, consumer, access);
  return { method: 'GET', path: `${resource.pathname}${resource.search}`, headers: { authorization } };
}

export function requestTokenLookup(
  adminAuthorization: string,
  consumerKey: string,
  token: string,
  accept: string,
): PooledRequest {
  const path = `/v1/o/${ORG}/oauth1/requesttokens/${percentEncode(token)}?consumerKey=${percentEncode(consumerKey)}`;
  return { method: 'GET', path, headers: { authorization: adminAuthorization, accept } };
}

/** oauth_token and oauth_token_secret from a form-encoded token response. */
export function parseTokenResponse(body: string): Credentials {
  const fields = new Map(parseFormEncoded(body));
  const key = fields.get('oauth_token');
  const secret = fields.get('oauth_token_secret');
  if (key === undefined || secret === undefined) throw new Error(`not a token response: ${body.slice(0, 200)}`);
  return { key, secret };
}

/** The request token and verifier code of a verifier created through the admin API. */
export function parseVerifierResponse(body: string): { requestToken: string; code: string } {
  const { requestToken, code } = JSON.parse(body) as { requestToken?: string; code?: string };
  if (requestToken === undefined || code === undefined) throw new Error(`not a verifier: ${body.slice(0, 200)}`);
  return { requestToken, code };
}

/** An access token obtained through the flow: initiate, a verifier from the admin API, token exchange. */
export async function obtainAccessToken(
  baseUrl: string,
  adminAuthorization: string,
  fixtures: Fixtures,
): Promise<Credentials> {
  const requestToken = parseTokenResponse(await send(baseUrl, initiateRequest(baseUrl, fixtures.consumer)));
  const verifier = parseVerifierResponse(
    await send(baseUrl, verifierRequest(adminAuthorization, requestToken.key, fixtures.appUserId)),
  );
  return parseTokenResponse(await send(baseUrl, tokenRequest(baseUrl, fixtures.consumer, requestToken, verifier.code)));
}

const LINES_PER_WRITE = 5000;

/** Writes `count` requests made by `make` as JSON lines. */
export function writePool(file: string, count: number, make: (index: number) => PooledRequest): void {
  const fd = openSync(file, 'w');
  try {
    for (let start = 0; start < count; start += LINES_PER_WRITE) {
      const lines: string[] = [];
      for (let index = start; index < Math.min(count, start + LINES_PER_WRITE); index++) {
        lines.push(JSON.stringify(make(index)));
      }
      writeSync(fd, `${lines.join('\n')}\n`);
    }
  } finally {
    closeSync(fd);
  }
}

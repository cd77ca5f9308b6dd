import { expect } from '@jest/globals';
import type { Response } from 'supertest';
import { authorize, formFields, send, signRequest } from './oauth1-client.js';
import type { SignedRequest, SignOptions } from './oauth1-client.js';
import { ADMIN_AUTH, TestApp } from './test-app.js';

/**
 * The three-legged flow signed by hand, for suites about what happens to tokens afterwards. Their app runs with
 * PUBLIC_BASE_URL=PUBLIC_BASE, so that requests are signed for that URL and sent to the in-process server.
 */

export const PUBLIC_BASE = 'https://api.example.com';

export interface ConsumerKeys {
  consumerKey: string;
  consumerSecret: string;
}

export interface TokenCredentials {
  token: string;
  secret: string;
}

/** Asserts an OAuth problem answer: status, code, no caching, and the OAuth challenge exactly on 401. */
export function expectProblem(response: Response, status: 400 | 401 | 403, problem: string): Record<string, string> {
  expect(response.status).toBe(status);
  const fields = formFields(response.text);
  expect(fields.oauth_problem).toBe(problem);
  expect(response.headers['cache-control']).toBe('no-store');
  if (status === 401) expect(response.headers['www-authenticate']).toBe(`OAuth realm="${PUBLIC_BASE}"`);
  else expect(response.headers['www-authenticate']).toBeUndefined();
  return fields;
}

const keysOf = ({ consumerKey, consumerSecret }: ConsumerKeys) => ({ consumerKey, consumerSecret });

/** initiate with oauth_callback=oob; `options` may add parameters, a form body, a query in `url`, … */
export function initiate(t: TestApp, consumer: ConsumerKeys, options: Partial<SignOptions> = {}) {
  return send(
    t,
    signRequest(t, {
      url: `${PUBLIC_BASE}/oauth/oauth10/initiate`,
      ...keysOf(consumer),
      ...options,
      oauth: { oauth_callback: 'oob', ...options.oauth },
    }),
  );
}

/** A request token authorized for `appUserId` and exchanged: the token response's fields. */
export async function obtainAccessToken(
  t: TestApp,
  consumer: ConsumerKeys,
  initiateOptions: Partial<SignOptions> = {},
  appUserId = 'alice',
): Promise<TokenCredentials & { fields: Record<string, string> }> {
  const initiated = await initiate(t, consumer, initiateOptions);
  expect(initiated.status).toBe(200);
  const temporary = formFields(initiated.text);
  const verifier = await authorize(t, temporary.oauth_token, appUserId);
  const exchanged = await send(
    t,
    signRequest(t, {
      url: `${PUBLIC_BASE}/oauth/oauth10/token`,
      ...keysOf(consumer),
      token: temporary.oauth_token,
      tokenSecret: temporary.oauth_token_secret,
      oauth: { oauth_verifier: verifier },
    }),
  );
  expect(exchanged.status).toBe(200);
  const fields = formFields(exchanged.text);
  return { token: fields.oauth_token, secret: fields.oauth_token_secret, fields };
}

/** A resource request signed with the access token (default: GET of a photo), as a client would send it. */
export function signWithToken(
  t: TestApp,
  consumer: ConsumerKeys,
  credentials: TokenCredentials,
  options: Partial<SignOptions> = {},
): SignedRequest {
  return signRequest(t, {
    method: 'GET',
    url: `${PUBLIC_BASE}/photos?file=vacation.jpg`,
    ...keysOf(consumer),
    token: credentials.token,
    tokenSecret: credentials.secret,
    ...options,
  });
}

/** Asks verify about a signed request, as a resource server would; `extra` adds body, contentType, requiredScope. */
export function verifyRequest(t: TestApp, signed: SignedRequest, extra: Record<string, string> = {}) {
  return t
    .http()
    .post('/oauth/oauth10/verify')
    .set('Authorization', ADMIN_AUTH)
    .send({ method: signed.method, url: signed.url, authorization: signed.headers.authorization, ...extra });
}

/** The admin API's view of an access token. */
export async function accessTokenRecord(t: TestApp, token: string): Promise<Record<string, unknown>> {
  const response = await t.http().get(`/v1/o/acme/oauth1/accesstokens/${token}`).set('Authorization', ADMIN_AUTH);
  expect(response.status).toBe(200);
  return response.body as Record<string, unknown>;
}

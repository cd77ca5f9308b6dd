import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createConsumer } from '../../support/factories.js';
import { authorize, formFields, send, signRequest } from '../../support/oauth1-client.js';
import type { SignOptions } from '../../support/oauth1-client.js';
import { ADMIN_AUTH, startTestApp, TestApp } from '../../support/test-app.js';

const BASE = 'https://api.example.com';
const WINDOW_SECONDS = 30;

describe('limits on failed OAuth signatures per client address', () => {
  let t: TestApp;
  let consumer: Awaited<ReturnType<typeof createConsumer>>;

  beforeAll(async () => {
    t = await startTestApp({
      PUBLIC_BASE_URL: BASE,
      AUTH_FAILURE_LIMIT: '3',
      AUTH_FAILURE_WINDOW_SECONDS: String(WINDOW_SECONDS),
    });
    consumer = await createConsumer(t);
  });
  afterAll(() => t.close());

  const initiate = (options: Partial<SignOptions> = {}) =>
    send(
      t,
      signRequest(t, {
        url: `${BASE}/oauth/oauth10/initiate`,
        consumerKey: consumer.consumerKey,
        consumerSecret: consumer.consumerSecret,
        ...options,
        oauth: { oauth_callback: 'oob' },
      }),
    );

  async function requestToken(): Promise<{ token: string; secret: string }> {
    const response = await initiate();
    expect(response.status).toBe(200);
    const fields = formFields(response.text);
    return { token: fields.oauth_token, secret: fields.oauth_token_secret };
  }

  const exchange = (temporary: { token: string; secret: string }, verifier: string) =>
    send(
      t,
      signRequest(t, {
        url: `${BASE}/oauth/oauth10/token`,
        consumerKey: consumer.consumerKey,
        consumerSecret: consumer.consumerSecret,
        token: temporary.token,
        tokenSecret: temporary.secret,
        oauth: { oauth_verifier: verifier },
      }),
    );

  /** A resource server asking verify about a request signed with the access token (or with a wrong secret). */
  function verify(credentials: { token: string; secret: string }, tokenSecret = credentials.secret) {
    const signed = signRequest(t, {
      method: 'GET',
      url: 'https://photos.example.com/albums',
      consumerKey: consumer.consumerKey,
      consumerSecret: consumer.consumerSecret,
      token: credentials.token,
      tokenSecret,
    });
    return t
      .http()
      .post('/oauth/oauth10/verify')
      .set('Authorization', ADMIN_AUTH)
      .send({ method: signed.method, url: signed.url, authorization: signed.headers.authorization });
  }

  it('refuses the address with 429 after too many bad signatures, even a correctly signed request', async () => {
    // Obtained before the address is refused: an authorized request token, and an access token.
    const pending = await requestToken();
    const verifier = await authorize(t, pending.token);
    const granted = await requestToken();
    const credentialsFields = formFields((await exchange(granted, await authorize(t, granted.token))).text);
    const credentials = { token: credentialsFields.oauth_token, secret: credentialsFields.oauth_token_secret };

    for (let attempt = 0; attempt < 3; attempt++) {
      const forged = await initiate({ consumerSecret: 'guessed-secret' });
      expect(forged.status).toBe(401);
      expect(formFields(forged.text).oauth_problem).toBe('signature_invalid');
    }

    const refused = await initiate();
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe(String(WINDOW_SECONDS));
    expect(refused.headers['cache-control']).toBe('no-store');
    expect(refused.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(formFields(refused.text)).toEqual({
      oauth_problem: 'permission_denied',
      oauth_problem_advice: `Too many failed signatures from this address; try again in ${WINDOW_SECONDS} s`,
    });
    const asJson = await initiate().set('Accept', 'application/json');
    expect(asJson.status).toBe(429);
    expect(asJson.body).toMatchObject({ oauth_problem: 'permission_denied' });

    const blockedExchange = await exchange(pending, verifier);
    expect(blockedExchange.status).toBe(429);
    expect(formFields(blockedExchange.text).oauth_problem).toBe('permission_denied');

    // verify answers for the resource server, whatever its clients did.
    expect((await verify(credentials)).status).toBe(200);

    t.clock.advance(WINDOW_SECONDS * 1000);
    expect((await initiate()).status).toBe(200);
    // The refused exchange spent nothing: the request token and its verifier still work.
    expect((await exchange(pending, verifier)).status).toBe(200);
  });

  it('does not count bad signatures passed on by a resource server to verify', async () => {
    t.clock.advance(WINDOW_SECONDS * 1000);
    const granted = await requestToken();
    const fields = formFields((await exchange(granted, await authorize(t, granted.token))).text);
    const credentials = { token: fields.oauth_token, secret: fields.oauth_token_secret };
    for (let attempt = 0; attempt < 5; attempt++) {
      const forged = await verify(credentials, 'guessed-token-secret');
      expect(forged.status).toBe(401);
      expect(formFields(forged.text).oauth_problem).toBe('signature_invalid');
    }
    expect((await initiate()).status).toBe(200);
    expect((await verify(credentials)).status).toBe(200);
  });
});

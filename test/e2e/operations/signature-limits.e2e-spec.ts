import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { createConsumer } from '../../support/factories.js';
import { authorize, formFields, OAuth1Flow, testAppFlow } from '../../support/oauth1-client.js';
import type { SignOptions, TokenPair } from '../../support/oauth1-client.js';
import { startTestApp, TestApp } from '../../support/test-app.js';

const BASE = 'https://api.example.com';
const WINDOW_SECONDS = 30;

describe('limits on failed OAuth signatures per client address', () => {
  let t: TestApp;
  let consumer: Awaited<ReturnType<typeof createConsumer>>;
  let flow: OAuth1Flow<Response>;

  beforeAll(async () => {
    t = await startTestApp({
      PUBLIC_BASE_URL: BASE,
      AUTH_FAILURE_LIMIT: '3',
      AUTH_FAILURE_WINDOW_SECONDS: String(WINDOW_SECONDS),
    });
    flow = testAppFlow(t, BASE);
    consumer = await createConsumer(t);
  });
  afterAll(() => t.close());

  const initiate = (options: Partial<SignOptions> = {}) => flow.initiate(consumer, options);
  const requestToken = () => flow.requestToken(consumer);
  const exchange = (temporary: TokenPair, verifier: string) => flow.exchange(consumer, temporary, verifier);
  /** A resource server asking verify about a request signed with the access token (or with a wrong secret). */
  const verify = (credentials: TokenPair, tokenSecret = credentials.secret) =>
    flow.verify(consumer, credentials, { tokenSecret });

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
    const asJson = await initiate({ headers: { accept: 'application/json' } });
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

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { createConsumer } from '../../support/factories.js';
import { authorize, formFields, OAuth1Flow, testAppFlow } from '../../support/oauth1-client.js';
import { startTestApp, TestApp } from '../../support/test-app.js';

const BASE = 'https://api.example.com';

describe('metrics of the OAuth flow', () => {
  let t: TestApp;
  let consumer: Awaited<ReturnType<typeof createConsumer>>;
  let flow: OAuth1Flow<Response>;

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_BASE_URL: BASE });
    flow = testAppFlow(t, BASE);
    consumer = await createConsumer(t);
  });
  afterAll(() => t.close());

  /** The value of one sample on GET /metrics (0 while the series has not appeared). */
  async function sample(name: string, label: string, value: string): Promise<number> {
    const response = await t.http().get('/metrics');
    expect(response.status).toBe(200);
    const line = response.text.split('\n').find((row) => row.startsWith(`${name}{${label}="${value}"} `));
    return line === undefined ? 0 : Number(line.split(' ')[1]);
  }

  const issued = async () => ({
    request: await sample('oauth1_tokens_issued_total', 'type', 'request'),
    verifier: await sample('oauth1_tokens_issued_total', 'type', 'verifier'),
    access: await sample('oauth1_tokens_issued_total', 'type', 'access'),
  });

  const initiate = (consumerSecret = consumer.consumerSecret) => flow.initiate(consumer, { consumerSecret });

  it('counts the request token, verifier and access token a flow issues', async () => {
    const before = await issued();
    const temporary = formFields((await initiate()).text);
    const verifier = await authorize(t, temporary.oauth_token);
    const exchanged = await flow.exchange(
      consumer,
      { token: temporary.oauth_token, secret: temporary.oauth_token_secret },
      verifier,
    );
    expect(exchanged.status).toBe(200);
    expect(await issued()).toEqual({
      request: before.request + 1,
      verifier: before.verifier + 1,
      access: before.access + 1,
    });
  });

  it('counts rejected protocol requests by OAuth problem, and issues nothing for them', async () => {
    const before = await sample('oauth1_problems_total', 'problem', 'signature_invalid');
    const issuedBefore = await issued();
    const rejected = await initiate('not-the-secret');
    expect(rejected.status).toBe(401);
    expect(formFields(rejected.text).oauth_problem).toBe('signature_invalid');
    expect(await sample('oauth1_problems_total', 'problem', 'signature_invalid')).toBe(before + 1);
    expect(await issued()).toEqual(issuedBefore);
  });
});

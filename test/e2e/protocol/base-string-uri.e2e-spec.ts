import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createConsumer } from '../../support/factories.js';
import { formFields, send, signRequest } from '../../support/oauth1-client.js';
import { startTestApp, TestApp } from '../../support/test-app.js';

const PUBLIC = 'https://public.example.com';

/** The base string URI is the URL the client signed: which origin the server assumes depends on its configuration. */
describe.each([
  ['a trusted proxy', { TRUST_PROXY: 'true' }, true],
  ['no trusted proxy', {}, false],
])('the base string URI behind %s', (_name, env, trusted) => {
  let t: TestApp;
  let consumer: Awaited<ReturnType<typeof createConsumer>>;

  beforeAll(async () => {
    t = await startTestApp(env);
    consumer = await createConsumer(t);
  });
  afterAll(() => t.close());

  const signFor = (url: string) =>
    signRequest(t, {
      url,
      consumerKey: consumer.consumerKey,
      consumerSecret: consumer.consumerSecret,
      oauth: { oauth_callback: 'oob' },
    });

  it(`${trusted ? 'should' : 'should not'} take the origin from X-Forwarded-Proto and X-Forwarded-Host`, async () => {
    const signed = signFor(`${PUBLIC}/oauth/oauth10/initiate`);
    const response = await send(t, signed)
      .set('X-Forwarded-Proto', 'https, http')
      .set('X-Forwarded-Host', 'public.example.com');
    expect(response.status).toBe(trusted ? 200 : 401);
    if (!trusted) expect(formFields(response.text).oauth_problem).toBe('signature_invalid');
  });

  it('signs over the Host header the client sent when no proxy header is given', async () => {
    const signed = signFor('http://internal.example:8080/oauth/oauth10/initiate');
    const response = await send(t, signed).set('Host', 'internal.example:8080');
    expect(response.status).toBe(200);
  });

  it('signs over the path exactly as received, percent-encoding and all', async () => {
    const signed = signFor('http://internal.example/oauth/request_token?note=caf%C3%A9%20au+lait');
    const response = await send(t, signed).set('Host', 'INTERNAL.example:80');
    expect(response.status).toBe(200);
  });
});

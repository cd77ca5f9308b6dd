import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { formFields } from '../../support/oauth1-client.js';
import { startTestApp, TestApp } from '../../support/test-app.js';

describe('paths and verbs the protocol does not serve', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers an unknown path under /oauth/ with 404 in the protocol format', async () => {
    for (const path of ['/oauth/oauth10/nothing', '/oauth/nothing', '/oauth/oauth10/initiate/extra']) {
      const response = await t.http().post(path).type('form').send('a=1');
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
      const fields = formFields(response.text);
      expect(fields.oauth_problem).toBe('endpoint_unknown');
      expect(fields.oauth_problem_advice).toContain(path);
    }
  });

  it('answers it as JSON when the client asks for JSON', async () => {
    const response = await t.http().get('/oauth/oauth10/nothing').set('Accept', 'application/json');
    expect(response.status).toBe(404);
    expect(response.body.oauth_problem).toBe('endpoint_unknown');
  });

  it('answers a known protocol path with a verb it does not serve with 405 and Allow', async () => {
    const verify = await t.http().get('/oauth/oauth10/verify');
    expect(verify.status).toBe(405);
    expect(verify.headers.allow).toBe('POST');
    expect(formFields(verify.text).oauth_problem).toBe('method_not_allowed');

    const initiate = await t.http().delete('/oauth/request_token');
    expect(initiate.status).toBe(405);
    expect(initiate.headers.allow?.split(', ').sort()).toEqual(['GET', 'HEAD', 'POST']);
  });

  it('keeps the admin API answering unknown paths in the Apigee envelope', async () => {
    const response = await t.http().get('/v1/nothing/here');
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('messaging.adaptors.http.flow.NotFound');
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ADMIN_AUTH, ORG, startTestApp, TestApp } from '../../support/test-app.js';

describe('admin paths asked with a verb they do not serve', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers a known path with 405, Allow and the Apigee envelope', async () => {
    const response = await t.http().patch(`/v1/o/${ORG}/developers`).set('Authorization', ADMIN_AUTH).send({});
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD, POST');
    expect(response.body).toEqual({
      code: 'messaging.adaptors.http.flow.MethodNotAllowed',
      message: 'Method not allowed for this resource: it answers GET, HEAD, POST',
      contexts: [],
    });
  });

  it('names the methods of a path with parameters, under both base paths', async () => {
    for (const base of [`/v1/o/${ORG}`, `/v1/organizations/${ORG}`]) {
      const product = await t.http().patch(`${base}/apiproducts/weather`).set('Authorization', ADMIN_AUTH);
      expect(product.status).toBe(405);
      expect(product.headers.allow).toBe('GET, HEAD, PUT, DELETE');
      const list = await t.http().delete(`${base}/apiproducts`).set('Authorization', ADMIN_AUTH);
      expect(list.status).toBe(405);
      expect(list.headers.allow).toBe('GET, HEAD, POST');
    }
    const organization = await t.http().delete(`/v1/o/${ORG}/`).set('Authorization', ADMIN_AUTH);
    expect(organization.status).toBe(405);
    expect(organization.headers.allow).toBe('GET, HEAD');
  });

  it('answers the 405 in XML when the client accepts XML', async () => {
    const response = await t
      .http()
      .put(`/v1/o/${ORG}/developers`)
      .set('Authorization', ADMIN_AUTH)
      .set('Accept', 'application/xml');
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD, POST');
    expect(response.headers['content-type']).toMatch(/^application\/xml/);
    expect(response.text).toContain('<Error><Code>messaging.adaptors.http.flow.MethodNotAllowed</Code>');
  });

  it('keeps answering 404 NotFound for a path no route serves', async () => {
    for (const path of [`/v1/o/${ORG}/nothing`, `/v1/o/${ORG}/developers/a@example.com/nothing`, '/v1/nothing']) {
      const response = await t.http().patch(path).set('Authorization', ADMIN_AUTH);
      expect(response.status).toBe(404);
      expect(response.headers.allow).toBeUndefined();
      expect(response.body.code).toBe('messaging.adaptors.http.flow.NotFound');
    }
  });

  it('keeps a 404 of a served route, such as an unknown developer, a 404', async () => {
    const response = await t.http().get(`/v1/o/${ORG}/developers/nobody@example.com`).set('Authorization', ADMIN_AUTH);
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('developer.service.DeveloperIdDoesNotExist');
  });
});

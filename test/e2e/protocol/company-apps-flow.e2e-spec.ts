import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createApiProduct, createAppUser, createCompany, createCompanyApp } from '../../support/factories.js';
import { formFields, signRequest, testAppFlow } from '../../support/oauth1-client.js';
import type { ConsumerKeys, OAuth1Flow, TokenPair } from '../../support/oauth1-client.js';
import { ADMIN_AUTH, ORG, startTestApp, TestApp } from '../../support/test-app.js';
import { expectProblem, PUBLIC_BASE } from '../../support/token-flow.js';
import type { Response } from 'supertest';

describe("the OAuth flow with a company app's key", () => {
  let t: TestApp;
  let flow: OAuth1Flow<Response>;
  let company: string;
  let appName: string;
  let consumer: ConsumerKeys;

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_BASE_URL: PUBLIC_BASE });
    flow = testAppFlow(t, PUBLIC_BASE);
    company = (await createCompany(t, { name: 'acme-partners', displayName: 'ACME Partners' })).name;
    const product = await createApiProduct(t, { scopes: ['photos'] });
    const app = await createCompanyApp(t, company, { name: 'partner-portal', apiProducts: [product.name] });
    appName = app.name;
    consumer = app.credentials[0];
  });
  afterAll(() => t.close());

  const admin = (path: string) => t.http().post(`/v1/o/${ORG}${path}`).set('Authorization', ADMIN_AUTH);

  /** What Traefik's forwardAuth sends for a GET of `url` signed with `credentials`. */
  function forwardAuth(credentials: TokenPair, url: string) {
    const signed = signRequest(t, {
      method: 'GET',
      url,
      consumerKey: consumer.consumerKey,
      consumerSecret: consumer.consumerSecret,
      token: credentials.token,
      tokenSecret: credentials.secret,
    });
    const original = new URL(url);
    return t
      .http()
      .get('/oauth/oauth10/forward-auth')
      .set('X-Forwarded-Method', 'GET')
      .set('X-Forwarded-Proto', 'https')
      .set('X-Forwarded-Host', original.host)
      .set('X-Forwarded-Uri', `${original.pathname}${original.search}`)
      .set('Authorization', signed.headers.authorization);
  }

  it('issues an access token that verify accepts, reporting the companyName instead of a developerEmail', async () => {
    const credentials = await flow.accessToken(consumer, { appUserId: 'alice', scope: 'photos' });
    expect(credentials.token).toMatch(/^[A-Za-z0-9]{28}$/);
    const response = await flow.verify(consumer, credentials);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      valid: true,
      consumerKey: consumer.consumerKey,
      app: appName,
      companyName: company,
      appUserId: 'alice',
      scope: 'photos',
      accessType: 'write',
      attributes: [],
      expiresAt: -1,
    });
  });

  it('lets forward-auth pass the request with the company in X-OAuth-Developer', async () => {
    const credentials = await flow.accessToken(consumer, { appUserId: 'bob' });
    const response = await forwardAuth(credentials, 'https://api.example.com/photos?size=original');
    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject({
      'x-oauth-consumer-key': consumer.consumerKey,
      'x-oauth-app': appName,
      'x-oauth-developer': company,
      'x-oauth-user': 'bob',
    });
  });

  it("names the company on the consent page, with no developer's email", async () => {
    const temporary = await flow.requestToken(consumer);
    const page = await t.http().get('/oauth/oauth10/authorize').query({ oauth_token: temporary.token });
    expect(page.status).toBe(200);
    expect(page.text).toContain('partner-portal');
    expect(page.text).toMatch(/<dd id="developer">\s*ACME Partners\s*<\/dd>/);
  });

  it('refuses the key of an inactive company like that of an inactive developer, and takes it back once active', async () => {
    const credentials = await flow.accessToken(consumer, { appUserId: 'carol' });
    expect((await admin(`/companies/${company}?action=inactive`)).status).toBe(204);
    const fields = expectProblem(await flow.initiate(consumer), 401, 'consumer_key_rejected');
    expect(fields.oauth_problem_advice).toBe('The developer or company that owns the app is not active');
    expectProblem(await flow.verify(consumer, credentials), 401, 'consumer_key_rejected');
    expect((await forwardAuth(credentials, 'https://api.example.com/photos')).status).toBe(401);

    expect((await admin(`/companies/${company}?action=active`)).status).toBe(204);
    expect((await flow.verify(consumer, credentials)).status).toBe(200);
    expect(formFields((await flow.initiate(consumer)).text).oauth_callback_confirmed).toBe('true');
  });

  it("refuses the key once the company's app is revoked", async () => {
    const credentials = await flow.accessToken(consumer, { appUserId: 'dave' });
    expect((await admin(`/companies/${company}/apps/${appName}?action=revoke`)).status).toBe(204);
    expectProblem(await flow.verify(consumer, credentials), 401, 'consumer_key_rejected');
    expect((await admin(`/companies/${company}/apps/${appName}?action=approve`)).status).toBe(204);
    expect((await flow.verify(consumer, credentials)).status).toBe(200);
  });

  it("lists the company app among the resource owner's access tokens", async () => {
    const owner = await createAppUser(t);
    const credentials = await flow.accessToken(consumer, { appUserId: owner.id });
    const response = await t
      .http()
      .get(`/v1/o/${ORG}/appusers/${owner.id}/accesstokens`)
      .set('Authorization', ADMIN_AUTH);
    expect(response.status).toBe(200);
    expect(response.body).toEqual([
      expect.objectContaining({
        token: credentials.token,
        app: appName,
        consumerKey: consumer.consumerKey,
        developerEmail: '',
        companyName: company,
      }),
    ]);
  });

  it("counts the access tokens of the company's app and of its key, as Apigee files them", async () => {
    const read = (path: string) => t.http().get(`/v1/o/${ORG}${path}`).set('Authorization', ADMIN_AUTH);
    const appPath = `/companies/${company}/apps/${appName}`;
    const before = (await read(`${appPath}/oauth1accesstokens`)).body.count as number;
    await flow.accessToken(consumer, { appUserId: 'erin' });
    expect((await read(`${appPath}/oauth1accesstokens`)).body).toEqual({ count: before + 1 });
    expect((await read(`${appPath}/keys/${consumer.consumerKey}/oauth1accesstokens`)).body).toEqual({
      count: before + 1,
    });
    expect((await read(`/companies/${company}/apps/no-such-app/oauth1accesstokens`)).status).toBe(404);
  });
});

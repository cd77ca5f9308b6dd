import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createApiProduct, createDeveloper, createDeveloperApp } from '../../support/factories.js';
import { ADMIN_AUTH, ORG, startTestApp, TestApp } from '../../support/test-app.js';

const BASE = `/v1/o/${ORG}`;

/** Apigee's own clients: fields this surface does not use, and read-modify-write PUTs of what a GET returned. */
describe('Apigee client tolerance', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const get = (path: string) => t.http().get(path).set('Authorization', ADMIN_AUTH);
  const post = (path: string) => t.http().post(path).set('Authorization', ADMIN_AUTH);
  const put = (path: string) => t.http().put(path).set('Authorization', ADMIN_AUTH);

  describe('fields a body carries that this surface does not use', () => {
    it('accepts a developer sent back as read, with its read-only fields, and stores only what it uses', async () => {
      const developer = await createDeveloper(t);
      const read = (await get(`${BASE}/developers/${developer.email}`)).body;
      const response = await put(`${BASE}/developers/${developer.email}`).send({
        ...read,
        firstName: 'Grace',
        developerId: 'another-id',
        status: 'inactive',
        organizationName: 'elsewhere',
        apps: ['ghost'],
        companies: ['initech'],
        createdAt: 1,
        createdBy: 'someone@example.com',
        lastModifiedAt: 2,
        lastModifiedBy: 'someone@example.com',
        favouriteColour: 'blue',
      });
      expect(response.status).toBe(200);
      const stored = (await get(`${BASE}/developers/${developer.email}`)).body;
      expect(stored).toEqual(response.body);
      expect(stored).toMatchObject({
        firstName: 'Grace',
        developerId: developer.developerId,
        status: 'active',
        organizationName: ORG,
        apps: [],
        createdAt: read.createdAt,
      });
      expect(stored.createdBy).not.toBe('someone@example.com');
      expect(stored).not.toHaveProperty('favouriteColour');
    });

    it('accepts an app sent back as read, credentials and all, changing only its own fields', async () => {
      const developer = await createDeveloper(t);
      const app = await createDeveloperApp(t, developer.email, { name: 'round-trip' });
      const path = `${BASE}/developers/${developer.email}/apps/round-trip`;
      const read = (await get(path)).body;
      const response = await put(path).send({
        ...read,
        callbackUrl: 'https://client.example.com/back',
        appId: 'another-id',
        status: 'revoked',
        credentials: [{ consumerKey: 'forged', consumerSecret: 'forged', status: 'revoked' }],
        unknownThing: { nested: true },
      });
      expect(response.status).toBe(200);
      const stored = (await get(path)).body;
      expect(stored).toEqual(response.body);
      expect(stored).toMatchObject({
        appId: app.appId,
        status: 'approved',
        callbackUrl: 'https://client.example.com/back',
        credentials: [{ consumerKey: app.credentials[0].consumerKey, status: 'approved' }],
      });
      expect(stored).not.toHaveProperty('unknownThing');
    });

    it('accepts an API product sent back as read', async () => {
      await createApiProduct(t, { name: 'rmw-product', scopes: ['read'] });
      const read = (await get(`${BASE}/apiproducts/rmw-product`)).body;
      const response = await put(`${BASE}/apiproducts/rmw-product`).send({
        ...read,
        description: 'Changed',
        createdAt: 1,
        lastModifiedBy: 'someone@example.com',
        apiProxyNames: ['ignored'],
      });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ ...read, description: 'Changed' });
      expect((await get(`${BASE}/apiproducts/rmw-product`)).body).toEqual(response.body);
    });

    it('accepts read-only and unknown XML elements in a developer body', async () => {
      const developer = await createDeveloper(t);
      const response = await put(`${BASE}/developers/${developer.email}`)
        .set('Content-Type', 'application/xml')
        .set('Accept', 'application/xml')
        .send(
          `<Developer><DeveloperId>x</DeveloperId><Email>${developer.email}</Email><FirstName>Xml</FirstName>` +
            '<Status>inactive</Status><Apps><App>ghost</App></Apps><Companies><Company>initech</Company></Companies>' +
            '<OrganizationName>elsewhere</OrganizationName><CreatedAt>1</CreatedAt><Colour>blue</Colour></Developer>',
        );
      expect(response.status).toBe(200);
      expect(response.text).toContain('<FirstName>Xml</FirstName>');
      expect(response.text).toContain('<Status>active</Status>');
      expect(response.text).not.toContain('Colour');
      expect((await get(`${BASE}/developers/${developer.email}`)).body).toMatchObject({
        firstName: 'Xml',
        developerId: developer.developerId,
      });
    });

    it('accepts an app read as XML and sent back as XML, credentials and all', async () => {
      const developer = await createDeveloper(t);
      await createDeveloperApp(t, developer.email, { name: 'xml-round-trip', scopes: ['read'] });
      const path = `${BASE}/developers/${developer.email}/apps/xml-round-trip`;
      const before = (await get(path)).body;
      const read = (await get(path).set('Accept', 'application/xml')).text;
      expect(read).toContain('<Credentials><Credential>');
      const response = await put(path)
        .set('Content-Type', 'application/xml')
        .send(read.replace('<Scope>read</Scope>', '<Scope>write</Scope>'));
      expect(response.status).toBe(200);
      expect((await get(path)).body).toEqual({ ...before, scopes: ['write'] });
    });

    it('still answers 400 naming the fields it uses that are wrong, and changes nothing', async () => {
      const developer = await createDeveloper(t);
      const response = await put(`${BASE}/developers/${developer.email}`).send({
        firstName: 7,
        developerId: 'x',
        createdAt: 'whenever',
      });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('messaging.adaptors.http.flow.InvalidRequest');
      expect(response.body.message).toContain('firstName must be a string');
      expect(response.body.message).not.toContain('developerId');
      expect(response.body.message).not.toContain('createdAt');
      expect((await get(`${BASE}/developers/${developer.email}`)).body).toEqual(developer);
    });
  });

  describe("API products' gateway fields", () => {
    it('keeps and returns apiResources, environments, proxies and the quota, taking the quota as numbers', async () => {
      const response = await post(`${BASE}/apiproducts`).send({
        name: 'gateway',
        approvalType: 'auto',
        apiResources: ['/forecast/**', '/'],
        environments: ['prod', 'test'],
        proxies: ['weather-v1'],
        quota: 1000,
        quotaInterval: 1,
        quotaTimeUnit: 'hour',
      });
      expect(response.status).toBe(201);
      const gateway = {
        apiResources: ['/forecast/**', '/'],
        environments: ['prod', 'test'],
        proxies: ['weather-v1'],
        quota: '1000',
        quotaInterval: '1',
        quotaTimeUnit: 'hour',
      };
      expect(response.body).toMatchObject(gateway);
      expect((await get(`${BASE}/apiproducts/gateway`)).body).toMatchObject(gateway);
      const updated = await put(`${BASE}/apiproducts/gateway`).send({ quota: '50', environments: ['prod'] });
      expect(updated.status).toBe(200);
      expect((await get(`${BASE}/apiproducts/gateway`)).body).toMatchObject({
        ...gateway,
        quota: '50',
        environments: ['prod'],
      });
    });

    it('leaves the quota out and the lists empty when none is given', async () => {
      const product = await createApiProduct(t, { name: 'no-gateway' });
      expect(product).toMatchObject({ apiResources: [], environments: [], proxies: [] });
      expect(product).not.toHaveProperty('quota');
    });

    it("reads and writes them in Apigee's XML", async () => {
      const response = await post(`${BASE}/apiproducts`)
        .set('Content-Type', 'application/xml')
        .set('Accept', 'application/xml')
        .send(
          '<ApiProduct name="xml-gateway"><ApprovalType>auto</ApprovalType>' +
            '<ApiResources><ApiResource>/a/**</ApiResource><ApiResource>/b</ApiResource></ApiResources>' +
            '<Environments><Environment>prod</Environment></Environments>' +
            '<Proxies><Proxy>weather-v1</Proxy></Proxies>' +
            '<Quota>10</Quota><QuotaInterval>2</QuotaInterval><QuotaTimeUnit>minute</QuotaTimeUnit></ApiProduct>',
        );
      expect(response.status).toBe(201);
      expect(response.text).toContain(
        '<ApiResources><ApiResource>/a/**</ApiResource><ApiResource>/b</ApiResource></ApiResources>' +
          '<Environments><Environment>prod</Environment></Environments><Proxies><Proxy>weather-v1</Proxy></Proxies>' +
          '<Quota>10</Quota><QuotaInterval>2</QuotaInterval><QuotaTimeUnit>minute</QuotaTimeUnit>',
      );
      expect((await get(`${BASE}/apiproducts/xml-gateway`)).body).toMatchObject({
        apiResources: ['/a/**', '/b'],
        environments: ['prod'],
        proxies: ['weather-v1'],
        quota: '10',
      });
    });

    it('answers 400 for a list that is not of strings or a quota that is not a string or number', async () => {
      const response = await post(`${BASE}/apiproducts`).send({
        name: 'bad-gateway',
        apiResources: [1],
        environments: 'prod',
        quotaInterval: { every: 1 },
      });
      expect(response.status).toBe(400);
      for (const field of ['apiResources', 'environments must be an array', 'quotaInterval must be a string']) {
        expect(response.body.message).toContain(field);
      }
      expect((await get(`${BASE}/apiproducts/bad-gateway`)).status).toBe(404);
    });
  });

  describe("apps' appFamily", () => {
    it('defaults to default, and is kept on create and update', async () => {
      const developer = await createDeveloper(t);
      const apps = `${BASE}/developers/${developer.email}/apps`;
      expect((await createDeveloperApp(t, developer.email, { name: 'plain' })).appFamily).toBe('default');
      const created = await post(apps).send({ name: 'family', appFamily: 'mobile' });
      expect(created.status).toBe(201);
      expect(created.body.appFamily).toBe('mobile');
      const updated = await put(`${apps}/family`).send({ appFamily: 'web' });
      expect(updated.body.appFamily).toBe('web');
      expect((await get(`${apps}/family`)).body.appFamily).toBe('web');
      const xml = await get(`${apps}/family`).set('Accept', 'application/xml');
      expect(xml.text).toContain('<AppFamily>web</AppFamily>');
    });
  });

  describe('?action= calls', () => {
    it('accept application/octet-stream with no body, as Apigee documents them', async () => {
      const developer = await createDeveloper(t);
      const product = await createApiProduct(t, { name: 'octet-product', approvalType: 'manual' });
      const app = await createDeveloperApp(t, developer.email, { name: 'octet', apiProducts: [product.name] });
      const appPath = `${BASE}/developers/${developer.email}/apps/octet`;
      const keyPath = `${appPath}/keys/${app.credentials[0].consumerKey}`;
      const calls = [
        `${BASE}/developers/${developer.email}?action=inactive`,
        `${appPath}?action=revoke`,
        `${keyPath}/apiproducts/${product.name}?action=approve`,
        `${keyPath}?action=revoke`,
      ];
      for (const call of calls) {
        const response = await post(call).set('Content-Type', 'application/octet-stream');
        expect(response.status).toBe(204);
      }
      expect((await get(`${BASE}/developers/${developer.email}`)).body.status).toBe('inactive');
      const stored = (await get(appPath)).body;
      expect(stored.status).toBe('revoked');
      expect(stored.credentials[0]).toMatchObject({
        status: 'revoked',
        apiProducts: [{ apiproduct: 'octet-product', status: 'approved' }],
      });
    });

    it('accept any Content-Type with a body they do not read', async () => {
      const developer = await createDeveloper(t);
      const response = await post(`${BASE}/developers/${developer.email}?action=inactive`)
        .set('Content-Type', 'text/plain')
        .send('ignored');
      expect(response.status).toBe(204);
    });
  });
});

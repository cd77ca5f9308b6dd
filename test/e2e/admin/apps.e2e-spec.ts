import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createApiProduct, createDeveloper, createDeveloperApp } from '../../support/factories.js';
import { ADMIN_AUTH, ADMIN_EMAIL, ORG, startTestApp, TestApp } from '../../support/test-app.js';
import { AccessFixtures, createAccessFixtures, remainingRecords, seedIssuedRecords } from './admin-fixtures.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KEY_FORMAT = /^[A-Za-z0-9]{32}$/;

describe('developer apps', () => {
  let t: TestApp;
  let access: AccessFixtures;
  let email: string;
  let developerId: string;
  let autoProduct: string;
  let manualProduct: string;
  const apps = () => `/v1/o/${ORG}/developers/${email}/apps`;

  beforeAll(async () => {
    t = await startTestApp();
    access = await createAccessFixtures(t, 'globex');
    const developer = await createDeveloper(t, { email: 'owner@example.com' });
    email = developer.email;
    developerId = developer.developerId;
    autoProduct = (await createApiProduct(t, { name: 'free', approvalType: 'auto' })).name;
    manualProduct = (await createApiProduct(t, { name: 'premium', approvalType: 'manual' })).name;
  });
  afterAll(() => t.close());

  const get = (path: string) => t.http().get(path).set('Authorization', ADMIN_AUTH);
  const post = (path: string) => t.http().post(path).set('Authorization', ADMIN_AUTH);
  const put = (path: string) => t.http().put(path).set('Authorization', ADMIN_AUTH);
  const del = (path: string) => t.http().delete(path).set('Authorization', ADMIN_AUTH);

  describe('POST /developers/{email}/apps', () => {
    it('creates the app with one generated, approved key holding its API products', async () => {
      const response = await post(apps()).send({
        name: 'weather',
        callbackUrl: 'https://client.example.com/callback',
        attributes: [{ name: 'DisplayName', value: 'Weather' }],
        scopes: ['read'],
        apiProducts: [autoProduct, manualProduct],
      });
      expect(response.status).toBe(201);
      const now = t.clock.now();
      expect(response.body).toEqual({
        appId: expect.stringMatching(UUID),
        name: 'weather',
        developerId,
        callbackUrl: 'https://client.example.com/callback',
        status: 'approved',
        attributes: [{ name: 'DisplayName', value: 'Weather' }],
        scopes: ['read'],
        appFamily: 'default',
        credentials: [
          {
            consumerKey: expect.stringMatching(KEY_FORMAT),
            consumerSecret: expect.stringMatching(KEY_FORMAT),
            status: 'approved',
            issuedAt: now,
            expiresAt: -1,
            scopes: ['read'],
            attributes: [],
            apiProducts: [
              { apiproduct: autoProduct, status: 'approved' },
              { apiproduct: manualProduct, status: 'pending' },
            ],
          },
        ],
        createdAt: now,
        createdBy: ADMIN_EMAIL,
        lastModifiedAt: now,
        lastModifiedBy: ADMIN_EMAIL,
      });
      const [credential] = response.body.credentials;
      expect(credential.consumerSecret).not.toBe(credential.consumerKey);
      expect((await get(`${apps()}/weather`)).body).toEqual(response.body);
    });

    it('generates a different key and secret for every app', async () => {
      const first = await createDeveloperApp(t, email);
      const second = await createDeveloperApp(t, email);
      expect(first.credentials[0].consumerKey).not.toBe(second.credentials[0].consumerKey);
      expect(first.credentials[0].consumerSecret).not.toBe(second.credentials[0].consumerSecret);
    });

    it('sets the key to expire keyExpiresIn milliseconds from now', async () => {
      const response = await post(apps()).send({ name: 'short-lived', keyExpiresIn: 3_600_000 });
      expect(response.status).toBe(201);
      expect(response.body.credentials[0]).toMatchObject({
        issuedAt: t.clock.now(),
        expiresAt: t.clock.now() + 3_600_000,
      });
      expect(response.body.callbackUrl).toBeUndefined();
    });

    it('accepts an Apigee XML body with <App name="…"> and answers in XML', async () => {
      const response = await post(apps())
        .set('Content-Type', 'application/xml')
        .set('Accept', 'application/xml')
        .send(
          '<App name="xml-app"><CallbackUrl>http://localhost:8000/cb</CallbackUrl>' +
            `<ApiProducts><ApiProduct>${autoProduct}</ApiProduct></ApiProducts>` +
            '<Scopes><Scope>read</Scope><Scope>write</Scope></Scopes><KeyExpiresIn>60000</KeyExpiresIn></App>',
        );
      expect(response.status).toBe(201);
      expect(response.text).toMatch(/<App name="xml-app"><AppId>/);
      const json = await get(`${apps()}/xml-app`);
      expect(json.body).toMatchObject({ callbackUrl: 'http://localhost:8000/cb', scopes: ['read', 'write'] });
      expect(json.body.credentials[0]).toMatchObject({
        expiresAt: t.clock.now() + 60000,
        apiProducts: [{ apiproduct: autoProduct, status: 'approved' }],
      });
    });

    it('answers 400 naming each bad field, and creates nothing', async () => {
      const response = await post(apps()).send({
        name: 'bad/name',
        callbackUrl: 'ftp://client.example.com/cb',
        keyExpiresIn: 0,
        scopes: 'read',
        status: 'revoked',
      });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('messaging.adaptors.http.flow.InvalidRequest');
      for (const field of ['name', 'callbackUrl', 'keyExpiresIn', 'scopes']) {
        expect(response.body.message).toContain(field);
      }
      expect(response.body.message).not.toContain('status');
      expect((await get(apps())).body).not.toContain('bad/name');
    });

    it('answers 400 for a relative callbackUrl', async () => {
      const response = await post(apps()).send({ name: 'relative', callbackUrl: '/callback' });
      expect(response.status).toBe(400);
      expect(response.body.message).toContain('callbackUrl must be an absolute http or https URL');
      expect((await get(`${apps()}/relative`)).status).toBe(404);
    });

    it('answers 404 apiproduct_doesnot_exist for an unknown API product, and creates nothing', async () => {
      const response = await post(apps()).send({ name: 'orphan', apiProducts: [autoProduct, 'no-such-product'] });
      expect(response.status).toBe(404);
      expect(response.body).toEqual({
        code: 'keymanagement.service.apiproduct_doesnot_exist',
        message: 'API Product [no-such-product] does not exist',
        contexts: [],
      });
      expect((await get(`${apps()}/orphan`)).status).toBe(404);
    });

    it("treats another organization's API product as unknown", async () => {
      await createApiProduct(t, { name: 'globex-only' }, access.otherOrg);
      const response = await post(apps()).send({ name: 'borrower', apiProducts: ['globex-only'] });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('keymanagement.service.apiproduct_doesnot_exist');
    });

    it('answers 409 AppAlreadyExists for a name the developer uses, leaving the app unchanged', async () => {
      const before = (await get(`${apps()}/weather`)).body;
      const response = await post(apps()).send({ name: 'weather', callbackUrl: 'https://other.example.com/cb' });
      expect(response.status).toBe(409);
      expect(response.body).toEqual({
        code: 'developer.service.AppAlreadyExists',
        message: 'App with name weather already exists',
        contexts: [],
      });
      expect((await get(`${apps()}/weather`)).body).toEqual(before);
    });

    it('lets two developers have apps of the same name', async () => {
      const other = await createDeveloper(t);
      const app = await createDeveloperApp(t, other.email, { name: 'weather' });
      expect(app.developerId).toBe(other.developerId);
    });

    it('answers 404 DeveloperIdDoesNotExist for an unknown developer', async () => {
      const response = await post(`/v1/o/${ORG}/developers/nobody@example.com/apps`).send({ name: 'x' });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('developer.service.DeveloperIdDoesNotExist');
    });

    it('answers 415 for a text/plain body', async () => {
      const response = await post(apps()).set('Content-Type', 'text/plain').send('name=plain');
      expect(response.status).toBe(415);
      expect(response.body.code).toBe('messaging.adaptors.http.flow.UnsupportedMediaType');
    });
  });

  describe('GET /developers/{email}/apps and /apps/{app}', () => {
    it('lists app names, sorted, under both base paths and with the email in any case', async () => {
      for (const path of [apps(), `/v1/organizations/${ORG}/developers/${email.toUpperCase()}/apps`]) {
        const response = await get(path);
        expect(response.status).toBe(200);
        expect(response.body).toEqual(expect.arrayContaining(['weather', 'short-lived', 'xml-app']));
        expect(response.body).toEqual([...response.body].sort());
      }
    });

    it('lists full apps with their keys under "app" for ?expand=true', async () => {
      const response = await get(`${apps()}?expand=true`);
      expect(response.status).toBe(200);
      expect(Object.keys(response.body)).toEqual(['app']);
      const weather = response.body.app.find((app: { name: string }) => app.name === 'weather');
      expect(weather).toEqual((await get(`${apps()}/weather`)).body);
      expect(response.body.app.map((app: { name: string }) => app.name)).toEqual((await get(apps())).body);
    });

    it('renders an app in Apigee XML with its keys and API products', async () => {
      await put(`${apps()}/weather`).send({ attributes: [{ name: 'DisplayName', value: 'Weather' }] });
      const app = (await get(`${apps()}/weather`)).body;
      const response = await get(`${apps()}/weather`).set('Accept', 'application/xml');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/xml/);
      expect(response.text).toContain(`<App name="weather"><AppId>${app.appId}</AppId>`);
      expect(response.text).toContain(
        '<Attributes><Attribute><Name>DisplayName</Name><Value>Weather</Value></Attribute></Attributes>',
      );
      expect(response.text).toContain(
        `<Credentials><Credential><ConsumerKey>${app.credentials[0].consumerKey}</ConsumerKey>`,
      );
      expect(response.text).toContain(
        `<ApiProducts><ApiProduct><Apiproduct>${autoProduct}</Apiproduct><Status>approved</Status></ApiProduct>`,
      );
      expect(response.text).toContain('<Scopes><Scope>read</Scope></Scopes>');
    });

    it('answers 404 AppDoesNotExist for an unknown app', async () => {
      const response = await get(`${apps()}/nothing`);
      expect(response.status).toBe(404);
      expect(response.body).toEqual({
        code: 'developer.service.AppDoesNotExist',
        message: `App named nothing does not exist under ${email}`,
        contexts: [],
      });
    });

    it("answers 404 for an app of another developer under this developer's path", async () => {
      const other = await createDeveloper(t);
      await createDeveloperApp(t, other.email, { name: 'theirs' });
      expect((await get(`${apps()}/theirs`)).status).toBe(404);
    });
  });

  describe('PUT /developers/{email}/apps/{app}', () => {
    it('updates callbackUrl, attributes and scopes, keeping the keys', async () => {
      const before = await createDeveloperApp(t, email, { name: 'editable', callbackUrl: 'https://a.example.com/cb' });
      t.clock.advance(2000);
      const response = await put(`${apps()}/editable`).send({
        name: 'editable',
        callbackUrl: 'https://b.example.com/cb',
        attributes: [{ name: 'x', value: 'y' }],
        scopes: ['write'],
      });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        ...before,
        callbackUrl: 'https://b.example.com/cb',
        attributes: [{ name: 'x', value: 'y' }],
        scopes: ['write'],
        lastModifiedAt: t.clock.now(),
      });
      expect((await get(`${apps()}/editable`)).body).toEqual(response.body);
    });

    it('clears the callbackUrl for an empty string', async () => {
      await createDeveloperApp(t, email, { name: 'clearable', callbackUrl: 'https://a.example.com/cb' });
      const response = await put(`${apps()}/clearable`).send({ callbackUrl: '' });
      expect(response.status).toBe(200);
      expect((await get(`${apps()}/clearable`)).body.callbackUrl).toBeUndefined();
    });

    it('answers 400 for another name or a bad callbackUrl, changing nothing', async () => {
      const before = (await get(`${apps()}/editable`)).body;
      for (const body of [{ name: 'renamed', scopes: ['x'] }, { callbackUrl: 'not a url' }]) {
        const response = await put(`${apps()}/editable`).send(body);
        expect(response.status).toBe(400);
        expect(response.body.code).toBe('messaging.adaptors.http.flow.InvalidRequest');
      }
      expect((await get(`${apps()}/editable`)).body).toEqual(before);
      expect((await get(`${apps()}/renamed`)).status).toBe(404);
    });

    it('accepts an XML body', async () => {
      const response = await put(`${apps()}/editable`)
        .set('Content-Type', 'application/xml')
        .send('<App name="editable"><Scopes><Scope>admin</Scope></Scopes></App>');
      expect(response.status).toBe(200);
      expect(response.body.scopes).toEqual(['admin']);
    });

    it('answers 404 for an unknown app', async () => {
      const response = await put(`${apps()}/nothing`).send({ scopes: [] });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('developer.service.AppDoesNotExist');
    });
  });

  describe('POST /developers/{email}/apps/{app}?action=', () => {
    it('revokes and approves the app with 204', async () => {
      await createDeveloperApp(t, email, { name: 'toggled' });
      const revoke = await post(`${apps()}/toggled?action=revoke`);
      expect(revoke.status).toBe(204);
      expect((await get(`${apps()}/toggled`)).body.status).toBe('revoked');
      const approve = await post(`${apps()}/toggled?action=approve`);
      expect(approve.status).toBe(204);
      expect((await get(`${apps()}/toggled`)).body.status).toBe('approved');
    });

    it('answers 400 InvalidRequest for an unknown action, changing nothing', async () => {
      const response = await post(`${apps()}/toggled?action=delete`);
      expect(response.status).toBe(400);
      expect(response.body.message).toBe('action must be one of: approve, revoke');
      expect((await get(`${apps()}/toggled`)).body.status).toBe('approved');
    });

    it('answers 404 for an unknown app', async () => {
      const response = await post(`${apps()}/nothing?action=revoke`);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('developer.service.AppDoesNotExist');
    });
  });

  describe('DELETE /developers/{email}/apps/{app}', () => {
    it('answers 200 with the deleted app and deletes its keys and their OAuth records only', async () => {
      const doomed = await createDeveloperApp(t, email, { name: 'doomed' });
      const survivor = await createDeveloperApp(t, email, { name: 'survivor' });
      const doomedRecords = await seedIssuedRecords(t, {
        appId: doomed.appId,
        consumerKey: doomed.credentials[0].consumerKey,
      });
      const survivorRecords = await seedIssuedRecords(t, {
        appId: survivor.appId,
        consumerKey: survivor.credentials[0].consumerKey,
      });
      const response = await del(`${apps()}/doomed`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual(doomed);
      expect((await get(`${apps()}/doomed`)).status).toBe(404);
      expect((await get(`/v1/o/${ORG}/developers/${email}`)).body.apps).not.toContain('doomed');
      expect(await remainingRecords(t, [doomedRecords])).toEqual({ requestTokens: 0, verifiers: 0, accessTokens: 0 });
      expect(await remainingRecords(t, [survivorRecords])).toEqual({ requestTokens: 1, verifiers: 1, accessTokens: 1 });
      const reimported = await post(`${apps()}/survivor/keys/create`).send({
        consumerKey: doomed.credentials[0].consumerKey,
        consumerSecret: 'reused-secret',
      });
      expect(reimported.status).toBe(201);
    });

    it('answers 404 for an unknown app', async () => {
      const response = await del(`${apps()}/nothing`);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('developer.service.AppDoesNotExist');
    });
  });

  describe('organizations and roles', () => {
    it('keeps apps per organization: the same developer email and app name in another org is another app', async () => {
      const there = await createDeveloper(t, { email }, access.otherOrg);
      const app = await createDeveloperApp(t, email, { name: 'weather' }, access.otherOrg);
      expect(app.developerId).toBe(there.developerId);
      const here = (await get(`${apps()}/weather`)).body;
      expect(app.appId).not.toBe(here.appId);
      expect((await get(`/v1/o/${access.otherOrg}/developers/${email}/apps`)).body).toEqual(['weather']);
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createApiProduct, createDeveloper, createDeveloperApp } from '../../support/factories.js';
import { ADMIN_AUTH, ADMIN_EMAIL, ORG, startTestApp, TestApp } from '../../support/test-app.js';
import { AccessFixtures, createAccessFixtures, remainingRecords, seedIssuedRecords } from './admin-fixtures.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BASE = `/v1/o/${ORG}/developers`;

describe('developers', () => {
  let t: TestApp;
  let access: AccessFixtures;
  beforeAll(async () => {
    t = await startTestApp();
    access = await createAccessFixtures(t, 'globex');
  });
  afterAll(() => t.close());

  const get = (path: string) => t.http().get(path).set('Authorization', ADMIN_AUTH);
  const post = (path: string) => t.http().post(path).set('Authorization', ADMIN_AUTH);
  const put = (path: string) => t.http().put(path).set('Authorization', ADMIN_AUTH);
  const del = (path: string) => t.http().delete(path).set('Authorization', ADMIN_AUTH);

  describe('POST /developers', () => {
    it('creates a developer and answers 201 with every Apigee field', async () => {
      const response = await post(BASE).send({
        email: 'jane@example.com',
        firstName: 'Jane',
        lastName: 'Doe',
        userName: 'jdoe',
        attributes: [{ name: 'tier', value: 'gold' }],
      });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        developerId: expect.stringMatching(UUID),
        email: 'jane@example.com',
        firstName: 'Jane',
        lastName: 'Doe',
        userName: 'jdoe',
        organizationName: ORG,
        status: 'active',
        apps: [],
        companies: [],
        attributes: [{ name: 'tier', value: 'gold' }],
        createdAt: t.clock.now(),
        createdBy: ADMIN_EMAIL,
        lastModifiedAt: t.clock.now(),
        lastModifiedBy: ADMIN_EMAIL,
      });
    });

    it('stores the email lower-cased and finds it in any case', async () => {
      const response = await post(BASE).send({
        email: 'Mixed.Case@Example.COM',
        firstName: 'Mixed',
        lastName: 'Case',
        userName: 'mixed',
      });
      expect(response.status).toBe(201);
      expect(response.body.email).toBe('mixed.case@example.com');
      for (const email of ['mixed.case@example.com', 'MIXED.CASE@EXAMPLE.COM']) {
        const found = await get(`${BASE}/${email}`);
        expect(found.status).toBe(200);
        expect(found.body.developerId).toBe(response.body.developerId);
      }
    });

    it('accepts an Apigee XML body and answers in XML', async () => {
      const response = await post(BASE)
        .set('Content-Type', 'application/xml')
        .set('Accept', 'application/xml')
        .send(
          '<Developer><Email>Xml@Example.com</Email><FirstName>Xavier</FirstName><LastName>Lang</LastName>' +
            '<UserName>xlang</UserName><Attributes><Attribute><Name>team</Name><Value>blue</Value></Attribute>' +
            '</Attributes></Developer>',
        );
      expect(response.status).toBe(201);
      expect(response.headers['content-type']).toMatch(/^application\/xml/);
      expect(response.text).toMatch(
        /<Developer><DeveloperId>[0-9a-f-]{36}<\/DeveloperId><Email>xml@example.com<\/Email>/,
      );
      expect(response.text).toContain('<FirstName>Xavier</FirstName><LastName>Lang</LastName>');
      const json = await get(`${BASE}/xml@example.com`);
      expect(json.body.attributes).toEqual([{ name: 'team', value: 'blue' }]);
    });

    it('answers 400 InvalidRequest naming each missing or bad field, and creates nothing', async () => {
      const response = await post(BASE).send({ email: 'not-an-email', status: 'inactive' });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('messaging.adaptors.http.flow.InvalidRequest');
      for (const field of ['email', 'firstName', 'lastName', 'userName']) {
        expect(response.body.message).toContain(field);
      }
      expect(response.body.message).not.toContain('status');
      expect((await get(BASE)).body).not.toContain('not-an-email');
    });

    it('answers 400 for an attribute without a value', async () => {
      const response = await post(BASE).send({
        email: 'attr@example.com',
        firstName: 'A',
        lastName: 'B',
        userName: 'ab',
        attributes: [{ name: 'tier' }],
      });
      expect(response.status).toBe(400);
      expect(response.body.message).toContain('attributes.0.value');
      expect((await get(`${BASE}/attr@example.com`)).status).toBe(404);
    });

    it('answers 409 DeveloperAlreadyExists for an email in another case, leaving the developer unchanged', async () => {
      const response = await post(BASE).send({
        email: 'JANE@example.com',
        firstName: 'Other',
        lastName: 'Person',
        userName: 'other',
      });
      expect(response.status).toBe(409);
      expect(response.body).toEqual({
        code: 'developer.service.DeveloperAlreadyExists',
        message: `Developer with email jane@example.com already exists in organization ${ORG}`,
        contexts: [],
      });
      expect((await get(`${BASE}/jane@example.com`)).body.firstName).toBe('Jane');
    });

    it('answers 415 for a text/plain body', async () => {
      const response = await post(BASE).set('Content-Type', 'text/plain').send('email=plain@example.com');
      expect(response.status).toBe(415);
      expect(response.body.code).toBe('messaging.adaptors.http.flow.UnsupportedMediaType');
      expect((await get(`${BASE}/plain@example.com`)).status).toBe(404);
    });
  });

  describe('GET /developers and /developers/{email}', () => {
    it('lists the emails, sorted, under both base paths', async () => {
      for (const base of [BASE, `/v1/organizations/${ORG}/developers`]) {
        const response = await get(base);
        expect(response.status).toBe(200);
        expect(response.body).toEqual(expect.arrayContaining(['jane@example.com', 'mixed.case@example.com']));
        expect(response.body).toEqual([...response.body].sort());
      }
    });

    it('lists full developers with their app names under "developer" for ?expand=true', async () => {
      const developer = await createDeveloper(t);
      await createDeveloperApp(t, developer.email, { name: 'zeta' });
      await createDeveloperApp(t, developer.email, { name: 'alpha' });
      const response = await get(`${BASE}?expand=true`);
      expect(response.status).toBe(200);
      expect(Object.keys(response.body)).toEqual(['developer']);
      const listed = response.body.developer.find((d: { email: string }) => d.email === developer.email);
      expect(listed).toMatchObject({ developerId: developer.developerId, apps: ['alpha', 'zeta'], status: 'active' });
      const emails = response.body.developer.map((d: { email: string }) => d.email);
      expect(emails).toEqual((await get(BASE)).body);
    });

    it('answers the plain list, not a 500, when expand is given twice', async () => {
      const response = await get(`${BASE}?expand=true&expand=true`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual((await get(BASE)).body);
    });

    it('reads one developer with its app names, also by developerId', async () => {
      const developer = await createDeveloper(t);
      await createDeveloperApp(t, developer.email, { name: 'reader' });
      for (const key of [developer.email, developer.developerId]) {
        const response = await get(`/v1/organizations/${ORG}/developers/${key}`);
        expect(response.status).toBe(200);
        expect(response.body).toMatchObject({ email: developer.email, apps: ['reader'], organizationName: ORG });
      }
    });

    it('renders a developer in Apigee XML', async () => {
      const developer = await createDeveloper(t);
      await createDeveloperApp(t, developer.email, { name: 'xml-app' });
      await put(`${BASE}/${developer.email}`).send({ attributes: [{ name: 'region', value: 'eu' }] });
      const response = await get(`${BASE}/${developer.email}`).set('Accept', 'application/xml');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/xml/);
      expect(response.text).toContain(`<Developer><DeveloperId>${developer.developerId}</DeveloperId>`);
      expect(response.text).toContain(`<OrganizationName>${ORG}</OrganizationName><Status>active</Status>`);
      expect(response.text).toContain('<Apps><App>xml-app</App></Apps>');
      expect(response.text).toContain('<Attributes><Attribute><Name>region</Name><Value>eu</Value></Attribute>');
    });

    it('renders the list as <List><Item> and the expanded list as repeated <Developer> elements', async () => {
      const list = await get(BASE).set('Accept', 'application/xml');
      expect(list.text).toContain('<List><Item>');
      expect(list.text).toContain('<Item>jane@example.com</Item>');
      const expanded = await get(`${BASE}?expand=true`).set('Accept', 'text/xml');
      expect(expanded.text).toMatch(/<Developers><Developer><DeveloperId>/);
      expect(expanded.text).toContain('<Email>jane@example.com</Email>');
    });

    it('answers 404 DeveloperIdDoesNotExist for an unknown developer', async () => {
      const response = await get(`${BASE}/Nobody@Example.com`);
      expect(response.status).toBe(404);
      expect(response.body).toEqual({
        code: 'developer.service.DeveloperIdDoesNotExist',
        message: `DeveloperId nobody@example.com does not exist in organization ${ORG}`,
        contexts: [],
      });
    });

    it('answers 404 in XML when the client accepts XML', async () => {
      const response = await get(`${BASE}/nobody@example.com`).set('Accept', 'application/xml');
      expect(response.status).toBe(404);
      expect(response.text).toContain('<Error><Code>developer.service.DeveloperIdDoesNotExist</Code>');
    });
  });

  describe('PUT /developers/{email}', () => {
    it('updates the given fields, replaces attributes and records who changed it', async () => {
      const developer = await createDeveloper(t, { firstName: 'Before' });
      t.clock.advance(5000);
      const response = await put(`${BASE}/${developer.email.toUpperCase()}`).send({
        firstName: 'After',
        attributes: [{ name: 'plan', value: 'pro' }],
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        email: developer.email,
        firstName: 'After',
        lastName: developer.lastName,
        attributes: [{ name: 'plan', value: 'pro' }],
        createdAt: developer.createdAt,
        lastModifiedAt: t.clock.now(),
        lastModifiedBy: ADMIN_EMAIL,
      });
      expect((await get(`${BASE}/${developer.email}`)).body).toEqual(response.body);
    });

    it('changes the email, lower-cased, keeping the developerId and apps', async () => {
      const developer = await createDeveloper(t);
      await createDeveloperApp(t, developer.email, { name: 'moving' });
      const response = await put(`${BASE}/${developer.email}`).send({ email: 'Renamed@Example.com' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        email: 'renamed@example.com',
        developerId: developer.developerId,
        apps: ['moving'],
      });
      expect((await get(`${BASE}/${developer.email}`)).status).toBe(404);
      expect((await get(`${BASE}/renamed@example.com/apps/moving`)).status).toBe(200);
    });

    it('answers 409 when the new email belongs to another developer, changing nothing', async () => {
      const developer = await createDeveloper(t);
      const response = await put(`${BASE}/${developer.email}`).send({ email: 'jane@example.com', firstName: 'X' });
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('developer.service.DeveloperAlreadyExists');
      expect((await get(`${BASE}/${developer.email}`)).body).toEqual(developer);
    });

    it('answers 400 for an empty name, naming only that field and changing nothing', async () => {
      const developer = await createDeveloper(t);
      const response = await put(`${BASE}/${developer.email}`).send({ lastName: '', developerId: 'x' });
      expect(response.status).toBe(400);
      expect(response.body.message).toContain('lastName should not be empty');
      expect(response.body.message).not.toContain('developerId');
      expect((await get(`${BASE}/${developer.email}`)).body).toEqual(developer);
    });

    it('accepts an XML body', async () => {
      const developer = await createDeveloper(t);
      const response = await put(`${BASE}/${developer.email}`)
        .set('Content-Type', 'application/xml')
        .send('<Developer><LastName>Byron</LastName></Developer>');
      expect(response.status).toBe(200);
      expect(response.body.lastName).toBe('Byron');
    });

    it('answers 404 for an unknown developer', async () => {
      const response = await put(`${BASE}/nobody@example.com`).send({ firstName: 'X' });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('developer.service.DeveloperIdDoesNotExist');
    });
  });

  describe('POST /developers/{email}?action=', () => {
    it('sets the status with 204 for inactive and active', async () => {
      const developer = await createDeveloper(t);
      t.clock.advance(1000);
      const inactive = await post(`${BASE}/${developer.email}?action=inactive`);
      expect(inactive.status).toBe(204);
      expect(inactive.text).toBe('');
      const afterInactive = await get(`${BASE}/${developer.email}`);
      expect(afterInactive.body.status).toBe('inactive');
      expect(afterInactive.body.lastModifiedAt).toBe(t.clock.now());
      const active = await post(`${BASE}/${developer.email}?action=active`).set(
        'Content-Type',
        'application/octet-stream',
      );
      expect(active.status).toBe(204);
      expect((await get(`${BASE}/${developer.email}`)).body.status).toBe('active');
    });

    it('answers 400 InvalidRequest for an unknown or missing action, changing nothing', async () => {
      const developer = await createDeveloper(t);
      for (const query of ['?action=suspend', '', '?action=inactive&action=inactive']) {
        const response = await post(`${BASE}/${developer.email}${query}`);
        expect(response.status).toBe(400);
        expect(response.body).toEqual({
          code: 'messaging.adaptors.http.flow.InvalidRequest',
          message: 'action must be one of: active, inactive',
          contexts: [],
        });
      }
      expect((await get(`${BASE}/${developer.email}`)).body.status).toBe('active');
    });

    it('answers 404 for an unknown developer', async () => {
      const response = await post(`${BASE}/nobody@example.com?action=inactive`);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('developer.service.DeveloperIdDoesNotExist');
    });
  });

  describe('DELETE /developers/{email}', () => {
    it('answers 200 with the deleted developer and deletes its apps, keys and their OAuth records', async () => {
      const product = await createApiProduct(t);
      const developer = await createDeveloper(t);
      const app = await createDeveloperApp(t, developer.email, { name: 'doomed', apiProducts: [product.name] });
      const [credential] = app.credentials;
      const doomed = await seedIssuedRecords(t, { appId: app.appId, consumerKey: credential.consumerKey });
      const survivorDeveloper = await createDeveloper(t);
      const survivorApp = await createDeveloperApp(t, survivorDeveloper.email);
      const survivor = await seedIssuedRecords(t, {
        appId: survivorApp.appId,
        consumerKey: survivorApp.credentials[0].consumerKey,
      });

      const response = await del(`${BASE}/${developer.email}`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ ...developer, apps: ['doomed'] });
      expect((await get(`${BASE}/${developer.email}`)).status).toBe(404);
      expect(await remainingRecords(t, [doomed])).toEqual({ requestTokens: 0, verifiers: 0, accessTokens: 0 });
      expect(await remainingRecords(t, [survivor])).toEqual({ requestTokens: 1, verifiers: 1, accessTokens: 1 });

      // The deleted key is free again: importing it elsewhere succeeds.
      const imported = await post(`${BASE}/${survivorDeveloper.email}/apps/${survivorApp.name}/keys/create`).send({
        consumerKey: credential.consumerKey,
        consumerSecret: credential.consumerSecret,
      });
      expect(imported.status).toBe(201);
    });

    it('answers 404 for an unknown developer', async () => {
      const response = await del(`${BASE}/nobody@example.com`);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('developer.service.DeveloperIdDoesNotExist');
    });
  });

  describe('organizations and roles', () => {
    it('keeps developers per organization: the same email in two orgs is two developers', async () => {
      const here = await createDeveloper(t, { email: 'shared@example.com' });
      const there = await createDeveloper(t, { email: 'shared@example.com', firstName: 'Elsewhere' }, access.otherOrg);
      expect(there.developerId).not.toBe(here.developerId);
      expect(there.organizationName).toBe(access.otherOrg);
      expect((await get(`${BASE}/shared@example.com`)).body.firstName).toBe('Ada');
      expect((await get(`/v1/o/${access.otherOrg}/developers`)).body).toEqual(['shared@example.com']);
      expect((await get(`/v1/o/${access.otherOrg}/developers/jane@example.com`)).status).toBe(404);
    });

    it('answers 404 OrganizationDoesNotExist to a sysadmin for an unknown org', async () => {
      const response = await get('/v1/o/no-such-org/developers');
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('organizations.service.OrganizationDoesNotExist');
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createApiProduct, createConsumer } from '../../support/factories.js';
import { ADMIN_AUTH, ADMIN_EMAIL, ORG, startTestApp, TestApp } from '../../support/test-app.js';
import { AccessFixtures, createAccessFixtures } from './admin-fixtures.js';

const BASE = `/v1/o/${ORG}/apiproducts`;

describe('API products', () => {
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

  describe('POST /apiproducts', () => {
    it('creates an API product and answers 201 with every field', async () => {
      const response = await post(BASE).send({
        name: 'weather',
        displayName: 'Weather',
        description: 'Forecasts',
        approvalType: 'manual',
        scopes: ['read', 'write'],
        attributes: [{ name: 'access', value: 'public' }],
      });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        name: 'weather',
        displayName: 'Weather',
        description: 'Forecasts',
        approvalType: 'manual',
        scopes: ['read', 'write'],
        attributes: [{ name: 'access', value: 'public' }],
        apiResources: [],
        environments: [],
        proxies: [],
        createdAt: t.clock.now(),
        createdBy: ADMIN_EMAIL,
        lastModifiedAt: t.clock.now(),
        lastModifiedBy: ADMIN_EMAIL,
      });
      expect((await get(`${BASE}/weather`)).body).toEqual(response.body);
    });

    it('defaults displayName to the name, approvalType to auto and the lists to empty', async () => {
      const response = await post(BASE).send({ name: 'minimal' });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        name: 'minimal',
        displayName: 'minimal',
        description: '',
        approvalType: 'auto',
        scopes: [],
        attributes: [],
      });
    });

    it('accepts an Apigee XML body and answers in XML', async () => {
      const response = await post(BASE)
        .set('Content-Type', 'application/xml')
        .set('Accept', 'application/xml')
        .send(
          '<ApiProduct><Name>xml-product</Name><DisplayName>XML</DisplayName><ApprovalType>manual</ApprovalType>' +
            '<Scopes><Scope>read</Scope></Scopes></ApiProduct>',
        );
      expect(response.status).toBe(201);
      expect(response.text).toContain('<ApiProduct><Name>xml-product</Name><DisplayName>XML</DisplayName>');
      expect((await get(`${BASE}/xml-product`)).body).toMatchObject({ approvalType: 'manual', scopes: ['read'] });
    });

    it('answers 400 naming each bad field, and creates nothing', async () => {
      const response = await post(BASE).send({
        name: 'bad/name',
        approvalType: 'sometimes',
        proxies: 'weather-v1',
        quota: true,
      });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('messaging.adaptors.http.flow.InvalidRequest');
      for (const field of ['name', 'approvalType', 'proxies must be an array', 'quota must be a string']) {
        expect(response.body.message).toContain(field);
      }
      expect((await get(BASE)).body).not.toContain('bad/name');
    });

    it('answers 409 apiproduct_already_exists, leaving the product unchanged', async () => {
      const response = await post(BASE).send({ name: 'weather', displayName: 'Changed' });
      expect(response.status).toBe(409);
      expect(response.body).toEqual({
        code: 'keymanagement.service.apiproduct_already_exists',
        message: 'API Product [weather] already exists',
        contexts: [],
      });
      expect((await get(`${BASE}/weather`)).body.displayName).toBe('Weather');
    });

    it('answers 415 for a text/plain body', async () => {
      const response = await post(BASE).set('Content-Type', 'text/plain').send('name=plain');
      expect(response.status).toBe(415);
      expect((await get(`${BASE}/plain`)).status).toBe(404);
    });
  });

  describe('GET /apiproducts and /apiproducts/{name}', () => {
    it('lists product names, sorted, under both base paths', async () => {
      for (const base of [BASE, `/v1/organizations/${ORG}/apiproducts`]) {
        const response = await get(base);
        expect(response.status).toBe(200);
        expect(response.body).toEqual(['minimal', 'weather', 'xml-product']);
      }
    });

    it('lists full products under "apiProduct" for ?expand=true', async () => {
      const response = await get(`${BASE}?expand=true`);
      expect(response.status).toBe(200);
      expect(Object.keys(response.body)).toEqual(['apiProduct']);
      expect(response.body.apiProduct.map((p: { name: string }) => p.name)).toEqual([
        'minimal',
        'weather',
        'xml-product',
      ]);
      expect(response.body.apiProduct[1]).toEqual((await get(`${BASE}/weather`)).body);
    });

    it('renders a product in Apigee XML', async () => {
      const response = await get(`${BASE}/weather`).set('Accept', 'application/xml');
      expect(response.status).toBe(200);
      expect(response.text).toContain('<ApiProduct><Name>weather</Name><DisplayName>Weather</DisplayName>');
      expect(response.text).toContain('<ApprovalType>manual</ApprovalType>');
      expect(response.text).toContain('<Scopes><Scope>read</Scope><Scope>write</Scope></Scopes>');
      expect(response.text).toContain('<Attributes><Attribute><Name>access</Name><Value>public</Value></Attribute>');
      const expanded = await get(`${BASE}?expand=true`).set('Accept', 'application/xml');
      expect(expanded.text).toMatch(/<ApiProducts><ApiProduct><Name>minimal<\/Name>/);
    });

    it('answers 404 apiproduct_doesnot_exist for an unknown product', async () => {
      const response = await get(`${BASE}/nothing`);
      expect(response.status).toBe(404);
      expect(response.body).toEqual({
        code: 'keymanagement.service.apiproduct_doesnot_exist',
        message: 'API Product [nothing] does not exist',
        contexts: [],
      });
    });
  });

  describe('PUT /apiproducts/{name}', () => {
    it('updates the given fields and records who changed it', async () => {
      t.clock.advance(3000);
      const response = await put(`${BASE}/minimal`).send({
        name: 'minimal',
        displayName: 'Minimal',
        approvalType: 'manual',
        scopes: ['read'],
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        name: 'minimal',
        displayName: 'Minimal',
        description: '',
        approvalType: 'manual',
        scopes: ['read'],
        lastModifiedAt: t.clock.now(),
      });
      expect(response.body.createdAt).toBeLessThan(t.clock.now());
      expect((await get(`${BASE}/minimal`)).body).toEqual(response.body);
    });

    it('accepts an XML body', async () => {
      const response = await put(`${BASE}/minimal`)
        .set('Content-Type', 'application/xml')
        .send('<ApiProduct><Description>Smallest</Description></ApiProduct>');
      expect(response.status).toBe(200);
      expect(response.body.description).toBe('Smallest');
    });

    it('answers 400 for another name or a bad approvalType, changing nothing', async () => {
      const before = (await get(`${BASE}/minimal`)).body;
      for (const body of [{ name: 'renamed' }, { approvalType: 'never' }]) {
        const response = await put(`${BASE}/minimal`).send(body);
        expect(response.status).toBe(400);
        expect(response.body.code).toBe('messaging.adaptors.http.flow.InvalidRequest');
      }
      expect((await get(`${BASE}/minimal`)).body).toEqual(before);
    });

    it('answers 404 for an unknown product', async () => {
      const response = await put(`${BASE}/nothing`).send({ displayName: 'x' });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('keymanagement.service.apiproduct_doesnot_exist');
    });
  });

  describe('DELETE /apiproducts/{name}', () => {
    it('answers 200 with the deleted product and takes it off the keys that had it', async () => {
      const doomed = await createApiProduct(t, { name: 'doomed' });
      const kept = await createApiProduct(t, { name: 'kept' });
      const consumer = await createConsumer(t, { apiProducts: [doomed.name, kept.name] });
      const response = await del(`${BASE}/doomed`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual(doomed);
      expect((await get(`${BASE}/doomed`)).status).toBe(404);
      const keyPath = `/v1/o/${ORG}/developers/${consumer.developerEmail}/apps/${consumer.app.name}/keys/${consumer.consumerKey}`;
      expect((await get(keyPath)).body.apiProducts).toEqual([{ apiproduct: 'kept', status: 'approved' }]);
      // A product created later under the same name grants nothing to the key.
      await createApiProduct(t, { name: 'doomed' });
      expect((await get(keyPath)).body.apiProducts).toEqual([{ apiproduct: 'kept', status: 'approved' }]);
    });

    it('answers 404 for an unknown product', async () => {
      const response = await del(`${BASE}/nothing`);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('keymanagement.service.apiproduct_doesnot_exist');
    });
  });

  describe('organizations and roles', () => {
    it('keeps products per organization: the same name in another org is another product', async () => {
      const there = await createApiProduct(t, { name: 'weather', approvalType: 'auto' }, access.otherOrg);
      expect(there.approvalType).toBe('auto');
      expect((await get(`${BASE}/weather`)).body.approvalType).toBe('manual');
      expect((await get(`/v1/o/${access.otherOrg}/apiproducts`)).body).toEqual(['weather']);
    });
  });
});

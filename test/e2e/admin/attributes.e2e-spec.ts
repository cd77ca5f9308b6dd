import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createApiProduct, createCompany, createCompanyApp, createConsumer } from '../../support/factories.js';
import { ADMIN_AUTH, ADMIN_EMAIL, ORG, startTestApp, TestApp } from '../../support/test-app.js';
import { AccessFixtures, createAccessFixtures } from './admin-fixtures.js';

/** Each owner of an attributes sub-resource: its path, and how to read the owner's record (and its lastModified). */
interface Owner {
  path: string;
  /** The record that shows the owner's attributes, and the one that carries its lastModified stamp. */
  record: string;
  stamped: string;
  otherOrgPath: string;
}

describe('attributes as a sub-resource', () => {
  let t: TestApp;
  let access: AccessFixtures;
  const owners: Record<string, Owner> = {};

  beforeAll(async () => {
    t = await startTestApp();
    access = await createAccessFixtures(t, 'globex');
    const product = await createApiProduct(t);
    const consumer = await createConsumer(t);
    const developer = `/v1/o/${ORG}/developers/${consumer.developerEmail}`;
    const app = `${developer}/apps/${consumer.app.name}`;
    const key = `${app}/keys/${consumer.consumerKey}`;
    const productPath = `/v1/o/${ORG}/apiproducts/${product.name}`;
    const other = (path: string) => path.replace(`/v1/o/${ORG}/`, '/v1/o/globex/');
    owners.developer = {
      path: developer,
      record: developer,
      stamped: developer,
      otherOrgPath: other(developer),
    };
    owners['developer app'] = { path: app, record: app, stamped: app, otherOrgPath: other(app) };
    owners['API product'] = {
      path: productPath,
      record: productPath,
      stamped: productPath,
      otherOrgPath: other(productPath),
    };
    owners.key = { path: key, record: key, stamped: app, otherOrgPath: other(key) };
    const company = await createCompany(t);
    const companyPath = `/v1/o/${ORG}/companies/${company.name}`;
    const companyApp = await createCompanyApp(t, company.name);
    const companyAppPath = `${companyPath}/apps/${companyApp.name}`;
    const companyKey = `${companyAppPath}/keys/${companyApp.credentials[0].consumerKey}`;
    owners.company = { path: companyPath, record: companyPath, stamped: companyPath, otherOrgPath: other(companyPath) };
    owners['company app'] = {
      path: companyAppPath,
      record: companyAppPath,
      stamped: companyAppPath,
      otherOrgPath: other(companyAppPath),
    };
    owners["company app's key"] = {
      path: companyKey,
      record: companyKey,
      stamped: companyAppPath,
      otherOrgPath: other(companyKey),
    };
  });
  afterAll(() => t.close());

  const get = (path: string) => t.http().get(path).set('Authorization', ADMIN_AUTH);
  const post = (path: string) => t.http().post(path).set('Authorization', ADMIN_AUTH);
  const del = (path: string) => t.http().delete(path).set('Authorization', ADMIN_AUTH);

  describe.each(['developer', 'developer app', 'API product', 'key', 'company', 'company app', "company app's key"])(
    'on a %s',
    (kind) => {
      const owner = () => owners[kind];

      it('replaces all attributes with POST …/attributes and lists them with GET, stored on the record', async () => {
        t.clock.advance(1000);
        const replaced = await post(`${owner().path}/attributes`).send({
          attribute: [
            { name: 'tier', value: 'gold' },
            { name: 'region', value: 'eu' },
          ],
        });
        expect(replaced.status).toBe(200);
        expect(replaced.body).toEqual({
          attribute: [
            { name: 'tier', value: 'gold' },
            { name: 'region', value: 'eu' },
          ],
        });
        expect((await get(`${owner().path}/attributes`)).body).toEqual(replaced.body);
        const record = await get(owner().record);
        expect(record.body.attributes).toEqual(replaced.body.attribute);
        const stamped = await get(owner().stamped);
        expect(stamped.body).toEqual(
          expect.objectContaining({ lastModifiedAt: t.clock.now(), lastModifiedBy: ADMIN_EMAIL }),
        );

        const again = await post(`${owner().path}/attributes`).send({ attribute: [{ name: 'only', value: '1' }] });
        expect(again.body).toEqual({ attribute: [{ name: 'only', value: '1' }] });
      });

      it('creates, reads, updates and deletes one attribute by name', async () => {
        await post(`${owner().path}/attributes`).send({ attribute: [{ name: 'keep', value: 'k' }] });
        const created = await post(`${owner().path}/attributes/color`).send({ value: 'blue' });
        expect(created.status).toBe(200);
        expect(created.body).toEqual({ name: 'color', value: 'blue' });
        const updated = await post(`${owner().path}/attributes/color`).send({ name: 'color', value: 'red' });
        expect(updated.body).toEqual({ name: 'color', value: 'red' });
        expect((await get(`${owner().path}/attributes/color`)).body).toEqual({ name: 'color', value: 'red' });
        expect((await get(`${owner().path}/attributes`)).body.attribute).toEqual([
          { name: 'keep', value: 'k' },
          { name: 'color', value: 'red' },
        ]);

        const deleted = await del(`${owner().path}/attributes/color`);
        expect(deleted.status).toBe(200);
        expect(deleted.body).toEqual({ name: 'color', value: 'red' });
        expect((await get(`${owner().path}/attributes`)).body.attribute).toEqual([{ name: 'keep', value: 'k' }]);
      });

      it('answers 404 for an attribute it does not have', async () => {
        for (const response of [
          await get(`${owner().path}/attributes/missing`),
          await del(`${owner().path}/attributes/missing`),
        ]) {
          expect(response.status).toBe(404);
          expect(response.body.code).toBe('keymanagement.service.AttributeDoesNotExist');
        }
      });

      it('reads and writes Apigee XML', async () => {
        const replaced = await post(`${owner().path}/attributes`)
          .set('Content-Type', 'application/xml')
          .set('Accept', 'application/xml')
          .send(
            '<Attributes><Attribute><Name>a</Name><Value>1</Value></Attribute>' +
              '<Attribute><Name>b</Name><Value>2</Value></Attribute></Attributes>',
          );
        expect(replaced.status).toBe(200);
        expect(replaced.headers['content-type']).toMatch(/^application\/xml/);
        expect(replaced.text).toContain(
          '<Attributes><Attribute><Name>a</Name><Value>1</Value></Attribute>' +
            '<Attribute><Name>b</Name><Value>2</Value></Attribute></Attributes>',
        );
        const single = await post(`${owner().path}/attributes`)
          .set('Content-Type', 'application/xml')
          .send('<Attributes><Attribute><Name>solo</Name><Value>s</Value></Attribute></Attributes>');
        expect(single.body).toEqual({ attribute: [{ name: 'solo', value: 's' }] });
        const one = await post(`${owner().path}/attributes/solo`)
          .set('Content-Type', 'application/xml')
          .set('Accept', 'application/xml')
          .send('<Attribute><Value>changed</Value></Attribute>');
        expect(one.text).toContain('<Attribute><Name>solo</Name><Value>changed</Value></Attribute>');
        const cleared = await post(`${owner().path}/attributes`)
          .set('Content-Type', 'application/xml')
          .set('Accept', 'application/xml')
          .send('<Attributes/>');
        expect(cleared.status).toBe(200);
        expect(cleared.text).toContain('<Attributes/>');
        expect((await get(`${owner().path}/attributes`)).body).toEqual({ attribute: [] });
      });

      it('answers 400 InvalidRequest to a body without a list or a value', async () => {
        for (const response of [
          await post(`${owner().path}/attributes`).send({ attribute: [{ name: 'x' }] }),
          await post(`${owner().path}/attributes/x`).send({}),
        ]) {
          expect(response.status).toBe(400);
          expect(response.body.code).toBe('messaging.adaptors.http.flow.InvalidRequest');
        }
      });

      it("refuses writes to a readonlyadmin and everything to another org's orgadmin, answering 404 in that org", async () => {
        const before = (await get(`${owner().path}/attributes`)).body;
        const readonly = await t
          .http()
          .post(`${owner().path}/attributes/x`)
          .set('Authorization', access.readonlyAuth)
          .send({ value: 'y' });
        expect(readonly.status).toBe(403);
        const readonlyDelete = await t
          .http()
          .delete(`${owner().path}/attributes/keep`)
          .set('Authorization', access.readonlyAuth);
        expect(readonlyDelete.status).toBe(403);
        expect(
          (await t.http().get(`${owner().path}/attributes`).set('Authorization', access.readonlyAuth)).status,
        ).toBe(200);
        const otherOrg = await t
          .http()
          .get(`${owner().path}/attributes`)
          .set('Authorization', access.otherOrgAdminAuth);
        expect(otherOrg.status).toBe(403);
        const inItsOwnOrg = await t
          .http()
          .get(`${owner().otherOrgPath}/attributes`)
          .set('Authorization', access.otherOrgAdminAuth);
        expect(inItsOwnOrg.status).toBe(404);
        expect((await get(`${owner().path}/attributes`)).body).toEqual(before);
      });
    },
  );

  it('answers 404 DeveloperIdDoesNotExist for an unknown developer', async () => {
    const response = await get(`/v1/o/${ORG}/developers/nobody@example.com/attributes`);
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('developer.service.DeveloperIdDoesNotExist');
  });
});

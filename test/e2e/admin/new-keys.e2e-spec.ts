import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AppJson, createApiProduct, createDeveloper, createDeveloperApp } from '../../support/factories.js';
import { ADMIN_AUTH, ADMIN_EMAIL, ORG, startTestApp, TestApp } from '../../support/test-app.js';
import { AccessFixtures, createAccessFixtures } from './admin-fixtures.js';

const GENERATED_KEY = /^[A-Za-z0-9]{32}$/;
const GENERATED_SECRET = /^[A-Za-z0-9]{16,}$/;

describe('new keys for an existing app, and PUT on a key', () => {
  let t: TestApp;
  let access: AccessFixtures;
  let email: string;
  let readProduct: string;
  let writeProduct: string;
  let manualProduct: string;
  beforeAll(async () => {
    t = await startTestApp();
    access = await createAccessFixtures(t, 'globex');
    email = (await createDeveloper(t)).email;
    readProduct = (await createApiProduct(t, { scopes: ['read', 'list'] })).name;
    writeProduct = (await createApiProduct(t, { scopes: ['write'] })).name;
    manualProduct = (await createApiProduct(t, { scopes: ['admin'], approvalType: 'manual' })).name;
  });
  afterAll(() => t.close());

  /** The one key of `updated` that `app` was not created with. */
  const added = (app: AppJson, updated: AppJson) => {
    const keys = updated.credentials.filter((key) => key.consumerKey !== app.credentials[0].consumerKey);
    expect(keys).toHaveLength(1);
    return keys[0];
  };
  const appPath = (app: AppJson) => `/v1/o/${ORG}/developers/${email}/apps/${app.name}`;
  const get = (path: string) => t.http().get(path).set('Authorization', ADMIN_AUTH);
  const post = (path: string) => t.http().post(path).set('Authorization', ADMIN_AUTH);
  const put = (path: string) => t.http().put(path).set('Authorization', ADMIN_AUTH);

  describe('PUT or POST on the app with apiProducts', () => {
    it('adds a generated key holding the products with PUT, keeping the old key, and updates the app', async () => {
      const app = await createDeveloperApp(t, email, { apiProducts: [readProduct] });
      t.clock.advance(5000);
      const response = await put(appPath(app)).send({
        apiProducts: [writeProduct, manualProduct],
        callbackUrl: 'https://client.example.com/back',
      });
      expect(response.status).toBe(200);
      expect(response.body.callbackUrl).toBe('https://client.example.com/back');
      expect(response.body.lastModifiedAt).toBe(t.clock.now());
      expect(response.body.credentials).toHaveLength(2);
      const [old, generated] = response.body.credentials;
      expect(old).toEqual(app.credentials[0]);
      expect(generated).toEqual({
        consumerKey: expect.stringMatching(GENERATED_KEY),
        consumerSecret: expect.stringMatching(GENERATED_SECRET),
        status: 'approved',
        issuedAt: t.clock.now(),
        expiresAt: -1,
        scopes: [],
        attributes: [],
        apiProducts: [
          { apiproduct: writeProduct, status: 'approved' },
          { apiproduct: manualProduct, status: 'pending' },
        ],
      });
      expect((await get(appPath(app))).body.credentials).toEqual(response.body.credentials);
      expect((await get(`${appPath(app)}/keys/${generated.consumerKey}`)).status).toBe(200);
    });

    it('adds a key with POST (no action), in JSON and XML, answering the app', async () => {
      const app = await createDeveloperApp(t, email);
      const json = await post(appPath(app)).send({ apiProducts: [readProduct] });
      expect(json.status).toBe(200);
      expect(json.body.credentials).toHaveLength(2);
      expect(added(app, json.body).apiProducts).toEqual([{ apiproduct: readProduct, status: 'approved' }]);

      const xml = await post(appPath(app))
        .set('Content-Type', 'application/xml')
        .set('Accept', 'application/xml')
        .send(`<App><ApiProducts><ApiProduct>${writeProduct}</ApiProduct></ApiProducts></App>`);
      expect(xml.status).toBe(200);
      expect(xml.text).toContain(`<App name="${app.name}">`);
      expect((await get(appPath(app))).body.credentials).toHaveLength(3);
    });

    it('sets the new key to expire keyExpiresIn milliseconds from now, or never for -1', async () => {
      const app = await createDeveloperApp(t, email);
      const expiring = await put(appPath(app)).send({ apiProducts: [readProduct], keyExpiresIn: 86_400_000 });
      expect(added(app, expiring.body).expiresAt).toBe(t.clock.now() + 86_400_000);
      const other = await createDeveloperApp(t, email);
      const never = await post(appPath(other)).send({ apiProducts: [readProduct], keyExpiresIn: -1 });
      expect(added(other, never.body).expiresAt).toBe(-1);
    });

    it('adds no key to a PUT or POST without apiProducts', async () => {
      const app = await createDeveloperApp(t, email);
      expect((await put(appPath(app)).send({ scopes: ['read'] })).body.credentials).toHaveLength(1);
      expect((await post(appPath(app)).send({ keyExpiresIn: 1000 })).body.credentials).toHaveLength(1);
    });

    it('answers 404 for an unknown API product and 400 for a bad keyExpiresIn, adding no key', async () => {
      const app = await createDeveloperApp(t, email);
      const unknown = await put(appPath(app)).send({ apiProducts: ['no-such-product'] });
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('keymanagement.service.apiproduct_doesnot_exist');
      const bad = await post(appPath(app)).send({ apiProducts: [readProduct], keyExpiresIn: 0 });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toContain('keyExpiresIn');
      expect((await get(appPath(app))).body.credentials).toHaveLength(1);
    });

    it('still approves and revokes with ?action= and no body (204)', async () => {
      const app = await createDeveloperApp(t, email);
      expect((await post(`${appPath(app)}?action=revoke`)).status).toBe(204);
      expect((await get(appPath(app))).body.status).toBe('revoked');
    });

    it("refuses a readonlyadmin and another org's orgadmin, adding no key", async () => {
      const app = await createDeveloperApp(t, email);
      for (const authorization of [access.readonlyAuth, access.otherOrgAdminAuth]) {
        const response = await t
          .http()
          .post(appPath(app))
          .set('Authorization', authorization)
          .send({ apiProducts: [readProduct] });
        expect(response.status).toBe(403);
      }
      expect((await get(appPath(app))).body.credentials).toHaveLength(1);
    });
  });

  describe('PUT …/keys/{key}', () => {
    const keyPath = (app: AppJson) => `${appPath(app)}/keys/${app.credentials[0].consumerKey}`;

    it("sets scopes within its products' scopes, adds products and replaces attributes", async () => {
      const app = await createDeveloperApp(t, email, { apiProducts: [readProduct] });
      t.clock.advance(1000);
      const response = await put(keyPath(app)).send({
        apiProducts: [writeProduct],
        scopes: ['read', 'write'],
        attributes: [{ name: 'tier', value: 'gold' }],
      });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(
        expect.objectContaining({
          consumerKey: app.credentials[0].consumerKey,
          scopes: ['read', 'write'],
          attributes: [{ name: 'tier', value: 'gold' }],
          apiProducts: [
            { apiproduct: readProduct, status: 'approved' },
            { apiproduct: writeProduct, status: 'approved' },
          ],
        }),
      );
      expect((await get(keyPath(app))).body).toEqual(response.body);
      expect((await get(appPath(app))).body).toEqual(
        expect.objectContaining({ lastModifiedAt: t.clock.now(), lastModifiedBy: ADMIN_EMAIL }),
      );
    });

    it("answers 400 InvalidScopes for a scope none of the key's products has, changing nothing", async () => {
      const app = await createDeveloperApp(t, email, { apiProducts: [readProduct] });
      const before = (await get(keyPath(app))).body;
      const response = await put(keyPath(app)).send({ scopes: ['read', 'write'], attributes: [] });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('keymanagement.service.InvalidScopes');
      expect(response.body.message).toContain('write');
      const bare = await createDeveloperApp(t, email);
      expect((await put(keyPath(bare)).send({ scopes: ['read'] })).body.code).toBe(
        'keymanagement.service.InvalidScopes',
      );
      expect((await get(keyPath(app))).body).toEqual(before);
    });

    it('takes and answers Apigee XML', async () => {
      const app = await createDeveloperApp(t, email, { apiProducts: [readProduct] });
      const response = await put(keyPath(app))
        .set('Content-Type', 'application/xml')
        .set('Accept', 'application/xml')
        .send('<Credential><Scopes><Scope>list</Scope></Scopes></Credential>');
      expect(response.status).toBe(200);
      expect(response.text).toContain('<Scopes><Scope>list</Scope></Scopes>');
    });

    it('answers 404 for an unknown key or product', async () => {
      const app = await createDeveloperApp(t, email);
      const unknownKey = await put(`${appPath(app)}/keys/nosuchkey`).send({ scopes: [] });
      expect(unknownKey.status).toBe(404);
      expect(unknownKey.body.code).toBe('keymanagement.service.InvalidClientIdForGivenApp');
      const unknownProduct = await put(keyPath(app)).send({ apiProducts: ['no-such-product'] });
      expect(unknownProduct.body.code).toBe('keymanagement.service.apiproduct_doesnot_exist');
    });

    it("refuses a readonlyadmin and another org's orgadmin", async () => {
      const app = await createDeveloperApp(t, email, { apiProducts: [readProduct] });
      for (const authorization of [access.readonlyAuth, access.otherOrgAdminAuth]) {
        const response = await t.http().put(keyPath(app)).set('Authorization', authorization).send({ scopes: [] });
        expect(response.status).toBe(403);
      }
    });
  });
});

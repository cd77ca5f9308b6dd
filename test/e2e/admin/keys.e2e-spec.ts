import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import {
  AppJson,
  createApiProduct,
  createConsumer,
  createDeveloper,
  createDeveloperApp,
} from '../../support/factories.js';
import { ADMIN_AUTH, ORG, startTestApp, TestApp } from '../../support/test-app.js';
import { AccessFixtures, createAccessFixtures, remainingRecords, seedIssuedRecords } from './admin-fixtures.js';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const RSA_SPKI_PEM = rsa.publicKey.export({ type: 'spki', format: 'pem' }) as string;
const RSA_PKCS1_PEM = rsa.publicKey.export({ type: 'pkcs1', format: 'pem' }) as string;
const RSA_PRIVATE_PEM = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const EC_PUBLIC_PEM = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({
  type: 'spki',
  format: 'pem',
}) as string;

describe('keys (credentials)', () => {
  let t: TestApp;
  let access: AccessFixtures;
  let email: string;
  let app: AppJson;
  let autoProduct: string;
  let manualProduct: string;
  const keys = (appName = app.name) => `/v1/o/${ORG}/developers/${email}/apps/${appName}/keys`;

  beforeAll(async () => {
    t = await startTestApp();
    access = await createAccessFixtures(t, 'globex');
    email = (await createDeveloper(t)).email;
    app = await createDeveloperApp(t, email, { name: 'keyring' });
    autoProduct = (await createApiProduct(t, { name: 'free', approvalType: 'auto' })).name;
    manualProduct = (await createApiProduct(t, { name: 'premium', approvalType: 'manual' })).name;
  });
  afterAll(() => t.close());

  const get = (path: string) => t.http().get(path).set('Authorization', ADMIN_AUTH);
  const post = (path: string) => t.http().post(path).set('Authorization', ADMIN_AUTH);
  const del = (path: string) => t.http().delete(path).set('Authorization', ADMIN_AUTH);
  const importKey = (consumerKey: string, fields: Record<string, unknown> = {}, appName = app.name) =>
    post(`${keys(appName)}/create`).send({ consumerKey, consumerSecret: `${consumerKey}-secret`, ...fields });

  describe('POST …/keys/create', () => {
    it('imports a given key and secret with 201, approved, and adds it to the app', async () => {
      t.clock.advance(1000);
      const response = await importKey('imported-key-1', {
        apiProducts: [autoProduct, manualProduct],
        scopes: ['read'],
        attributes: [{ name: 'origin', value: 'legacy' }],
        expiresAt: t.clock.now() + 86_400_000,
      });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        consumerKey: 'imported-key-1',
        consumerSecret: 'imported-key-1-secret',
        status: 'approved',
        issuedAt: t.clock.now(),
        expiresAt: t.clock.now() + 86_400_000,
        scopes: ['read'],
        attributes: [{ name: 'origin', value: 'legacy' }],
        apiProducts: [
          { apiproduct: autoProduct, status: 'approved' },
          { apiproduct: manualProduct, status: 'pending' },
        ],
      });
      const appNow = (await get(`/v1/o/${ORG}/developers/${email}/apps/${app.name}`)).body;
      expect(appNow.credentials.map((c: { consumerKey: string }) => c.consumerKey)).toEqual([
        app.credentials[0].consumerKey,
        'imported-key-1',
      ]);
      expect(appNow.lastModifiedAt).toBe(t.clock.now());
    });

    it('defaults to no API products, no scopes and no expiry', async () => {
      const response = await importKey('imported-key-2');
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ expiresAt: -1, scopes: [], attributes: [], apiProducts: [] });
      expect(response.body.publicKey).toBeUndefined();
    });

    it('accepts an Apigee XML body and answers in XML', async () => {
      const response = await post(`${keys()}/create`)
        .set('Content-Type', 'application/xml')
        .set('Accept', 'application/xml')
        .send(
          '<Credential><ConsumerKey>xml-key</ConsumerKey><ConsumerSecret>xml-secret</ConsumerSecret>' +
            `<ApiProducts><ApiProduct>${autoProduct}</ApiProduct></ApiProducts><ExpiresAt>-1</ExpiresAt></Credential>`,
        );
      expect(response.status).toBe(201);
      expect(response.text).toContain(
        '<Credential><ConsumerKey>xml-key</ConsumerKey><ConsumerSecret>xml-secret</ConsumerSecret>',
      );
      expect((await get(`${keys()}/xml-key`)).body.apiProducts).toEqual([
        { apiproduct: autoProduct, status: 'approved' },
      ]);
    });

    it('stores an RSA public key given as SPKI or PKCS#1 PEM, as SPKI', async () => {
      for (const [key, pem] of [
        ['rsa-spki', RSA_SPKI_PEM],
        ['rsa-pkcs1', RSA_PKCS1_PEM],
      ]) {
        const response = await importKey(key, { publicKey: pem });
        expect(response.status).toBe(201);
        expect(response.body.publicKey).toBe(RSA_SPKI_PEM);
      }
    });

    it('answers 400 for a publicKey that is not an RSA public key, and imports nothing', async () => {
      for (const [key, pem] of [
        ['ec-key', EC_PUBLIC_PEM],
        ['private-key', RSA_PRIVATE_PEM],
        ['garbage-key', '-----BEGIN PUBLIC KEY-----\nnot base64\n-----END PUBLIC KEY-----\n'],
      ]) {
        const response = await importKey(key, { publicKey: pem });
        expect(response.status).toBe(400);
        expect(response.body).toEqual({
          code: 'messaging.adaptors.http.flow.InvalidRequest',
          message: 'publicKey must be an RSA public key in PEM (-----BEGIN PUBLIC KEY-----)',
          contexts: [],
        });
        expect((await get(`${keys()}/${key}`)).status).toBe(404);
      }
    });

    it('answers 409 ConsumerKeyAlreadyExists for a key used by any app in any org', async () => {
      const elsewhere = await createConsumer(t, {}, access.otherOrg);
      for (const consumerKey of [app.credentials[0].consumerKey, 'imported-key-1', elsewhere.consumerKey]) {
        const response = await importKey(consumerKey);
        expect(response.status).toBe(409);
        expect(response.body).toEqual({
          code: 'keymanagement.service.ConsumerKeyAlreadyExists',
          message: 'Consumer key already exists',
          contexts: [],
        });
      }
      const original = (await get(`${keys()}/imported-key-1`)).body;
      expect(original.consumerSecret).toBe('imported-key-1-secret');
    });

    it('answers 400 naming each bad field', async () => {
      const response = await post(`${keys()}/create`).send({
        consumerKey: 'has space',
        expiresAt: 'soon',
        status: 'x',
      });
      expect(response.status).toBe(400);
      for (const field of ['consumerKey', 'consumerSecret', 'expiresAt']) {
        expect(response.body.message).toContain(field);
      }
      expect(response.body.message).not.toContain('status');
    });

    it('answers 404 for an unknown API product, importing nothing', async () => {
      const response = await importKey('productless', { apiProducts: ['no-such-product'] });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('keymanagement.service.apiproduct_doesnot_exist');
      expect((await get(`${keys()}/productless`)).status).toBe(404);
    });

    it('answers 404 for an unknown app or developer', async () => {
      expect((await importKey('lost', {}, 'no-such-app')).body.code).toBe('developer.service.AppDoesNotExist');
      const response = await post(`/v1/o/${ORG}/developers/nobody@example.com/apps/x/keys/create`).send({
        consumerKey: 'lost',
        consumerSecret: 'lost',
      });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('developer.service.DeveloperIdDoesNotExist');
    });

    it('answers 415 for a text/plain body', async () => {
      const response = await post(`${keys()}/create`).set('Content-Type', 'text/plain').send('consumerKey=plain');
      expect(response.status).toBe(415);
    });
  });

  describe('GET …/keys/{key}', () => {
    it('reads the key under both base paths', async () => {
      const [credential] = app.credentials;
      for (const base of [keys(), `/v1/organizations/${ORG}/developers/${email}/apps/${app.name}/keys`]) {
        const response = await get(`${base}/${credential.consumerKey}`);
        expect(response.status).toBe(200);
        expect(response.body).toEqual(credential);
      }
    });

    it('renders the key in Apigee XML', async () => {
      const response = await get(`${keys()}/imported-key-1`).set('Accept', 'application/xml');
      expect(response.status).toBe(200);
      expect(response.text).toContain('<Credential><ConsumerKey>imported-key-1</ConsumerKey>');
      expect(response.text).toContain(
        `<ApiProducts><ApiProduct><Apiproduct>${autoProduct}</Apiproduct><Status>approved</Status></ApiProduct>` +
          `<ApiProduct><Apiproduct>${manualProduct}</Apiproduct><Status>pending</Status></ApiProduct></ApiProducts>`,
      );
      expect(response.text).toContain('<Attributes><Attribute><Name>origin</Name><Value>legacy</Value></Attribute>');
    });

    it('answers 404 InvalidClientIdForGivenApp for a key of another app and for an unknown key', async () => {
      const other = await createDeveloperApp(t, email, { name: 'other' });
      for (const key of [other.credentials[0].consumerKey, 'no-such-key']) {
        const response = await get(`${keys()}/${key}`);
        expect(response.status).toBe(404);
        expect(response.body).toEqual({
          code: 'keymanagement.service.InvalidClientIdForGivenApp',
          message: 'Invalid consumer key for Given App',
          contexts: [],
        });
      }
    });
  });

  describe('POST …/keys/{key}', () => {
    it('revokes and approves the key with 204', async () => {
      const revoke = await post(`${keys()}/imported-key-2?action=revoke`);
      expect(revoke.status).toBe(204);
      expect(revoke.text).toBe('');
      expect((await get(`${keys()}/imported-key-2`)).body.status).toBe('revoked');
      const approve = await post(`${keys()}/imported-key-2?action=approve`).set(
        'Content-Type',
        'application/octet-stream',
      );
      expect(approve.status).toBe(204);
      expect((await get(`${keys()}/imported-key-2`)).body.status).toBe('approved');
    });

    it('answers 400 for an unknown action, changing nothing', async () => {
      const response = await post(`${keys()}/imported-key-2?action=suspend`);
      expect(response.status).toBe(400);
      expect(response.body.message).toBe('action must be one of: approve, revoke');
      expect((await get(`${keys()}/imported-key-2`)).body.status).toBe('approved');
    });

    it('adds API products (keeping the status of those it has), replaces attributes and answers 200', async () => {
      await post(`${keys()}/imported-key-1/apiproducts/${manualProduct}?action=approve`);
      const added = await createApiProduct(t, { name: 'extra', approvalType: 'manual' });
      const response = await post(`${keys()}/imported-key-1`).send({
        apiProducts: [manualProduct, added.name],
        attributes: [{ name: 'origin', value: 'migrated' }],
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        consumerKey: 'imported-key-1',
        attributes: [{ name: 'origin', value: 'migrated' }],
        apiProducts: [
          { apiproduct: autoProduct, status: 'approved' },
          { apiproduct: manualProduct, status: 'approved' },
          { apiproduct: 'extra', status: 'pending' },
        ],
      });
      expect((await get(`${keys()}/imported-key-1`)).body).toEqual(response.body);
    });

    it('sets the publicKey, and removes it for an empty string', async () => {
      const set = await post(`${keys()}/imported-key-2`).send({ publicKey: RSA_PKCS1_PEM });
      expect(set.status).toBe(200);
      expect(set.body.publicKey).toBe(RSA_SPKI_PEM);
      expect((await get(`${keys()}/imported-key-2`)).body.publicKey).toBe(RSA_SPKI_PEM);
      const removed = await post(`${keys()}/imported-key-2`).send({ publicKey: '' });
      expect(removed.status).toBe(200);
      expect((await get(`${keys()}/imported-key-2`)).body.publicKey).toBeUndefined();
    });

    it('answers in XML when the client accepts XML', async () => {
      const response = await post(`${keys()}/imported-key-2`)
        .set('Accept', 'application/xml')
        .send({ attributes: [{ name: 'a', value: 'b' }] });
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/xml/);
      expect(response.text).toContain('<Credential><ConsumerKey>imported-key-2</ConsumerKey>');
    });

    it('answers 400 for a bad publicKey or no body, 404 for an unknown product, changing nothing', async () => {
      const before = (await get(`${keys()}/imported-key-1`)).body;
      const badKey = await post(`${keys()}/imported-key-1`).send({ apiProducts: ['extra'], publicKey: EC_PUBLIC_PEM });
      expect(badKey.status).toBe(400);
      const unknown = await post(`${keys()}/imported-key-1`).send({ apiProducts: [autoProduct, 'no-such-product'] });
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('keymanagement.service.apiproduct_doesnot_exist');
      const empty = await post(`${keys()}/imported-key-1`);
      expect(empty.status).toBe(400);
      expect((await get(`${keys()}/imported-key-1`)).body).toEqual(before);
    });

    it('answers 415 for a text/plain body', async () => {
      const response = await post(`${keys()}/imported-key-1`).set('Content-Type', 'text/plain').send('apiProducts=x');
      expect(response.status).toBe(415);
    });

    it('answers 404 InvalidClientIdForGivenApp for a key of another app', async () => {
      const other = await createDeveloperApp(t, email);
      const response = await post(`${keys()}/${other.credentials[0].consumerKey}?action=revoke`);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('keymanagement.service.InvalidClientIdForGivenApp');
      const otherKey = `/v1/o/${ORG}/developers/${email}/apps/${other.name}/keys/${other.credentials[0].consumerKey}`;
      expect((await get(otherKey)).body.status).toBe('approved');
    });
  });

  describe('…/keys/{key}/apiproducts/{product}', () => {
    it("revokes and approves the key's API product with 204", async () => {
      const revoke = await post(`${keys()}/imported-key-1/apiproducts/${autoProduct}?action=revoke`);
      expect(revoke.status).toBe(204);
      expect((await get(`${keys()}/imported-key-1`)).body.apiProducts[0]).toEqual({
        apiproduct: autoProduct,
        status: 'revoked',
      });
      const approve = await post(`${keys()}/imported-key-1/apiproducts/${autoProduct}?action=approve`);
      expect(approve.status).toBe(204);
      expect((await get(`${keys()}/imported-key-1`)).body.apiProducts[0].status).toBe('approved');
    });

    it('answers 400 for an unknown action and 404 for a product the key does not have', async () => {
      const badAction = await post(`${keys()}/imported-key-1/apiproducts/${autoProduct}?action=pend`);
      expect(badAction.status).toBe(400);
      const notOnKey = await post(`${keys()}/imported-key-2/apiproducts/${autoProduct}?action=approve`);
      expect(notOnKey.status).toBe(404);
      expect(notOnKey.body.code).toBe('keymanagement.service.apiproduct_doesnot_exist');
      expect((await get(`${keys()}/imported-key-2`)).body.apiProducts).toEqual([]);
    });

    it('removes the API product from the key with 200 and the key', async () => {
      const response = await del(`${keys()}/imported-key-1/apiproducts/extra`);
      expect(response.status).toBe(200);
      expect(response.body.consumerKey).toBe('imported-key-1');
      expect(response.body.apiProducts.map((p: { apiproduct: string }) => p.apiproduct)).toEqual([
        autoProduct,
        manualProduct,
      ]);
      expect((await get(`${keys()}/imported-key-1`)).body).toEqual(response.body);
      const again = await del(`${keys()}/imported-key-1/apiproducts/extra`);
      expect(again.status).toBe(404);
      expect(again.body.code).toBe('keymanagement.service.apiproduct_doesnot_exist');
    });
  });

  describe('DELETE …/keys/{key}', () => {
    it('answers 200 with the deleted key and deletes the OAuth records issued to it only', async () => {
      const doomed = (await importKey('doomed-key')).body;
      const doomedRecords = await seedIssuedRecords(t, { appId: app.appId, consumerKey: 'doomed-key' });
      const keptRecords = await seedIssuedRecords(t, { appId: app.appId, consumerKey: 'imported-key-1' });
      const response = await del(`${keys()}/doomed-key`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual(doomed);
      expect((await get(`${keys()}/doomed-key`)).status).toBe(404);
      expect(await remainingRecords(t, [doomedRecords])).toEqual({ requestTokens: 0, verifiers: 0, accessTokens: 0 });
      expect(await remainingRecords(t, [keptRecords])).toEqual({ requestTokens: 1, verifiers: 1, accessTokens: 1 });
    });

    it('answers 404 InvalidClientIdForGivenApp for an unknown key', async () => {
      const response = await del(`${keys()}/doomed-key`);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('keymanagement.service.InvalidClientIdForGivenApp');
    });
  });
});

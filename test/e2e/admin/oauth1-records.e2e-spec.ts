import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { createApiProduct, createConsumer } from '../../support/factories.js';
import { authorize, OAuth1Flow, testAppFlow, tokenPairOf } from '../../support/oauth1-client.js';
import type { TokenPair } from '../../support/oauth1-client.js';
import { ADMIN_AUTH, ADMIN_EMAIL, startTestApp, TestApp } from '../../support/test-app.js';

const BASE = 'https://api.example.com';
type Consumer = Awaited<ReturnType<typeof createConsumer>>;

const REQUEST_TOKEN_FIELDS = [
  'app',
  'attributes',
  'callbackUrl',
  'consumerKey',
  'createdAt',
  'createdBy',
  'expiresAt',
  'issuedAt',
  'lastModifiedAt',
  'lastModifiedBy',
  'scope',
  'secret',
  'status',
  'token',
];

describe('OAuth 1.0a records in the admin API', () => {
  let t: TestApp;
  let consumer: Consumer;
  let flow: OAuth1Flow<Response>;

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_BASE_URL: BASE });
    flow = testAppFlow(t, BASE);
    const product = await createApiProduct(t, { scopes: ['read', 'write'] });
    consumer = await createConsumer(t, { apiProducts: [product.name] });
  });
  afterAll(() => t.close());

  const admin = (method: 'get' | 'post' | 'delete', path: string, org = 'acme') =>
    t.http()[method](`/v1/o/${org}${path}`).set('Authorization', ADMIN_AUTH);

  const requestToken = (c: Consumer = consumer, callback = 'oob', scope?: string) =>
    flow.requestToken(c, { callback, scope });
  const exchange = async (c: Consumer, temporary: TokenPair, verifier: string) =>
    tokenPairOf(await flow.exchange(c, temporary, verifier));
  const accessToken = (c: Consumer = consumer, appUserId = 'alice') =>
    flow.accessToken(c, { appUserId, scope: 'read' });

  const expectError = (response: { status: number; body: { code?: string } }, status: number, code: string) => {
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
  };

  describe('request tokens', () => {
    it('reads a request token field for field, with the consumer key it belongs to', async () => {
      const temporary = await requestToken(consumer, 'https://client.example.com/cb?x=1', 'read');
      const now = t.clock.now();
      const response = await admin(
        'get',
        `/oauth1/requesttokens/${temporary.token}?consumerKey=${consumer.consumerKey}`,
      );
      expect(response.status).toBe(200);
      expect(Object.keys(response.body).sort()).toEqual(REQUEST_TOKEN_FIELDS);
      expect(response.body).toEqual({
        app: consumer.app.name,
        attributes: [],
        callbackUrl: 'https://client.example.com/cb?x=1',
        consumerKey: consumer.consumerKey,
        createdAt: now,
        createdBy: 'oauth1.initiate',
        expiresAt: now + 300_000,
        issuedAt: now,
        lastModifiedAt: now,
        lastModifiedBy: 'oauth1.initiate',
        scope: 'read',
        secret: temporary.secret,
        status: 'approved',
        token: temporary.token,
      });
    });

    it('renders a request token as Apigee XML', async () => {
      const temporary = await requestToken();
      const response = await admin('get', `/oauth1/requesttokens/${temporary.token}`).set('Accept', 'application/xml');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/xml/);
      expect(response.text).toContain(`<RequestToken><App>${consumer.app.name}</App>`);
      expect(response.text).toContain(`<ConsumerKey>${consumer.consumerKey}</ConsumerKey>`);
      expect(response.text).toContain(`<Token>${temporary.token}</Token>`);
      expect(response.text).toContain('<Status>approved</Status>');
    });

    it('answers 404 for an unknown token, another consumer key, or a token already exchanged', async () => {
      const notFound = 'keymanagement.service.oauth10_request_token_doesnot_exist';
      expectError(await admin('get', '/oauth1/requesttokens/unknown'), 404, notFound);
      const temporary = await requestToken();
      expectError(await admin('get', `/oauth1/requesttokens/${temporary.token}?consumerKey=other`), 404, notFound);
      await exchange(consumer, temporary, await authorize(t, temporary.token));
      const consumed = await admin('get', `/oauth1/requesttokens/${temporary.token}`).set('Accept', 'application/xml');
      expect(consumed.status).toBe(404);
      expect(consumed.text).toContain(`<Code>${notFound}</Code>`);
      expectError(await admin('delete', `/oauth1/requesttokens/${temporary.token}`), 404, notFound);
    });

    it('reads a token past its expiry as expired', async () => {
      const temporary = await requestToken();
      t.clock.advance(300_001);
      const response = await admin('get', `/oauth1/requesttokens/${temporary.token}`);
      expect(response.body.status).toBe('expired');
    });

    it('answers 401 application_not_approved when the app of the token is revoked', async () => {
      const revoked = await createConsumer(t);
      const temporary = await requestToken(revoked);
      const appPath = `/developers/${revoked.developerEmail}/apps/${revoked.app.name}`;
      expect((await admin('post', `${appPath}?action=revoke`)).status).toBe(204);
      expectError(
        await admin('get', `/oauth1/requesttokens/${temporary.token}`),
        401,
        'keymanagement.service.application_not_approved',
      );
      expectError(
        await admin('post', '/oauth1/verifiers').send({ requestToken: temporary.token, appUserId: 'alice' }),
        401,
        'keymanagement.service.application_not_approved',
      );
    });

    it('answers 500 oauth10_request_token_fetch_failed when the database cannot be read', async () => {
      const temporary = await requestToken();
      const dataSource = t.app.get(DataSource);
      await dataSource.query('ALTER TABLE "oauth1_request_tokens" RENAME TO "oauth1_request_tokens_away"');
      try {
        const response = await admin('get', `/oauth1/requesttokens/${temporary.token}`);
        expectError(response, 500, 'keymanagement.service.oauth10_request_token_fetch_failed');
        expect(response.text).not.toContain('oauth1_request_tokens');
      } finally {
        await dataSource.query('ALTER TABLE "oauth1_request_tokens_away" RENAME TO "oauth1_request_tokens"');
      }
      expect((await admin('get', `/oauth1/requesttokens/${temporary.token}`)).status).toBe(200);
    });

    it('revokes and approves a request token with ?action', async () => {
      const temporary = await requestToken();
      const path = `/oauth1/requesttokens/${temporary.token}`;
      const revoked = await admin('post', `${path}?action=revoke`);
      expect(revoked.status).toBe(204);
      expect(revoked.text).toBe('');
      expect((await admin('get', path)).body).toMatchObject({ status: 'revoked', lastModifiedBy: ADMIN_EMAIL });
      expect((await admin('post', `${path}?action=approve`)).status).toBe(204);
      expect((await admin('get', path)).body.status).toBe('approved');
      const bad = await admin('post', `${path}?action=explode`);
      expectError(bad, 400, 'messaging.adaptors.http.flow.InvalidRequest');
    });

    it('updates the attributes and scope of a request token, in JSON or XML', async () => {
      const temporary = await requestToken();
      const path = `/oauth1/requesttokens/${temporary.token}`;
      const json = await admin('post', path).send({ attributes: [{ name: 'tier', value: 'gold' }], scope: 'write' });
      expect(json.status).toBe(200);
      expect(json.body).toMatchObject({
        attributes: [{ name: 'tier', value: 'gold' }],
        scope: 'write',
        lastModifiedBy: ADMIN_EMAIL,
        createdBy: 'oauth1.initiate',
      });
      const xml = await admin('post', path)
        .set('Content-Type', 'application/xml')
        .set('Accept', 'application/xml')
        .send(
          '<RequestToken><Attributes><Attribute><Name>tier</Name><Value>silver</Value></Attribute></Attributes></RequestToken>',
        );
      expect(xml.status).toBe(200);
      expect(xml.text).toContain(
        '<Attributes><Attribute><Name>tier</Name><Value>silver</Value></Attribute></Attributes>',
      );
      expect(xml.text).toContain('<Scope>write</Scope>');
      const invalid = await admin('post', path).send({ attributes: 'gold' });
      expectError(invalid, 400, 'messaging.adaptors.http.flow.InvalidRequest');
    });

    it('deletes a request token and answers with it', async () => {
      const temporary = await requestToken();
      const path = `/oauth1/requesttokens/${temporary.token}`;
      const deleted = await admin('delete', path);
      expect(deleted.status).toBe(200);
      expect(deleted.body.token).toBe(temporary.token);
      expect((await admin('get', path)).status).toBe(404);
    });

    it('serves the same routes under /v1/organizations', async () => {
      const temporary = await requestToken();
      const response = await t
        .http()
        .get(`/v1/organizations/acme/oauth1/requesttokens/${temporary.token}`)
        .set('Authorization', ADMIN_AUTH);
      expect(response.status).toBe(200);
      expect(response.body.token).toBe(temporary.token);
    });
  });

  describe('verifiers', () => {
    it('creates a verifier from JSON and reads and deletes it', async () => {
      const temporary = await requestToken();
      const now = t.clock.now();
      const created = await admin('post', '/oauth1/verifiers').send({
        requestToken: temporary.token,
        appUserId: 'alice',
        attributes: [{ name: 'device', value: 'tv' }],
      });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        code: expect.stringMatching(/^[A-Za-z0-9]{20}$/),
        requestToken: temporary.token,
        appUserId: 'alice',
        attributes: [{ name: 'device', value: 'tv' }],
        createdAt: now,
        createdBy: ADMIN_EMAIL,
        expiresAt: now + 300_000,
        issuedAt: now,
        lastModifiedAt: now,
        lastModifiedBy: ADMIN_EMAIL,
      });
      const path = `/oauth1/verifiers/${created.body.code}`;
      expect((await admin('get', path)).body).toEqual(created.body);
      expect((await admin('delete', path)).body).toEqual(created.body);
      expectError(await admin('get', path), 404, 'keymanagement.service.oauth10_verifier_doesnot_exist');
      expectError(await admin('delete', path), 404, 'keymanagement.service.oauth10_verifier_doesnot_exist');
    });

    it('creates a verifier from Apigee XML and answers in XML', async () => {
      const temporary = await requestToken();
      const response = await admin('post', '/oauth1/verifiers')
        .set('Content-Type', 'application/xml')
        .set('Accept', 'application/xml')
        .send(`<Verifier><AppUserId>bob</AppUserId><RequestToken>${temporary.token}</RequestToken></Verifier>`);
      expect(response.status).toBe(201);
      expect(response.text).toMatch(/<Verifier><Code>[A-Za-z0-9]{20}<\/Code>/);
      expect(response.text).toContain(`<RequestToken>${temporary.token}</RequestToken><AppUserId>bob</AppUserId>`);
    });

    it('replaces the earlier verifier of a request token', async () => {
      const temporary = await requestToken();
      const first = await authorize(t, temporary.token, 'alice');
      const second = await authorize(t, temporary.token, 'bob');
      expect((await admin('get', `/oauth1/verifiers/${first}`)).status).toBe(404);
      expect((await admin('get', `/oauth1/verifiers/${second}`)).body.appUserId).toBe('bob');
    });

    it('refuses a verifier for an unknown, exchanged, revoked or expired request token', async () => {
      const create = (requestToken: string) =>
        admin('post', '/oauth1/verifiers').send({ requestToken, appUserId: 'alice' });
      const notFound = 'keymanagement.service.oauth10_request_token_doesnot_exist';
      expectError(await create('unknown'), 404, notFound);

      const used = await requestToken();
      await exchange(consumer, used, await authorize(t, used.token));
      expectError(await create(used.token), 404, notFound);

      const revoked = await requestToken();
      await admin('post', `/oauth1/requesttokens/${revoked.token}?action=revoke`);
      expectError(await create(revoked.token), 400, 'messaging.adaptors.http.flow.InvalidRequest');

      const expired = await requestToken();
      t.clock.advance(300_001);
      expectError(await create(expired.token), 400, 'messaging.adaptors.http.flow.InvalidRequest');
    });

    it('refuses a verifier without an appUserId, naming the field', async () => {
      const temporary = await requestToken();
      const response = await admin('post', '/oauth1/verifiers').send({ requestToken: temporary.token });
      expectError(response, 400, 'messaging.adaptors.http.flow.InvalidRequest');
      expect(response.body.message).toContain('appUserId');
    });
  });

  describe('access tokens', () => {
    it('reads an access token field for field, in JSON and XML', async () => {
      const credentials = await accessToken(consumer, 'carol');
      const response = await admin('get', `/oauth1/accesstokens/${credentials.token}`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        apiProducts: [consumer.app.credentials[0].apiProducts[0].apiproduct],
        app: consumer.app.name,
        appUserId: 'carol',
        attributes: [],
        consumerKey: consumer.consumerKey,
        createdAt: expect.any(Number),
        createdBy: 'oauth1.token',
        expiresAt: -1,
        issuedAt: expect.any(Number),
        lastModifiedAt: expect.any(Number),
        lastModifiedBy: 'oauth1.token',
        scope: 'read',
        secret: credentials.secret,
        status: 'approved',
        token: credentials.token,
      });
      const xml = await admin('get', `/oauth1/accesstokens/${credentials.token}`).set('Accept', 'text/xml');
      expect(xml.text).toContain(`<AccessToken><ApiProducts><ApiProduct>`);
      expect(xml.text).toContain(`<Token>${credentials.token}</Token>`);
    });

    it('carries the attributes of the request token to the access token', async () => {
      const temporary = await requestToken();
      await admin('post', `/oauth1/requesttokens/${temporary.token}`).send({
        attributes: [{ name: 'plan', value: 'pro' }],
      });
      const credentials = await exchange(consumer, temporary, await authorize(t, temporary.token));
      const response = await admin('get', `/oauth1/accesstokens/${credentials.token}`);
      expect(response.body.attributes).toEqual([{ name: 'plan', value: 'pro' }]);
    });

    it('revokes, approves, updates and deletes an access token', async () => {
      const credentials = await accessToken();
      const path = `/oauth1/accesstokens/${credentials.token}`;
      expect((await admin('post', `${path}?action=revoke`)).status).toBe(204);
      expect((await admin('get', path)).body.status).toBe('revoked');
      expect((await admin('post', `${path}?action=approve`)).status).toBe(204);
      const updated = await admin('post', path).send({ scope: 'read write', attributes: [] });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ scope: 'read write', status: 'approved', lastModifiedBy: ADMIN_EMAIL });
      expectError(await admin('post', `${path}?action=maybe`), 400, 'messaging.adaptors.http.flow.InvalidRequest');
      const deleted = await admin('delete', path);
      expect(deleted.status).toBe(200);
      expect(deleted.body.token).toBe(credentials.token);
      const notFound = 'keymanagement.service.oauth10_access_token_doesnotexist';
      expectError(await admin('get', path), 404, notFound);
      expectError(await admin('post', `${path}?action=revoke`), 404, notFound);
      expectError(await admin('delete', path), 404, notFound);
    });

    it('counts the access tokens of an app and of a key', async () => {
      const counted = await createConsumer(t);
      const appPath = `/developers/${counted.developerEmail}/apps/${counted.app.name}`;
      expect((await admin('get', `${appPath}/oauth1accesstokens`)).body).toEqual({ count: 0 });
      await accessToken(counted);
      await accessToken(counted);
      expect((await admin('get', `${appPath}/oauth1accesstokens`)).body).toEqual({ count: 2 });
      const byKey = await admin('get', `${appPath}/keys/${counted.consumerKey}/oauth1accesstokens`);
      expect(byKey.body).toEqual({ count: 2 });
      const xml = await admin('get', `${appPath}/oauth1accesstokens`).set('Accept', 'application/xml');
      expect(xml.text).toContain('<OAuth1AccessTokens><Count>2</Count></OAuth1AccessTokens>');
    });

    it('counts them with the developer named by developerId, as the app path allows', async () => {
      const counted = await createConsumer(t);
      await accessToken(counted);
      const appPath = `/developers/${counted.app.developerId}/apps/${counted.app.name}`;
      expect((await admin('get', appPath)).body.name).toBe(counted.app.name);
      const ofApp = await admin('get', `${appPath}/oauth1accesstokens`);
      expect(ofApp.status).toBe(200);
      expect(ofApp.body).toEqual({ count: 1 });
      const ofKey = await admin('get', `${appPath}/keys/${counted.consumerKey}/oauth1accesstokens`);
      expect(ofKey.status).toBe(200);
      expect(ofKey.body).toEqual({ count: 1 });
    });

    it('answers the Apigee errors for an unknown developer, app or key when counting', async () => {
      expectError(
        await admin('get', '/developers/nobody@example.com/apps/x/oauth1accesstokens'),
        404,
        'developer.service.DeveloperIdDoesNotExist',
      );
      expectError(
        await admin('get', `/developers/${consumer.developerEmail}/apps/nothing/oauth1accesstokens`),
        404,
        'developer.service.AppDoesNotExist',
      );
      expectError(
        await admin(
          'get',
          `/developers/${consumer.developerEmail}/apps/${consumer.app.name}/keys/nokey/oauth1accesstokens`,
        ),
        404,
        'keymanagement.service.InvalidClientIdForGivenApp',
      );
    });
  });

  describe('organizations', () => {
    it('does not show the records of one organization under another', async () => {
      const created = await t
        .http()
        .post('/v1/organizations')
        .set('Authorization', ADMIN_AUTH)
        .send({ name: 'globex', displayName: 'Globex' });
      expect(created.status).toBe(201);
      const foreign = await createConsumer(t, {}, 'globex');
      const temporary = await requestToken(foreign);
      const verifier = await authorize(t, temporary.token, 'alice', 'globex');
      expect((await admin('get', `/oauth1/requesttokens/${temporary.token}`, 'globex')).status).toBe(200);
      expect((await admin('get', `/oauth1/requesttokens/${temporary.token}`)).status).toBe(404);
      expect((await admin('get', `/oauth1/verifiers/${verifier}`)).status).toBe(404);
      expectError(
        await admin('post', '/oauth1/verifiers').send({ requestToken: temporary.token, appUserId: 'alice' }),
        404,
        'keymanagement.service.oauth10_request_token_doesnot_exist',
      );
      const credentials = await exchange(foreign, temporary, verifier);
      expect((await admin('get', `/oauth1/accesstokens/${credentials.token}`, 'globex')).status).toBe(200);
      expect((await admin('get', `/oauth1/accesstokens/${credentials.token}`)).status).toBe(404);
      expect((await admin('delete', `/oauth1/accesstokens/${credentials.token}`)).status).toBe(404);
      expect((await admin('get', `/oauth1/accesstokens/${credentials.token}`, 'globex')).status).toBe(200);
    });
  });
});

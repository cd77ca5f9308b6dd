import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import oauth from 'oauth';
import OAuth1a from 'oauth-1.0a';
import request from 'supertest';
import { createApiProduct, createConsumer } from '../../support/factories.js';
import { accessToken, nodeOAuthClient, requestToken } from '../../support/node-oauth.js';
import type { NodeOAuth } from '../../support/node-oauth.js';
import { authorize, formFields, listen } from '../../support/oauth1-client.js';
import { ADMIN_AUTH, startTestApp, TestApp } from '../../support/test-app.js';

describe('the three-legged flow with independent OAuth clients', () => {
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp();
    base = await listen(t);
  });
  afterAll(() => t.close());

  const verify = (body: Record<string, unknown>) =>
    request(base).post('/oauth/oauth10/verify').set('Authorization', ADMIN_AUTH).send(body);

  async function nodeOAuthFlow(client: NodeOAuth, appUserId: string) {
    const temporary = await requestToken(client);
    expect(temporary.results.oauth_callback_confirmed).toBe('true');
    const verifier = await authorize(t, temporary.token, appUserId);
    return accessToken(client, temporary.token, temporary.secret, verifier);
  }

  for (const method of ['HMAC-SHA1', 'HMAC-SHA256', 'PLAINTEXT'] as const) {
    it(`completes the flow with node-oauth using ${method} and the resource server's verify accepts its requests`, async () => {
      const consumer = await createConsumer(t);
      const client = nodeOAuthClient(base, consumer, 'oob', method);
      const credentials = await nodeOAuthFlow(client, 'alice');
      expect(credentials.token).toMatch(/^[A-Za-z0-9]{28}$/);

      const resource = `${base}/photos?file=vacation.jpg&size=original`;
      const response = await verify({
        method: 'GET',
        url: resource,
        authorization: client.authHeader(resource, credentials.token, credentials.secret, 'GET'),
      });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        valid: true,
        consumerKey: consumer.consumerKey,
        app: consumer.app.name,
        developerEmail: consumer.developerEmail,
        appUserId: 'alice',
        scope: '',
        accessType: 'write',
        attributes: [],
        expiresAt: -1,
      });
    });
  }

  it('completes the flow with node-oauth using RSA-SHA1 and the public key registered on the consumer key', async () => {
    const consumer = await createConsumer(t);
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const registered = await t
      .http()
      .post(`/v1/o/acme/developers/${consumer.developerEmail}/apps/${consumer.app.name}/keys/${consumer.consumerKey}`)
      .set('Authorization', ADMIN_AUTH)
      .send({ publicKey: pem });
    expect(registered.ok).toBe(true);

    const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const client = nodeOAuthClient(
      base,
      { consumerKey: consumer.consumerKey, consumerSecret: privatePem },
      'oob',
      'RSA-SHA1',
    );
    const credentials = await nodeOAuthFlow(client, 'bob');
    const resource = `${base}/albums/1`;
    const response = await verify({
      method: 'DELETE',
      url: resource,
      authorization: client.authHeader(resource, credentials.token, credentials.secret, 'DELETE'),
    });
    expect(response.status).toBe(200);
    expect(response.body.appUserId).toBe('bob');
  });

  it('confirms a URL callback with its own query string and keeps it on the request token', async () => {
    const callback = 'https://client.example.com/ready?state=a%20b&x=1';
    const consumer = await createConsumer(t, { callbackUrl: 'https://client.example.com/ready' });
    const client = new oauth.OAuth(
      `${base}/oauth/request_token`,
      `${base}/oauth/access_token`,
      consumer.consumerKey,
      consumer.consumerSecret,
      '1.0',
      callback,
      'HMAC-SHA1',
    );
    const temporary = await requestToken(client);
    const record = await t
      .http()
      .get(`/v1/o/acme/oauth1/requesttokens/${temporary.token}?consumerKey=${consumer.consumerKey}`)
      .set('Authorization', ADMIN_AUTH);
    expect(record.status).toBe(200);
    expect(record.body.callbackUrl).toBe(callback);
    expect(record.body.createdBy).toBe('oauth1.initiate');

    const credentials = await accessToken(
      client,
      temporary.token,
      temporary.secret,
      await authorize(t, temporary.token),
    );
    const stored = await t
      .http()
      .get(`/v1/o/acme/oauth1/accesstokens/${credentials.token}`)
      .set('Authorization', ADMIN_AUTH);
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({ createdBy: 'oauth1.token', status: 'approved', appUserId: 'alice' });
  });

  it('grants a requested scope within the API products and carries it to the access token', async () => {
    const product = await createApiProduct(t, { scopes: ['photos.read', 'photos.write'] });
    const consumer = await createConsumer(t, { apiProducts: [product.name] });
    const client = nodeOAuthClient(base, consumer, 'oob');
    // node-oauth sends extra parameters in a form body, so the scope is signed there.
    const temporary = await requestToken(client, { scope: 'photos.read,photos.write' });
    const credentials = await accessToken(
      client,
      temporary.token,
      temporary.secret,
      await authorize(t, temporary.token),
    );
    const resource = `${base}/photos`;
    const response = await verify({
      method: 'GET',
      url: resource,
      authorization: client.authHeader(resource, credentials.token, credentials.secret, 'GET'),
    });
    expect(response.status).toBe(200);
    expect(response.body.scope).toBe('photos.read photos.write');
  });

  describe('with oauth-1.0a', () => {
    const hmacSha256 = (baseString: string, key: string) =>
      createHmac('sha256', key).update(baseString).digest('base64');
    const hmacSha1 = (baseString: string, key: string) => createHmac('sha1', key).update(baseString).digest('base64');

    for (const [method, hash] of [
      ['HMAC-SHA1', hmacSha1],
      ['HMAC-SHA256', hmacSha256],
      ['PLAINTEXT', (_baseString: string, key: string) => key],
    ] as const) {
      it(`completes the flow using ${method}: parameters in a form body, then the query, then the header`, async () => {
        const consumer = await createConsumer(t);
        const client = new OAuth1a({
          consumer: { key: consumer.consumerKey, secret: consumer.consumerSecret },
          signature_method: method,
          hash_function: hash,
        });

        // initiate: every parameter, oauth_callback included, in a form body.
        const initiateUrl = `${base}/oauth/oauth10/initiate`;
        const initiateData = { oauth_callback: 'oob' };
        const form = { ...client.authorize({ url: initiateUrl, method: 'POST', data: initiateData }), ...initiateData };
        const initiated = await request(base).post('/oauth/oauth10/initiate').type('form').send(form);
        expect(initiated.status).toBe(200);
        expect(initiated.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
        expect(initiated.headers['cache-control']).toBe('no-store');
        const temporary = formFields(initiated.text);
        expect(temporary.oauth_callback_confirmed).toBe('true');

        // token: the protocol parameters in the query string of a GET.
        const verifier = await authorize(t, temporary.oauth_token);
        const tokenUrl = `${base}/oauth/oauth10/token`;
        const tokenData = { oauth_verifier: verifier };
        const signed = client.authorize(
          { url: tokenUrl, method: 'GET', data: tokenData },
          { key: temporary.oauth_token, secret: temporary.oauth_token_secret },
        );
        const exchanged = await request(base)
          .get('/oauth/oauth10/token')
          .query({ ...signed, ...tokenData });
        expect(exchanged.status).toBe(200);
        const credentials = formFields(exchanged.text);
        // Twitter's user_id follows the two fields RFC 5849 requires.
        expect(Object.keys(credentials)).toEqual(['oauth_token', 'oauth_token_secret', 'user_id']);
        expect(credentials.user_id).toBe('alice');

        // a resource request: the header, with a form body that is signed too.
        const resource = `${base}/photos?size=large`;
        const body = { title: 'Sommer am See', tags: 'a+b c' };
        // Serialized first: oauth-1.0a merges the URL's query into the data object it is given.
        const formBody = new URLSearchParams(body).toString();
        const authorization = client.toHeader(
          client.authorize(
            { url: resource, method: 'POST', data: body },
            { key: credentials.oauth_token, secret: credentials.oauth_token_secret },
          ),
        ).Authorization;
        const response = await verify({
          method: 'POST',
          url: resource,
          authorization,
          body: formBody,
          contentType: 'application/x-www-form-urlencoded; charset=utf-8',
        });
        expect(response.status).toBe(200);
        expect(response.body.consumerKey).toBe(consumer.consumerKey);
      });
    }

    // Some clients (one Go library among them) send PLAINTEXT without oauth_timestamp and oauth_nonce, as RFC 5849 3.1
    // allows: oauth-1.0a's PLAINTEXT signature does not cover them, so they are taken out after signing.
    it('completes the flow with PLAINTEXT requests that carry no timestamp and no nonce', async () => {
      const consumer = await createConsumer(t);
      const client = new OAuth1a({
        consumer: { key: consumer.consumerKey, secret: consumer.consumerSecret },
        signature_method: 'PLAINTEXT',
        hash_function: (_baseString: string, key: string) => key,
      });
      // Every protocol parameter in the header (oauth_callback and oauth_verifier too), without the two left out.
      const withoutReplayProtection = (
        request: OAuth1a.RequestOptions & { data?: Record<string, string> },
        token?: OAuth1a.Token,
      ) => {
        const signed = { ...client.authorize(request, token), ...request.data };
        const kept = Object.entries(signed).filter(([name]) => name !== 'oauth_timestamp' && name !== 'oauth_nonce');
        return client.toHeader(Object.fromEntries(kept) as unknown as OAuth1a.Authorization).Authorization;
      };

      const initiateUrl = `${base}/oauth/oauth10/initiate`;
      const initiated = await request(base)
        .post('/oauth/oauth10/initiate')
        .set(
          'Authorization',
          withoutReplayProtection({ url: initiateUrl, method: 'POST', data: { oauth_callback: 'oob' } }),
        );
      expect(initiated.status).toBe(200);
      const temporary = formFields(initiated.text);

      const verifier = await authorize(t, temporary.oauth_token, 'dora');
      const exchanged = await request(base)
        .post('/oauth/oauth10/token')
        .set(
          'Authorization',
          withoutReplayProtection(
            { url: `${base}/oauth/oauth10/token`, method: 'POST', data: { oauth_verifier: verifier } },
            { key: temporary.oauth_token, secret: temporary.oauth_token_secret },
          ),
        );
      expect(exchanged.status).toBe(200);
      const credentials = formFields(exchanged.text);
      expect(credentials.user_id).toBe('dora');

      const resource = `${base}/photos/1`;
      const authorization = withoutReplayProtection(
        { url: resource, method: 'PUT' },
        { key: credentials.oauth_token, secret: credentials.oauth_token_secret },
      );
      expect(authorization).not.toMatch(/oauth_(timestamp|nonce)/);
      const response = await verify({ method: 'PUT', url: resource, authorization });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ appUserId: 'dora', accessType: 'write' });
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { AccessToken } from '../../../src/tokens/access-token.entity.js';
import { RequestToken } from '../../../src/tokens/request-token.entity.js';
import { createApiProduct, createConsumer } from '../../support/factories.js';
import { formFields, freshNonce } from '../../support/oauth1-client.js';
import type { SignOptions } from '../../support/oauth1-client.js';
import { startTestApp, TestApp } from '../../support/test-app.js';
import {
  expectProblem,
  initiate,
  obtainAccessToken,
  PUBLIC_BASE,
  signWithToken,
  verifyRequest,
} from '../../support/token-flow.js';
import type { TokenCredentials } from '../../support/token-flow.js';

type Consumer = Awaited<ReturnType<typeof createConsumer>>;

const READ_ONLY_ADVICE = 'This access token is read-only';

describe('what an access token may do: x_auth_access_type and requiredScope', () => {
  let t: TestApp;
  let consumer: Consumer;

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_BASE_URL: PUBLIC_BASE });
    const product = await createApiProduct(t, { scopes: ['photos.read', 'photos.write', 'albums.read'] });
    consumer = await createConsumer(t, { apiProducts: [product.name] });
  });
  afterAll(() => t.close());

  const verify = (credentials: TokenCredentials, options: Partial<SignOptions> = {}, extra = {}) =>
    verifyRequest(t, signWithToken(t, consumer, credentials, options), extra);
  const repository = <T extends object>(entity: new () => T) => t.app.get(DataSource).getRepository(entity);

  describe('x_auth_access_type on initiate', () => {
    it.each<[string, Partial<SignOptions>]>([
      ['the Authorization header', { oauth: { x_auth_access_type: 'read' } }],
      ['the query', { url: `${PUBLIC_BASE}/oauth/oauth10/initiate?x_auth_access_type=read` }],
      ['a form body', { form: [['x_auth_access_type', 'read']] }],
    ])('keeps read, sent in %s, on the request token and the access token', async (_where, options) => {
      const initiated = await initiate(t, consumer, options);
      expect(initiated.status).toBe(200);
      const requestToken = formFields(initiated.text).oauth_token;
      expect((await repository(RequestToken).findOneByOrFail({ token: requestToken })).accessType).toBe('read');

      const credentials = await obtainAccessToken(t, consumer, options);
      expect((await repository(AccessToken).findOneByOrFail({ token: credentials.token })).accessType).toBe('read');
      const verified = await verify(credentials);
      expect(verified.status).toBe(200);
      expect(verified.body.accessType).toBe('read');
    });

    it('makes a write token when the client asks for write or says nothing', async () => {
      for (const options of [{}, { form: [['x_auth_access_type', 'write']] as Array<[string, string]> }]) {
        const credentials = await obtainAccessToken(t, consumer, options);
        const verified = await verify(credentials, { method: 'DELETE' });
        expect(verified.status).toBe(200);
        expect(verified.body.accessType).toBe('write');
      }
    });

    it('refuses another value, and the parameter given twice, with parameter_rejected', async () => {
      for (const value of ['admin', 'READ', '']) {
        const fields = expectProblem(
          await initiate(t, consumer, { form: [['x_auth_access_type', value]] }),
          400,
          'parameter_rejected',
        );
        expect(fields.oauth_problem_advice).toBe('x_auth_access_type must be given once, as read or write');
      }
      const twice = await initiate(t, consumer, {
        url: `${PUBLIC_BASE}/oauth/oauth10/initiate?x_auth_access_type=read`,
        form: [['x_auth_access_type', 'read']],
      });
      expectProblem(twice, 400, 'parameter_rejected');
    });

    it('does not spend the nonce of an initiate it refuses for its access type', async () => {
      const nonce = freshNonce();
      const timestamp = Math.floor(t.clock.now() / 1000);
      const refused = await initiate(t, consumer, { nonce, timestamp, form: [['x_auth_access_type', 'all']] });
      expectProblem(refused, 400, 'parameter_rejected');
      const accepted = await initiate(t, consumer, { nonce, timestamp, form: [['x_auth_access_type', 'read']] });
      expect(accepted.status).toBe(200);
    });
  });

  describe('a read-only access token on verify', () => {
    let readOnly: TokenCredentials;
    beforeAll(async () => {
      readOnly = await obtainAccessToken(t, consumer, { oauth: { x_auth_access_type: 'read' } });
    });

    it.each(['GET', 'HEAD', 'OPTIONS'])('accepts %s', async (method) => {
      const verified = await verify(readOnly, { method });
      expect(verified.status).toBe(200);
      expect(verified.body).toMatchObject({ valid: true, accessType: 'read', appUserId: 'alice' });
    });

    it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('refuses %s with 403 permission_denied', async (method) => {
      const fields = expectProblem(await verify(readOnly, { method }), 403, 'permission_denied');
      expect(fields.oauth_problem_advice).toBe(READ_ONLY_ADVICE);
    });

    it('answers the refusal as JSON to a resource server that asks for it', async () => {
      const signed = signWithToken(t, consumer, readOnly, { method: 'POST' });
      const response = await verifyRequest(t, signed).set('Accept', 'application/json');
      expect(response.status).toBe(403);
      expect(response.body).toEqual({ oauth_problem: 'permission_denied', oauth_problem_advice: READ_ONLY_ADVICE });
    });

    it('spends no nonce and records no use on a refused write: the same nonce then reads', async () => {
      const fresh = await obtainAccessToken(t, consumer, { oauth: { x_auth_access_type: 'read' } });
      const nonce = freshNonce();
      const timestamp = Math.floor(t.clock.now() / 1000);
      expectProblem(await verify(fresh, { method: 'POST', nonce, timestamp }), 403, 'permission_denied');
      expect((await repository(AccessToken).findOneByOrFail({ token: fresh.token })).lastUsedAt).toBeNull();
      expect((await verify(fresh, { method: 'GET', nonce, timestamp })).status).toBe(200);
      expect((await repository(AccessToken).findOneByOrFail({ token: fresh.token })).lastUsedAt).toBe(t.clock.now());
    });
  });

  describe('requiredScope on verify', () => {
    let scoped: TokenCredentials;
    beforeAll(async () => {
      scoped = await obtainAccessToken(t, consumer, { form: [['scope', 'photos.read photos.write']] });
    });

    it.each(['photos.read', 'photos.write photos.read', 'photos.read,photos.write', ' photos.write , ', ''])(
      'accepts a token holding every scope of %j',
      async (requiredScope) => {
        const verified = await verify(scoped, {}, { requiredScope });
        expect(verified.status).toBe(200);
        expect(verified.body.scope).toBe('photos.read photos.write');
      },
    );

    it.each([
      ['albums.read', 'albums.read'],
      ['photos.read albums.read', 'albums.read'],
      ['albums.read,photos.delete photos.write', 'albums.read photos.delete'],
      ['photos', 'photos'],
    ])('refuses a token without every scope of %j with 403, naming what it lacks', async (required, missing) => {
      const fields = expectProblem(await verify(scoped, {}, { requiredScope: required }), 403, 'permission_denied');
      expect(fields.oauth_problem_advice).toBe(`This access token lacks the scope ${missing}`);
    });

    it('refuses a token granted no scope at all', async () => {
      const unscoped = await obtainAccessToken(t, consumer);
      expectProblem(await verify(unscoped, {}, { requiredScope: 'photos.read' }), 403, 'permission_denied');
    });

    it('spends no nonce on a refusal for a missing scope', async () => {
      const nonce = freshNonce();
      const timestamp = Math.floor(t.clock.now() / 1000);
      const signed = signWithToken(t, consumer, scoped, { nonce, timestamp });
      expectProblem(await verifyRequest(t, signed, { requiredScope: 'albums.read' }), 403, 'permission_denied');
      expect((await verifyRequest(t, signed, { requiredScope: 'photos.read' })).status).toBe(200);
      expectProblem(await verifyRequest(t, signed, { requiredScope: 'photos.read' }), 401, 'nonce_used');
    });

    it('checks the signature before the scope: a forged request learns nothing about the token', async () => {
      const forged = await verify({ ...scoped, secret: 'guessed' }, {}, { requiredScope: 'albums.read' });
      expectProblem(forged, 401, 'signature_invalid');
    });
  });
});

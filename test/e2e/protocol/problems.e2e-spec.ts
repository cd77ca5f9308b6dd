import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { createApiProduct, createConsumer } from '../../support/factories.js';
import {
  authorize,
  formFields,
  freshNonce,
  OAuth1Flow,
  send,
  signRequest,
  testAppFlow,
} from '../../support/oauth1-client.js';
import type { SignOptions, TokenPair } from '../../support/oauth1-client.js';
import { ADMIN_AUTH, basic, startTestApp, TestApp } from '../../support/test-app.js';

const BASE = 'https://api.example.com';
const INITIATE = `${BASE}/oauth/oauth10/initiate`;
const RESOURCE = `${BASE}/photos?file=vacation.jpg`;

type Consumer = Awaited<ReturnType<typeof createConsumer>>;

function expectProblem(response: Response, status: 400 | 401, problem: string): Record<string, string> {
  expect(response.status).toBe(status);
  const fields = formFields(response.text);
  expect(fields.oauth_problem).toBe(problem);
  expect(response.headers['cache-control']).toBe('no-store');
  if (status === 401) expect(response.headers['www-authenticate']).toBe(`OAuth realm="${BASE}"`);
  else expect(response.headers['www-authenticate']).toBeUndefined();
  return fields;
}

describe('protocol problems', () => {
  let t: TestApp;
  let consumer: Consumer;
  let flow: OAuth1Flow<Response>;

  beforeAll(async () => {
    t = await startTestApp({
      PUBLIC_BASE_URL: BASE,
      REQUEST_TOKEN_TTL_SECONDS: '600',
      VERIFIER_TTL_SECONDS: '60',
      ACCESS_TOKEN_TTL_SECONDS: '3600',
    });
    flow = testAppFlow(t, BASE);
    consumer = await createConsumer(t);
  });
  afterAll(() => t.close());

  const keys = (c: Consumer) => ({ consumerKey: c.consumerKey, consumerSecret: c.consumerSecret });

  const initiate = (c: Consumer, options: Partial<SignOptions> = {}) => flow.initiate(c, options);
  const requestToken = (c: Consumer = consumer) => flow.requestToken(c);
  const exchange = (c: Consumer, temporary: TokenPair, verifier: string, options: Partial<SignOptions> = {}) =>
    flow.exchange(c, temporary, verifier, options);
  const accessToken = (c: Consumer = consumer) => flow.accessToken(c);
  const verify = (c: Consumer, credentials: TokenPair, options: Partial<SignOptions> = {}) =>
    flow.verify(c, credentials, { url: RESOURCE, ...options });

  const admin = (method: 'get' | 'post', path: string) =>
    t.http()[method](`/v1/o/acme${path}`).set('Authorization', ADMIN_AUTH);

  describe('parameter_absent', () => {
    it('lists the missing protocol parameters of initiate in oauth_parameters_absent', async () => {
      const response = await initiate(consumer, { omit: ['oauth_nonce', 'oauth_callback'] });
      const fields = expectProblem(response, 400, 'parameter_absent');
      expect(fields.oauth_parameters_absent).toBe('oauth_nonce&oauth_callback');
    });

    it('lists every required parameter of a request that has none', async () => {
      const response = await t.http().post('/oauth/oauth10/initiate');
      const fields = expectProblem(response, 400, 'parameter_absent');
      expect(fields.oauth_parameters_absent).toBe(
        'oauth_consumer_key&oauth_signature_method&oauth_signature&oauth_timestamp&oauth_nonce&oauth_callback',
      );
    });

    it('names oauth_verifier when the token request has none', async () => {
      const temporary = await requestToken();
      const response = await exchange(consumer, temporary, '', { omit: ['oauth_verifier'] });
      expect(expectProblem(response, 400, 'parameter_absent').oauth_parameters_absent).toBe('oauth_verifier');
    });
  });

  describe('parameter_rejected', () => {
    it('refuses a protocol parameter given twice in the query', async () => {
      const signed = signRequest(t, {
        url: INITIATE,
        ...keys(consumer),
        oauth: { oauth_callback: 'oob' },
        via: 'query',
      });
      const response = await t.http().post(`${signed.path}&oauth_nonce=again`);
      expect(expectProblem(response, 400, 'parameter_rejected').oauth_problem_advice).toBe(
        'oauth_nonce given more than once',
      );
    });

    it('refuses a protocol parameter given twice in the header', async () => {
      const signed = signRequest(t, { url: INITIATE, ...keys(consumer), oauth: { oauth_callback: 'oob' } });
      const response = await t
        .http()
        .post(signed.path)
        .set('Authorization', `${signed.headers.authorization}, oauth_nonce="again"`);
      expectProblem(response, 400, 'parameter_rejected');
    });

    it('refuses protocol parameters spread over the header and the query', async () => {
      const signed = signRequest(t, { url: INITIATE, ...keys(consumer), oauth: { oauth_callback: 'oob' } });
      const response = await t.http().post(`${signed.path}?oauth_extra=1`).set(signed.headers);
      expect(expectProblem(response, 400, 'parameter_rejected').oauth_problem_advice).toBe(
        'OAuth parameters must be sent in one place only, but were found in the Authorization header and the query string',
      );
    });

    it('refuses a header whose value is an invalid UTF-8 escape', async () => {
      const signed = signRequest(t, { url: INITIATE, ...keys(consumer), oauth: { oauth_callback: 'oob' } });
      const response = await t
        .http()
        .post(signed.path)
        .set('Authorization', signed.headers.authorization.replace(/oauth_nonce="[^"]*"/, 'oauth_nonce="%FF%FE"'));
      expect(expectProblem(response, 400, 'parameter_rejected').oauth_problem_advice).toBe(
        'A percent-encoded value is not valid UTF-8',
      );
    });

    it('refuses a form body that is not UTF-8', async () => {
      const signed = signRequest(t, { url: INITIATE, ...keys(consumer), oauth: { oauth_callback: 'oob' } });
      const response = await t
        .http()
        .post(signed.path)
        .set(signed.headers)
        .set('Content-Type', 'application/x-www-form-urlencoded')
        // superagent would otherwise form-encode the Buffer object itself.
        .serialize((bytes: Buffer) => bytes as unknown as string)
        .send(Buffer.from([0x6e, 0x3d, 0xff, 0xfe]));
      expect(expectProblem(response, 400, 'parameter_rejected').oauth_problem_advice).toBe(
        'The form body is not valid UTF-8',
      );
    });

    it('refuses a malformed Authorization header', async () => {
      const response = await t.http().post('/oauth/oauth10/initiate').set('Authorization', 'OAuth oauth_nonce="open');
      expectProblem(response, 400, 'parameter_rejected');
    });

    it('refuses a callback that is not an absolute http(s) URL or oob', async () => {
      for (const callback of ['/ready', 'javascript:alert(1)', 'OOB']) {
        const response = await initiate(consumer, { oauth: { oauth_callback: callback } });
        expectProblem(response, 400, 'parameter_rejected');
      }
    });

    it('refuses a callback that does not match the app registered callback URL, and says why', async () => {
      const registered = await createConsumer(t, { callbackUrl: 'https://client.example.com/ready' });
      for (const callback of [
        'https://evil.example.com/ready',
        'http://client.example.com/ready',
        'https://client.example.com:8443/ready',
        'https://client.example.com/other',
      ]) {
        const fields = expectProblem(
          await initiate(registered, { oauth: { oauth_callback: callback } }),
          400,
          'parameter_rejected',
        );
        expect(fields.oauth_problem_advice).toContain('registered callback URL');
      }
      const accepted = await initiate(registered, {
        oauth: { oauth_callback: 'https://CLIENT.example.com:443/ready?next=%2Fhome' },
      });
      expect(accepted.status).toBe(200);
    });
  });

  describe('signature_method_rejected and version_rejected', () => {
    it('refuses an unknown signature method', async () => {
      const response = await initiate(consumer, { oauth: { oauth_signature_method: 'HMAC-MD5' } });
      expectProblem(response, 400, 'signature_method_rejected');
    });

    it('refuses RSA-SHA1 for a consumer key without a public key', async () => {
      const response = await initiate(consumer, {
        signatureMethod: 'PLAINTEXT',
        oauth: { oauth_signature_method: 'RSA-SHA1' },
      });
      expectProblem(response, 400, 'signature_method_rejected');
    });

    it('refuses an oauth_version other than 1.0 and accepts one left out', async () => {
      expectProblem(await initiate(consumer, { oauth: { oauth_version: '2.0' } }), 400, 'version_rejected');
      expect((await initiate(consumer, { omit: ['oauth_version'] })).status).toBe(200);
    });
  });

  describe('timestamp_refused', () => {
    it('refuses a stale timestamp and tells the acceptable range', async () => {
      const now = Math.floor(t.clock.now() / 1000);
      const fields = expectProblem(await initiate(consumer, { timestamp: now - 301 }), 401, 'timestamp_refused');
      const [from, to] = fields.oauth_acceptable_timestamps.split('-').map(Number);
      expect(to - from).toBe(600);
      expect(Math.abs((from + to) / 2 - now)).toBeLessThanOrEqual(1);
    });

    it('refuses a timestamp in the future beyond the window, and one that is not a number', async () => {
      const now = Math.floor(t.clock.now() / 1000);
      expectProblem(await initiate(consumer, { timestamp: now + 301 }), 401, 'timestamp_refused');
      expectProblem(await initiate(consumer, { oauth: { oauth_timestamp: '1e9' } }), 401, 'timestamp_refused');
    });
  });

  describe('consumer_key_unknown and consumer_key_rejected', () => {
    it('answers consumer_key_unknown for a key that does not exist', async () => {
      const response = await initiate({ ...consumer, consumerKey: 'no-such-key' });
      expectProblem(response, 401, 'consumer_key_unknown');
    });

    it('rejects a revoked consumer key', async () => {
      const revoked = await createConsumer(t);
      const path = `/developers/${revoked.developerEmail}/apps/${revoked.app.name}/keys/${revoked.consumerKey}?action=revoke`;
      expect((await admin('post', path)).status).toBe(204);
      expectProblem(await initiate(revoked), 401, 'consumer_key_rejected');
    });

    it('rejects a key of a revoked app', async () => {
      const revoked = await createConsumer(t);
      expect(
        (await admin('post', `/developers/${revoked.developerEmail}/apps/${revoked.app.name}?action=revoke`)).status,
      ).toBe(204);
      expectProblem(await initiate(revoked), 401, 'consumer_key_rejected');
    });

    it('rejects a key of an inactive developer', async () => {
      const inactive = await createConsumer(t);
      expect((await admin('post', `/developers/${inactive.developerEmail}?action=inactive`)).status).toBe(204);
      expectProblem(await initiate(inactive), 401, 'consumer_key_rejected');
    });
  });

  describe('tokens', () => {
    it('answers token_rejected for an unknown request token', async () => {
      const response = await exchange(consumer, { token: 'unknown', secret: 'x' }, 'verifier');
      expectProblem(response, 401, 'token_rejected');
    });

    it('answers token_rejected for a request token of another consumer', async () => {
      const other = await createConsumer(t);
      const temporary = await requestToken(other);
      const verifier = await authorize(t, temporary.token);
      expectProblem(await exchange(consumer, temporary, verifier), 401, 'token_rejected');
    });

    it('answers token_revoked for a revoked request token', async () => {
      const temporary = await requestToken();
      const verifier = await authorize(t, temporary.token);
      expect((await admin('post', `/oauth1/requesttokens/${temporary.token}?action=revoke`)).status).toBe(204);
      expectProblem(await exchange(consumer, temporary, verifier), 401, 'token_revoked');
    });

    it('answers token_used when a request token is exchanged a second time', async () => {
      const temporary = await requestToken();
      const verifier = await authorize(t, temporary.token);
      expect((await exchange(consumer, temporary, verifier)).status).toBe(200);
      expectProblem(await exchange(consumer, temporary, verifier), 401, 'token_used');
    });

    it('lets exactly one of two simultaneous exchanges of a request token win', async () => {
      const temporary = await requestToken();
      const verifier = await authorize(t, temporary.token);
      const responses = await Promise.all([1, 2, 3].map(() => exchange(consumer, temporary, verifier)));
      expect(responses.map((response) => response.status).sort()).toEqual([200, 401, 401]);
      for (const response of responses.filter((r) => r.status === 401)) {
        expect(formFields(response.text).oauth_problem).toBe('token_used');
      }
    });

    it('answers verifier_invalid for a wrong verifier, and for a token nobody authorized', async () => {
      const temporary = await requestToken();
      expectProblem(await exchange(consumer, temporary, 'not-the-verifier'), 401, 'verifier_invalid');
      const verifier = await authorize(t, temporary.token);
      expectProblem(await exchange(consumer, temporary, `${verifier}x`), 401, 'verifier_invalid');
      expect((await exchange(consumer, temporary, verifier)).status).toBe(200);
    });

    it('answers verifier_invalid for an expired verifier', async () => {
      const temporary = await requestToken();
      const verifier = await authorize(t, temporary.token);
      t.clock.advance(61_000);
      expectProblem(await exchange(consumer, temporary, verifier), 401, 'verifier_invalid');
    });

    it('answers token_expired for a request token past its time', async () => {
      const temporary = await requestToken();
      const verifier = await authorize(t, temporary.token);
      t.clock.advance(601_000);
      expectProblem(await exchange(consumer, temporary, verifier), 401, 'token_expired');
      const record = await admin('get', `/oauth1/requesttokens/${temporary.token}`);
      expect(record.body.status).toBe('expired');
    });

    it('answers token_revoked on verify for a revoked access token, and accepts it again once approved', async () => {
      const credentials = await accessToken();
      expect((await verify(consumer, credentials)).status).toBe(200);
      expect((await admin('post', `/oauth1/accesstokens/${credentials.token}?action=revoke`)).status).toBe(204);
      expectProblem(await verify(consumer, credentials), 401, 'token_revoked');
      expect((await admin('post', `/oauth1/accesstokens/${credentials.token}?action=approve`)).status).toBe(204);
      expect((await verify(consumer, credentials)).status).toBe(200);
    });

    it('answers token_expired on verify for an access token past its time', async () => {
      const credentials = await accessToken();
      const ok = await verify(consumer, credentials);
      expect(ok.body.expiresAt).toBe(t.clock.now() + 3_600_000);
      t.clock.advance(3_600_001);
      expectProblem(await verify(consumer, credentials), 401, 'token_expired');
      expect((await admin('get', `/oauth1/accesstokens/${credentials.token}`)).body.status).toBe('expired');
    });

    it('answers token_rejected on verify for a request token or another consumer access token', async () => {
      const temporary = await requestToken();
      expectProblem(await verify(consumer, temporary), 401, 'token_rejected');
      const other = await createConsumer(t);
      expectProblem(await verify(consumer, await accessToken(other)), 401, 'token_rejected');
    });
  });

  describe('signature_invalid and nonce_used', () => {
    it('refuses a request signed with the wrong consumer secret', async () => {
      const response = await initiate({ ...consumer, consumerSecret: 'wrong' });
      const fields = expectProblem(response, 401, 'signature_invalid');
      expect(fields.oauth_problem_advice).not.toContain(consumer.consumerSecret);
    });

    it('refuses a request signed for another URL', async () => {
      const signed = signRequest(t, {
        url: 'http://api.example.com/oauth/oauth10/initiate',
        ...keys(consumer),
        oauth: { oauth_callback: 'oob' },
      });
      expectProblem(await send(t, signed), 401, 'signature_invalid');
    });

    it('refuses a request whose signed form body was changed', async () => {
      const signed = signRequest(t, {
        url: INITIATE,
        ...keys(consumer),
        oauth: { oauth_callback: 'oob' },
        form: [['note', 'original']],
      });
      const response = await send(t, { ...signed, body: 'note=changed' });
      expectProblem(response, 401, 'signature_invalid');
    });

    it('refuses a replayed request with nonce_used', async () => {
      const signed = signRequest(t, { url: INITIATE, ...keys(consumer), oauth: { oauth_callback: 'oob' } });
      expect((await send(t, signed)).status).toBe(200);
      expectProblem(await send(t, signed), 401, 'nonce_used');
    });

    it('does not spend a nonce on a request with a bad signature', async () => {
      const nonce = freshNonce();
      const timestamp = Math.floor(t.clock.now() / 1000);
      const forged = await initiate(consumer, { nonce, timestamp, signature: 'forged' });
      expectProblem(forged, 401, 'signature_invalid');
      expect((await initiate(consumer, { nonce, timestamp })).status).toBe(200);
    });
  });

  describe('permission_denied', () => {
    it('refuses a scope outside the scopes of the key API products', async () => {
      const product = await createApiProduct(t, { scopes: ['read'] });
      const scoped = await createConsumer(t, { apiProducts: [product.name] });
      const fields = expectProblem(
        await initiate(scoped, { form: [['scope', 'read admin']] }),
        401,
        'permission_denied',
      );
      expect(fields.oauth_problem_advice).toBe('Scope not granted to this consumer key: admin');
      expect((await initiate(scoped, { form: [['scope', 'read']] })).status).toBe(200);
    });
  });

  describe('what is accepted', () => {
    it('accepts protocol parameters in the query of a GET', async () => {
      const signed = signRequest(t, {
        method: 'GET',
        url: INITIATE,
        ...keys(consumer),
        oauth: { oauth_callback: 'oob' },
        via: 'query',
      });
      expect((await send(t, signed)).status).toBe(200);
    });

    it('accepts protocol parameters in a form body', async () => {
      const signed = signRequest(t, {
        url: INITIATE,
        ...keys(consumer),
        oauth: { oauth_callback: 'oob' },
        via: 'body',
      });
      expect((await send(t, signed)).status).toBe(200);
    });

    it('takes a "+" in a header value literally', async () => {
      const response = await initiate(consumer, { nonce: `a+b${freshNonce()}` });
      expect(response.status).toBe(200);
    });

    it('accepts non-ASCII values that are signed correctly', async () => {
      const response = await initiate(consumer, { form: [['name', 'Zoë 東京 😀']], nonce: `ü${freshNonce()}` });
      expect(response.status).toBe(200);
    });

    it('leaves a JSON body out of the signature', async () => {
      const signed = signRequest(t, { url: INITIATE, ...keys(consumer), oauth: { oauth_callback: 'oob' } });
      const response = await t.http().post(signed.path).set(signed.headers).send({ unsigned: 'json' });
      expect(response.status).toBe(200);
    });

    it('answers text/plain when the client prefers it, and problems as JSON when asked', async () => {
      const signed = signRequest(t, { url: INITIATE, ...keys(consumer), oauth: { oauth_callback: 'oob' } });
      const ok = await send(t, signed).set('Accept', 'text/plain');
      expect(ok.headers['content-type']).toMatch(/^text\/plain/);
      expect(formFields(ok.text).oauth_callback_confirmed).toBe('true');
      const problem = await send(t, signed).set('Accept', 'application/json');
      expect(problem.status).toBe(401);
      expect(problem.body).toEqual({
        oauth_problem: 'nonce_used',
        oauth_problem_advice: 'This nonce was already used with this timestamp',
      });
    });

    it('does not fail on a huge Authorization header', async () => {
      const huge = `OAuth oauth_consumer_key="${'k'.repeat(12_000)}"`;
      const response = await t.http().post('/oauth/oauth10/initiate').set('Authorization', huge);
      expect(response.status).toBe(400);
      const tooLarge = await t
        .http()
        .post('/oauth/oauth10/initiate')
        .set('Authorization', `${huge}${'x'.repeat(40_000)}`);
      expect(tooLarge.status).toBe(431);
    });

    it('answers the authorize page with HTML, not OAuth problems (its own suite: authorize.e2e-spec)', async () => {
      for (const path of ['/oauth/oauth10/authorize', '/oauth/authorize']) {
        const response = await t.http().get(`${path}?oauth_token=x`);
        expect(response.status).toBe(404);
        expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      }
    });
  });

  describe('stored state', () => {
    it('leaves the request token untouched by every rejected exchange', async () => {
      const temporary = await requestToken();
      const verifier = await authorize(t, temporary.token);
      const before = await admin('get', `/oauth1/requesttokens/${temporary.token}`);
      const replayNonce = freshNonce();
      const rejected = [
        await exchange(consumer, temporary, verifier, { signature: 'forged' }),
        await exchange(consumer, temporary, 'wrong-verifier'),
        await exchange(consumer, { ...temporary, secret: 'wrong' }, verifier),
        await exchange(consumer, temporary, verifier, { oauth: { oauth_version: '2.0' } }),
        await exchange(consumer, temporary, verifier, { timestamp: 1 }),
        await exchange(consumer, temporary, verifier, { nonce: replayNonce, signature: 'forged' }),
      ];
      expect(rejected.map((response) => response.status)).toEqual([401, 401, 401, 400, 401, 401]);
      const after = await admin('get', `/oauth1/requesttokens/${temporary.token}`);
      expect(after.body).toEqual(before.body);
      expect((await admin('get', `/oauth1/verifiers/${verifier}`)).status).toBe(200);
      expect((await exchange(consumer, temporary, verifier, { nonce: replayNonce })).status).toBe(200);
      expect((await admin('get', `/oauth1/requesttokens/${temporary.token}`)).status).toBe(404);
      expect((await admin('get', `/oauth1/verifiers/${verifier}`)).status).toBe(404);
    });

    it('leaves the access token untouched by rejected verify calls', async () => {
      const credentials = await accessToken();
      const before = await admin('get', `/oauth1/accesstokens/${credentials.token}`);
      expect((await verify(consumer, { ...credentials, secret: 'wrong' })).status).toBe(401);
      expect((await verify(consumer, credentials, { oauth: { oauth_signature_method: 'MD5' } })).status).toBe(400);
      const after = await admin('get', `/oauth1/accesstokens/${credentials.token}`);
      expect(after.body).toEqual(before.body);
    });
  });

  describe('verify access', () => {
    it('asks for Basic credentials with the Apigee envelope', async () => {
      const response = await t.http().post('/oauth/oauth10/verify').send({ method: 'GET', url: RESOURCE });
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Basic realm=/);
      expect(response.body.code).toBe('security.auth.Unauthorized');
    });

    it('forbids a management user without a role in the consumer organization', async () => {
      const user = {
        emailId: `outsider${Date.now()}@example.com`,
        firstName: 'O',
        lastName: 'S',
        password: 'outsider-pass-1',
      };
      expect((await t.http().post('/v1/users').set('Authorization', ADMIN_AUTH).send(user)).status).toBe(201);
      const credentials = await accessToken();
      const signed = signRequest(t, {
        method: 'GET',
        url: RESOURCE,
        ...keys(consumer),
        token: credentials.token,
        tokenSecret: credentials.secret,
      });
      const response = await t
        .http()
        .post('/oauth/oauth10/verify')
        .set('Authorization', basic(user.emailId, user.password))
        .send({ method: 'GET', url: RESOURCE, authorization: signed.headers.authorization });
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('security.auth.Forbidden');
    });

    it('refuses a malformed description of the request as an invalid admin request', async () => {
      const response = await t
        .http()
        .post('/oauth/oauth10/verify')
        .set('Authorization', ADMIN_AUTH)
        .send({ method: 'GET /x', url: 42 });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('messaging.adaptors.http.flow.InvalidRequest');
      expect(response.body.message).toContain('method must be an HTTP method');
    });

    it('refuses a described URL that cannot be signed', async () => {
      const credentials = await accessToken();
      const signed = signRequest(t, { method: 'GET', url: RESOURCE, ...keys(consumer), token: credentials.token });
      const response = await t
        .http()
        .post('/oauth/oauth10/verify')
        .set('Authorization', ADMIN_AUTH)
        .send({ method: 'GET', url: '/photos', authorization: signed.headers.authorization });
      expectProblem(response, 400, 'parameter_rejected');
    });
  });
});

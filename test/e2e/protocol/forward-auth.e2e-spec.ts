import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { accessTokenHolder } from '../../support/access-tokens.js';
import type { TokenHolder } from '../../support/access-tokens.js';
import { signRequest } from '../../support/oauth1-client.js';
import type { SignOptions } from '../../support/oauth1-client.js';
import { ADMIN_AUTH, ORG, startTestApp, TestApp } from '../../support/test-app.js';

const FORWARD_AUTH = '/oauth/oauth10/forward-auth';
const IDENTITY_HEADERS = [
  'x-oauth-consumer-key',
  'x-oauth-app',
  'x-oauth-developer',
  'x-oauth-user',
  'x-oauth-scope',
  'x-oauth-access-type',
];

describe('forward-auth, as each proxy calls it', () => {
  let t: TestApp;
  let holder: TokenHolder;

  beforeAll(async () => {
    t = await startTestApp();
    holder = await accessTokenHolder(t, { scopes: ['photos', 'admin'], initiateParameters: [['scope', 'photos']] });
  });
  afterAll(() => t.close());

  const signedBy = (who: TokenHolder, options: Omit<SignOptions, 'consumerKey' | 'consumerSecret'>) =>
    signRequest(t, {
      consumerKey: who.consumerKey,
      consumerSecret: who.consumerSecret,
      token: who.token,
      tokenSecret: who.tokenSecret,
      ...options,
    });

  /** What Traefik's forwardAuth sends: a GET with the original request in X-Forwarded-*, the client's headers. */
  function traefik(method: string, url: string, authorization: string | undefined, path = FORWARD_AUTH) {
    const original = new URL(url);
    const call = t
      .http()
      .get(path)
      .set('X-Forwarded-Method', method)
      .set('X-Forwarded-Proto', original.protocol.slice(0, -1))
      .set('X-Forwarded-Host', original.host)
      .set('X-Forwarded-Uri', `${original.pathname}${original.search}`);
    return authorization === undefined ? call : call.set('Authorization', authorization);
  }

  /** What Envoy's ext_authz HTTP service sends: the original method, path_prefix + path, the original Host. */
  function envoy(method: string, url: string, authorization: string) {
    const original = new URL(url);
    return t
      .http()
      [method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](
        `${FORWARD_AUTH}${original.pathname}${original.search}`,
      )
      .set('Host', original.host)
      .set('X-Forwarded-Proto', original.protocol.slice(0, -1))
      .set('Authorization', authorization);
  }

  it('allows a request described as Traefik describes it, with the six identity headers and an empty body', async () => {
    const url = 'https://api.example.com/photos?file=vacation.jpg&size=original';
    const signed = signedBy(holder, { method: 'GET', url });
    const response = await traefik('GET', url, signed.headers.authorization);
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    expect(response.headers).toMatchObject({
      'x-oauth-consumer-key': holder.consumerKey,
      'x-oauth-app': holder.appName,
      'x-oauth-developer': holder.developerEmail,
      'x-oauth-user': 'alice',
      'x-oauth-scope': 'photos',
      'x-oauth-access-type': 'write',
      'cache-control': 'no-store',
    });
  });

  it('allows a request described as Envoy describes it: original method, prefixed path with its query, Host', async () => {
    const url = 'https://api.example.com/albums/7/photos?page=2';
    const signed = signedBy(holder, { method: 'DELETE', url });
    const response = await envoy('DELETE', url, signed.headers.authorization);
    expect(response.status).toBe(200);
    expect(response.headers['x-oauth-user']).toBe('alice');
  });

  it('takes X-Original-Method and X-Original-URI when no X-Forwarded-Method and -Uri are given', async () => {
    const url = 'http://api.example.com:8081/photos/1';
    const signed = signedBy(holder, { method: 'PUT', url });
    const response = await t
      .http()
      .get(FORWARD_AUTH)
      .set('Host', 'api.example.com:8081')
      .set('X-Original-Method', 'PUT')
      .set('X-Original-URI', '/photos/1')
      .set('Authorization', signed.headers.authorization);
    expect(response.status).toBe(200);
  });

  it('answers every identity header even when its value is empty', async () => {
    const unscoped = await accessTokenHolder(t);
    const url = 'https://api.example.com/photos';
    const response = await traefik('GET', url, signedBy(unscoped, { method: 'GET', url }).headers.authorization);
    expect(response.status).toBe(200);
    for (const name of IDENTITY_HEADERS) expect(response.headers).toHaveProperty(name);
    expect(response.headers['x-oauth-scope']).toBe('');
  });

  it('checks the form body a proxy passes (Traefik forwardBody sends it with its GET)', async () => {
    const url = 'https://api.example.com/photos';
    const signed = signedBy(holder, { method: 'POST', url, form: [['title', 'Vacation']] });
    const passed = await traefik('POST', url, signed.headers.authorization)
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send(signed.body ?? '');
    expect(passed.status).toBe(200);

    const again = signedBy(holder, { method: 'POST', url, form: [['title', 'Vacation']] });
    const withoutBody = await traefik('POST', url, again.headers.authorization);
    expect(withoutBody.status).toBe(401);
    expect(withoutBody.text).toContain('oauth_problem=signature_invalid');
  });

  it('refuses with 401 and WWW-Authenticate what verify would refuse with 400, such as a missing parameter', async () => {
    const url = 'https://api.example.com/photos';
    const signed = signedBy(holder, { method: 'GET', url, omit: ['oauth_nonce'] });
    const response = await traefik('GET', url, signed.headers.authorization);
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^OAuth realm="/);
    expect(response.text).toContain('oauth_problem=parameter_absent');
    expect(response.text).toContain('oauth_parameters_absent=oauth_nonce');

    const unsigned = await traefik('GET', url, undefined).set('Accept', 'application/json');
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.oauth_problem).toBe('parameter_absent');
  });

  it('refuses a bad signature, a replayed nonce and a revoked token with 401', async () => {
    const url = 'https://api.example.com/photos';
    const forged = signedBy(holder, { method: 'GET', url, signature: 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=' });
    const badSignature = await traefik('GET', url, forged.headers.authorization);
    expect(badSignature.status).toBe(401);
    expect(badSignature.text).toContain('oauth_problem=signature_invalid');

    const signed = signedBy(holder, { method: 'GET', url });
    expect((await traefik('GET', url, signed.headers.authorization)).status).toBe(200);
    const replayed = await traefik('GET', url, signed.headers.authorization);
    expect(replayed.status).toBe(401);
    expect(replayed.text).toContain('oauth_problem=nonce_used');

    const doomed = await accessTokenHolder(t);
    const revoked = await t
      .http()
      .post(`/v1/o/${ORG}/oauth1/accesstokens/${doomed.token}?action=revoke`)
      .set('Authorization', ADMIN_AUTH);
    expect(revoked.status).toBe(204);
    const afterRevoke = await traefik('GET', url, signedBy(doomed, { method: 'GET', url }).headers.authorization);
    expect(afterRevoke.status).toBe(401);
    expect(afterRevoke.text).toContain('oauth_problem=token_revoked');
  });

  it('needs every scope of X-OAuth-Required-Scope and ?scope= together; a 403 spends no nonce', async () => {
    const scoped = await accessTokenHolder(t, {
      scopes: ['photos', 'admin'],
      initiateParameters: [['scope', 'photos admin']],
    });
    const url = 'https://api.example.com/admin/photos';
    const signed = signedBy(scoped, { method: 'GET', url });
    const lacking = await traefik('GET', url, signed.headers.authorization, `${FORWARD_AUTH}?scope=admin`).set(
      'X-OAuth-Required-Scope',
      'photos, audit',
    );
    expect(lacking.status).toBe(403);
    expect(lacking.text).toContain('oauth_problem=permission_denied');
    expect(lacking.text).toContain('audit');
    expect(lacking.headers['x-oauth-consumer-key']).toBeUndefined();

    // The same signed request, now asked only for scopes the token holds: its nonce is still unspent.
    const allowed = await traefik('GET', url, signed.headers.authorization, `${FORWARD_AUTH}?scope=admin`).set(
      'X-OAuth-Required-Scope',
      'photos',
    );
    expect(allowed.status).toBe(200);
    expect(allowed.headers['x-oauth-scope']).toBe('photos admin');
  });

  it('refuses a read-only token for an unsafe method with 403, and lets it read', async () => {
    const reader = await accessTokenHolder(t, { initiateParameters: [['x_auth_access_type', 'read']] });
    const url = 'https://api.example.com/photos';
    const write = await envoy('POST', url, signedBy(reader, { method: 'POST', url }).headers.authorization);
    expect(write.status).toBe(403);
    expect(write.text).toContain('oauth_problem_advice=This%20access%20token%20is%20read-only');
    const read = await traefik('GET', url, signedBy(reader, { method: 'GET', url }).headers.authorization);
    expect(read.status).toBe(200);
    expect(read.headers['x-oauth-access-type']).toBe('read');
  });

  it('checks oauth_body_hash against a JSON body the proxy passes, and cannot behind a proxy that passes none', async () => {
    const url = 'https://api.example.com/photos';
    const json = '{"title":"Vacation"}';
    const hash = createHash('sha1').update(json).digest('base64');
    const signedFor = () => signedBy(holder, { method: 'POST', url, oauth: { oauth_body_hash: hash } });

    const intact = await traefik('POST', url, signedFor().headers.authorization)
      .set('Content-Type', 'application/json')
      .send(json);
    expect(intact.status).toBe(200);

    const tampered = await traefik('POST', url, signedFor().headers.authorization)
      .set('Content-Type', 'application/json')
      .send('{"title":"Something else"}');
    expect(tampered.status).toBe(401);
    expect(tampered.text).toContain('oauth_problem=signature_invalid');

    const emptied = await traefik('POST', url, signedFor().headers.authorization).set('Content-Length', '0');
    expect(emptied.status).toBe(401);

    // nginx's auth_request: no body and no Content-Length, so the body is not known and its hash not checked.
    const unknownBody = await traefik('POST', url, signedFor().headers.authorization);
    expect(unknownBody.status).toBe(200);
  });

  it('refuses a request signed for another URL than the one the proxy describes', async () => {
    const signed = signedBy(holder, { method: 'GET', url: 'https://api.example.com/photos' });
    const response = await traefik('GET', 'https://api.example.com/admin/users', signed.headers.authorization);
    expect(response.status).toBe(401);
    expect(response.text).toContain('oauth_problem=signature_invalid');
  });
});

describe('forward-auth with FORWARD_AUTH_SECRET', () => {
  const SECRET = 'proxy-shared-secret-0123456789';
  let t: TestApp;
  let holder: TokenHolder;

  beforeAll(async () => {
    t = await startTestApp({ FORWARD_AUTH_SECRET: SECRET });
    holder = await accessTokenHolder(t);
  });
  afterAll(() => t.close());

  function describedRequest(url: string) {
    const signed = signRequest(t, {
      method: 'GET',
      url,
      consumerKey: holder.consumerKey,
      consumerSecret: holder.consumerSecret,
      token: holder.token,
      tokenSecret: holder.tokenSecret,
    });
    const original = new URL(url);
    return (secret?: string) => {
      const call = t
        .http()
        .get(FORWARD_AUTH)
        .set('X-Forwarded-Method', 'GET')
        .set('X-Forwarded-Host', original.host)
        .set('X-Forwarded-Uri', original.pathname)
        .set('Authorization', signed.headers.authorization);
      return secret === undefined ? call : call.set('X-Forward-Auth-Secret', secret);
    };
  }

  it('refuses a caller without the secret, or with another, with 401 and spends no nonce', async () => {
    const request = describedRequest('http://api.example.com/photos');
    for (const secret of [undefined, 'not-the-proxy-secret-000000']) {
      const refused = await request(secret);
      expect(refused.status).toBe(401);
      expect(refused.headers['www-authenticate']).toMatch(/^OAuth realm="/);
      expect(refused.text).toContain('oauth_problem=permission_denied');
      expect(refused.headers['x-oauth-consumer-key']).toBeUndefined();
    }
    // The very same signed request, from the proxy: its nonce was not spent by the refused calls.
    const allowed = await request(SECRET);
    expect(allowed.status).toBe(200);
    expect(allowed.headers['x-oauth-consumer-key']).toBe(holder.consumerKey);
  });
});

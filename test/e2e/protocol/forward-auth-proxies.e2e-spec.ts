import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import OAuth1a from 'oauth-1.0a';
import { startEchoUpstream } from '../../support/echo-upstream.js';
import type { EchoUpstream, Received } from '../../support/echo-upstream.js';
import { createApiProduct, createConsumer } from '../../support/factories.js';
import { accessToken, nodeOAuthClient, requestToken } from '../../support/node-oauth.js';
import type { NodeOAuth } from '../../support/node-oauth.js';
import { authorize, formFields, listen } from '../../support/oauth1-client.js';
import { startCaddy, startNginx } from '../../support/reverse-proxies.js';
import type { ReverseProxy } from '../../support/reverse-proxies.js';
import { ADMIN_AUTH, ORG, startTestApp, TestApp } from '../../support/test-app.js';

/**
 * The README's nginx and Caddy configurations, run by the real proxies in front of the provider and an API that echoes
 * what reaches it. Clients run the whole flow through the proxy, then call the API through it.
 */
describe.each([
  ['nginx', startNginx],
  ['caddy', startCaddy],
] as const)('an API behind %s with forward authentication', (name, startProxy) => {
  let t: TestApp;
  let api: EchoUpstream;
  let proxy: ReverseProxy;
  let consumer: { consumerKey: string; consumerSecret: string };

  beforeAll(async () => {
    t = await startTestApp();
    const provider = new URL(await listen(t)).host;
    api = await startEchoUpstream();
    proxy = await startProxy({ provider, api: api.address });
    const product = await createApiProduct(t, { scopes: ['photos', 'admin'] });
    consumer = await createConsumer(t, { apiProducts: [product.name] });
  });
  afterAll(async () => {
    await proxy?.stop();
    await api?.close();
    await t?.close();
  });

  /** node-oauth through the proxy: request token, a verifier from the admin API, access token. */
  async function nodeOAuthFlow(scope: string): Promise<{ client: NodeOAuth; token: string; secret: string }> {
    const client = nodeOAuthClient(proxy.baseUrl, consumer, 'oob');
    const temporary = await requestToken(client, { scope });
    const verifier = await authorize(t, temporary.token);
    const credentials = await accessToken(client, temporary.token, temporary.secret, verifier);
    return { client, ...credentials };
  }

  function oauth1aClient() {
    return new OAuth1a({
      consumer: { key: consumer.consumerKey, secret: consumer.consumerSecret },
      signature_method: 'HMAC-SHA1',
      hash_function: (base, key) => createHmac('sha1', key).update(base).digest('base64'),
    });
  }

  const headerFields = (signed: OAuth1a.Authorization): Record<string, string> =>
    Object.fromEntries(Object.entries(signed).map(([field, value]) => [field, String(value)]));

  const headerOf = (client: OAuth1a, signed: OAuth1a.Authorization): Record<string, string> => ({
    ...client.toHeader(signed),
  });

  /** oauth-1.0a through the proxy, its parameters in form bodies and the query as the client library puts them. */
  async function oauth1aFlow(scope: string, accessType: 'read' | 'write' = 'write') {
    const client = oauth1aClient();
    const initiateUrl = `${proxy.baseUrl}/oauth/oauth10/initiate`;
    const initiateData = { oauth_callback: 'oob', scope, x_auth_access_type: accessType };
    const initiated = await fetch(initiateUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        ...headerFields(client.authorize({ url: initiateUrl, method: 'POST', data: initiateData })),
        ...initiateData,
      }),
    });
    expect(initiated.status).toBe(200);
    const temporary = formFields(await initiated.text());
    const verifier = await authorize(t, temporary.oauth_token);
    const tokenUrl = `${proxy.baseUrl}/oauth/oauth10/token`;
    const signed = client.authorize(
      { url: tokenUrl, method: 'POST', data: { oauth_verifier: verifier } },
      { key: temporary.oauth_token, secret: temporary.oauth_token_secret },
    );
    // oauth_verifier travels in the Authorization header with the other protocol parameters.
    const exchanged = await fetch(tokenUrl, { method: 'POST', headers: headerOf(client, signed) });
    expect(exchanged.status).toBe(200);
    const access = formFields(await exchanged.text());
    return { client, token: { key: access.oauth_token, secret: access.oauth_token_secret } };
  }

  /** A call to the API through the proxy, signed by oauth-1.0a in the Authorization header. */
  async function call(
    token: { key: string; secret: string },
    method: string,
    path: string,
    init: { body?: string; contentType?: string; headers?: Record<string, string> } = {},
  ) {
    const client = oauth1aClient();
    const authorization = headerOf(client, client.authorize({ url: `${proxy.baseUrl}${path}`, method }, token));
    return fetch(`${proxy.baseUrl}${path}`, {
      method,
      headers: {
        ...authorization,
        ...(init.contentType && { 'content-type': init.contentType }),
        ...init.headers,
      },
      body: init.body,
    });
  }

  /** The requests the API receives while `action` runs. */
  async function reaching(action: () => Promise<void>): Promise<Received[]> {
    const before = api.received.length;
    await action();
    return api.received.slice(before);
  }

  function expectRefused(response: Response, status: 401 | 403) {
    expect(response.status).toBe(status);
    if (status === 401) expect(response.headers.get('www-authenticate')).toMatch(/^OAuth realm="/);
  }

  it('passes a node-oauth client that ran the flow through it on, with the identity headers', async () => {
    const { client, token, secret } = await nodeOAuthFlow('photos');
    const received = await reaching(async () => {
      const body = await new Promise<string>((resolve, reject) =>
        client.get(`${proxy.baseUrl}/photos?size=original`, token, secret, (error, data) =>
          error ? reject(new Error(JSON.stringify(error))) : resolve(String(data)),
        ),
      );
      expect(JSON.parse(body).url).toBe('/photos?size=original');
    });
    expect(received).toHaveLength(1);
    expect(received[0].headers).toMatchObject({
      'x-oauth-consumer-key': consumer.consumerKey,
      'x-oauth-user': 'alice',
      'x-oauth-scope': 'photos',
      'x-oauth-access-type': 'write',
    });
    expect(received[0].headers['x-oauth-app']).toEqual(expect.any(String));
    expect(received[0].headers['x-oauth-developer']).toMatch(/@example\.com$/);
  });

  it('passes an oauth-1.0a client on, a JSON POST with its body, and never a client-chosen identity', async () => {
    const { token } = await oauth1aFlow('photos');
    const received = await reaching(async () => {
      const response = await call(token, 'POST', '/photos', {
        body: '{"title":"Vacation"}',
        contentType: 'application/json',
        headers: { 'X-OAuth-User': 'mallory', 'X-OAuth-Scope': 'admin' },
      });
      expect(response.status).toBe(200);
    });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: 'POST', url: '/photos', body: '{"title":"Vacation"}' });
    expect(received[0].headers['x-oauth-user']).toBe('alice');
    expect(received[0].headers['x-oauth-scope']).toBe('photos');
  });

  it('refuses a bad signature, a replay, an unknown or revoked token and a missing parameter with 401', async () => {
    const { token } = await oauth1aFlow('photos');
    const client = oauth1aClient();
    const url = `${proxy.baseUrl}/photos`;
    const received = await reaching(async () => {
      const forged = client.authorize({ url, method: 'GET' }, { key: token.key, secret: 'not-the-secret' });
      expectRefused(await fetch(url, { headers: headerOf(client, forged) }), 401);

      const once = headerOf(client, client.authorize({ url, method: 'GET' }, token));
      expect((await fetch(url, { headers: once })).status).toBe(200);
      const replay = await fetch(url, { headers: once });
      expectRefused(replay, 401);
      if (name === 'caddy') expect(await replay.text()).toContain('oauth_problem=nonce_used');

      expectRefused(await call({ key: 'unknownToken0000000000000000', secret: token.secret }, 'GET', '/photos'), 401);

      const incomplete: Partial<OAuth1a.Authorization> = client.authorize({ url, method: 'GET' }, token);
      delete incomplete.oauth_nonce;
      expectRefused(await fetch(url, { headers: headerOf(client, incomplete as OAuth1a.Authorization) }), 401);

      const revoked = await t
        .http()
        .post(`/v1/o/${ORG}/oauth1/accesstokens/${token.key}?action=revoke`)
        .set('Authorization', ADMIN_AUTH);
      expect(revoked.status).toBe(204);
      expectRefused(await call(token, 'GET', '/photos'), 401);
    });
    // Only the one genuine call reached the API.
    expect(received).toHaveLength(1);
  });

  it('refuses a token without the scope a route requires with 403, and passes one that has it', async () => {
    const photosOnly = await oauth1aFlow('photos');
    const admin = await oauth1aFlow('photos admin');
    const received = await reaching(async () => {
      expectRefused(await call(photosOnly.token, 'GET', '/admin/users'), 403);
      expect((await call(admin.token, 'GET', '/admin/users')).status).toBe(200);
    });
    expect(received).toHaveLength(1);
    expect(received[0].headers['x-oauth-scope']).toBe('photos admin');
  });

  it("refuses a read-only token's POST with 403 and passes its GET", async () => {
    const { token } = await oauth1aFlow('photos', 'read');
    const received = await reaching(async () => {
      expectRefused(await call(token, 'POST', '/photos', { body: '{}', contentType: 'application/json' }), 403);
      expect((await call(token, 'GET', '/photos')).status).toBe(200);
    });
    expect(received).toHaveLength(1);
    expect(received[0].headers['x-oauth-access-type']).toBe('read');
  });

  if (name === 'nginx') {
    it('refuses a request signed over a form body, which nginx does not pass to auth_request', async () => {
      const { token } = await oauth1aFlow('photos');
      const client = oauth1aClient();
      const url = `${proxy.baseUrl}/photos`;
      const data = { title: 'Vacation' };
      const signed = client.authorize({ url, method: 'POST', data }, token);
      const received = await reaching(async () => {
        const response = await fetch(url, {
          method: 'POST',
          headers: { ...headerOf(client, signed), 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(data),
        });
        expectRefused(response, 401);
      });
      expect(received).toHaveLength(0);
    });
  }
});

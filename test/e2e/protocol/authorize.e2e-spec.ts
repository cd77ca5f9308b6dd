import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { VerifierStore } from '../../../src/tokens/verifier.store.js';
import { createApiProduct, createAppUser, createConsumer, createDeveloper } from '../../support/factories.js';
import { OAuth1Flow, testAppFlow } from '../../support/oauth1-client.js';
import type { TokenPair } from '../../support/oauth1-client.js';
import { ADMIN_AUTH, startTestApp, TestApp } from '../../support/test-app.js';

const BASE = 'https://api.example.com';
const PAGE = '/oauth/oauth10/authorize';
const CALLBACK = 'https://client.example.com/ready';

type Consumer = Awaited<ReturnType<typeof createConsumer>>;

const csrfOf = (page: string) => /name="csrf_token" value="([^"]+)"/.exec(page)?.[1] ?? '';

function expectHtmlPage(response: Response, status: number): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(response.headers['cache-control']).toBe('no-store');
  expect(response.headers['x-frame-options']).toBe('DENY');
  expect(response.text).toMatch(/^<!doctype html>/);
  expect(response.text).not.toMatch(/ at .*\.(ts|js):\d+/);
}

describe('the authorize page over HTTP', () => {
  let t: TestApp;
  let consumer: Consumer;
  let owner: { id: string; password: string };
  let flow: OAuth1Flow<Response>;

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_BASE_URL: BASE, REQUEST_TOKEN_TTL_SECONDS: '300' });
    flow = testAppFlow(t, BASE);
    const product = await createApiProduct(t, { scopes: ['photos.read', 'photos.write'] });
    consumer = await createConsumer(t, { callbackUrl: CALLBACK, apiProducts: [product.name] });
    owner = await createAppUser(t, { displayName: 'Alice' });
  });
  afterAll(() => t.close());

  const requestToken = (c: Consumer = consumer, callback = CALLBACK, scope?: string) =>
    flow.requestToken(c, { callback, scope });

  const show = (token: string, path = PAGE) => t.http().get(path).query({ oauth_token: token });

  async function submit(token: string, fields: Record<string, string>, path = PAGE) {
    const csrf = csrfOf((await show(token)).text);
    return t
      .http()
      .post(path)
      .type('form')
      .send({ oauth_token: token, csrf_token: csrf, ...fields });
  }

  const approve = (token: string, as = owner, path = PAGE) =>
    submit(token, { action: 'approve', user_id: as.id, password: as.password }, path);

  const verifierOf = (token: string) => t.app.get(VerifierStore).findForRequestToken(token);

  const exchange = (c: Consumer, temporary: TokenPair, verifier: string) => flow.exchange(c, temporary, verifier);

  describe('GET', () => {
    it('renders the consent page naming the app, its developer, the scope and the callback origin', async () => {
      const temporary = await requestToken(consumer, `${CALLBACK}?state=xyz`, 'photos.read');
      const response = await show(temporary.token);
      expectHtmlPage(response, 200);
      expect(response.text).toMatch(/<meta name="viewport" content="width=device-width, initial-scale=1" ?\/?>/);
      expect(response.text).toContain(consumer.app.name);
      expect(response.text).toContain('Ada Lovelace');
      expect(response.text).toContain(consumer.developerEmail);
      expect(response.text).toContain('<code>photos.read</code>');
      expect(response.text).toContain('<strong id="callback-origin">https://client.example.com</strong>');
      expect(response.text).toContain(`name="oauth_token" value="${temporary.token}"`);
      expect(csrfOf(response.text)).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(response.text).toMatch(/<button type="submit" class="primary" name="action" value="approve">/);
      expect(response.text).toMatch(/<button type="submit" name="action" value="deny" formnovalidate>/);
      // Nothing to fetch: no script, no stylesheet or icon but inline ones, no other site.
      expect(response.text).not.toMatch(
        /<script|<link(?! rel="icon" href="data:,")|https?:\/\/(?!client\.example\.com)/i,
      );
    });

    it('sends the security headers, letting the form lead to the callback origin and nowhere else', async () => {
      const response = await show((await requestToken()).token);
      const policy = response.headers['content-security-policy'];
      expect(policy).toMatch(
        /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+={0,2}'; img-src 'self' data:; form-action 'self' https:\/\/client\.example\.com; frame-ancestors 'none'; base-uri 'none'$/,
      );
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['cache-control']).toBe('no-store');
    });

    it('allows the inline stylesheet by its hash', async () => {
      const { createHash } = await import('node:crypto');
      const response = await show((await requestToken()).token);
      const style = /<style>([\s\S]*?)<\/style>/.exec(response.text)?.[1] ?? '';
      const hash = createHash('sha256').update(style).digest('base64');
      expect(response.headers['content-security-policy']).toContain(`style-src 'sha256-${hash}'`);
    });

    it('says that an oob client gets a code to type in, and allows forms to our own origin only', async () => {
      const response = await show((await requestToken(consumer, 'oob')).token);
      expectHtmlPage(response, 200);
      expect(response.text).toContain('you will get a code to type into the app');
      expect(response.headers['content-security-policy']).toContain("form-action 'self';");
    });

    it('answers on the /oauth/authorize alias too', async () => {
      const response = await show((await requestToken()).token, '/oauth/authorize');
      expectHtmlPage(response, 200);
      expect(response.text).toContain(consumer.app.name);
    });

    it('shows an app, developer and scope made of markup as text', async () => {
      const developer = await createDeveloper(t, { firstName: '<script>alert(1)</script>', lastName: '"Quote\'s"' });
      const app = await t
        .http()
        .post(`/v1/o/acme/developers/${developer.email}/apps`)
        .set('Authorization', ADMIN_AUTH)
        .send({ name: '<img src=x onerror=alert(1)> & <script>alert(1)<script>' });
      expect(app.status).toBe(201);
      const [credential] = app.body.credentials;
      const hostile = { ...consumer, consumerKey: credential.consumerKey, consumerSecret: credential.consumerSecret };
      const temporary = await requestToken(hostile, 'oob', '<b>all</b>');
      const response = await show(temporary.token);
      expectHtmlPage(response, 200);
      expect(response.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;Quote&#39;s&quot;');
      expect(response.text).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &lt;script&gt;alert(1)&lt;script&gt;');
      expect(response.text).toContain('<code>&lt;b&gt;all&lt;/b&gt;</code>');
      expect(response.text).not.toContain('<script');
      expect(response.text).not.toContain('<img');
      expect(response.text).not.toContain('<b>');
    });
  });

  it('is described in the OpenAPI document as HTML pages, GET and POST, on every path', async () => {
    const { body } = await t.http().get('/docs/openapi.json');
    for (const path of [
      '/oauth/oauth10/authorize',
      '/oauth/authorize',
      '/oauth/oauth10/authenticate',
      '/oauth/authenticate',
    ]) {
      const { get, post } = body.paths[path];
      expect(get.parameters).toEqual([
        expect.objectContaining({ name: 'oauth_token', in: 'query', required: true }),
        expect.objectContaining({ name: 'force_login', in: 'query', required: false }),
      ]);
      expect(Object.keys(get.responses['200'].content)).toEqual(['text/html']);
      expect(Object.keys(post.requestBody.content)).toEqual(['application/x-www-form-urlencoded']);
      expect(Object.keys(post.responses).sort()).toEqual(['200', '302', '400', '403', '404', '410', '429']);
      expect(get.security).toBeUndefined();
    }
  });

  describe('errors', () => {
    it('answers 400 without oauth_token', async () => {
      const response = await t.http().get(PAGE);
      expectHtmlPage(response, 400);
      expect(response.text).toContain('No authorization request');
    });

    it('answers 404 for an unknown token, as HTML even to a client asking for JSON', async () => {
      const response = await show('NoSuchToken0000000000000000').set('Accept', 'application/json');
      expectHtmlPage(response, 404);
      expect(response.text).toContain('Unknown authorization request');
      expect(response.text).not.toContain('oauth_problem');
    });

    it('answers 410 for an expired token', async () => {
      const temporary = await requestToken();
      t.clock.advance(301_000);
      const response = await show(temporary.token);
      expectHtmlPage(response, 410);
      expect(response.text).toContain('This authorization request has expired');
    });

    it('answers 410 for a token revoked by an administrator', async () => {
      const temporary = await requestToken();
      const revoked = await t
        .http()
        .post(`/v1/o/acme/oauth1/requesttokens/${temporary.token}?action=revoke`)
        .set('Authorization', ADMIN_AUTH);
      expect(revoked.status).toBe(204);
      const response = await show(temporary.token);
      expectHtmlPage(response, 410);
      expect(response.text).toContain('was cancelled');
    });

    it('answers 410 for a token already exchanged for an access token', async () => {
      const temporary = await requestToken();
      const approved = await approve(temporary.token);
      const verifier = new URL(approved.headers.location).searchParams.get('oauth_verifier') ?? '';
      expect((await exchange(consumer, temporary, verifier)).status).toBe(200);
      const response = await show(temporary.token);
      expectHtmlPage(response, 410);
      expect(response.text).toContain('was already completed');
    });

    it("answers 403 when the token's app was revoked since", async () => {
      const revocable = await createConsumer(t, { callbackUrl: CALLBACK });
      const temporary = await requestToken(revocable);
      const path = `/v1/o/acme/developers/${revocable.developerEmail}/apps/${revocable.app.name}?action=revoke`;
      expect((await t.http().post(path).set('Authorization', ADMIN_AUTH)).status).toBe(204);
      expectHtmlPage(await show(temporary.token), 403);
    });

    it('answers a POST that is not a form with 400 HTML', async () => {
      const temporary = await requestToken();
      const response = await t.http().post(PAGE).send({ oauth_token: temporary.token, action: 'approve' });
      expectHtmlPage(response, 400);
    });

    it('answers a form whose bytes are not UTF-8 with 400 HTML and issues nothing', async () => {
      const temporary = await requestToken();
      const csrf = csrfOf((await show(temporary.token)).text);
      const fields = `oauth_token=${temporary.token}&csrf_token=${encodeURIComponent(csrf)}&action=approve`;
      // A valid sign-in, but with a password byte that is not UTF-8 (0xFF): it must not be guessed at.
      const body = Buffer.concat([
        Buffer.from(`${fields}&user_id=${owner.id}&password=`),
        Buffer.from([0xff]),
        Buffer.from(owner.password),
      ]);
      const response = await t.http().post(PAGE).set('Content-Type', 'application/x-www-form-urlencoded').send(body);
      expectHtmlPage(response, 400);
      expect(await verifierOf(temporary.token)).toBeNull();
    });

    it('answers a form without a known action with 400 HTML', async () => {
      const temporary = await requestToken();
      expectHtmlPage(await submit(temporary.token, { action: 'maybe' }), 400);
    });
  });

  describe('CSRF', () => {
    const post = (fields: Record<string, string>) => t.http().post(PAGE).type('form').send(fields);
    const credentials = () => ({ user_id: owner.id, password: owner.password });

    it('refuses a form without the CSRF token with 403, issuing nothing', async () => {
      const temporary = await requestToken();
      const response = await post({ oauth_token: temporary.token, action: 'approve', ...credentials() });
      expectHtmlPage(response, 403);
      expect(await verifierOf(temporary.token)).toBeNull();
    });

    it('refuses a wrong CSRF token, and the one of another request token', async () => {
      const temporary = await requestToken();
      const other = await requestToken();
      const otherCsrf = csrfOf((await show(other.token)).text);
      for (const csrf of ['wrong', otherCsrf, csrfOf((await show(temporary.token)).text).slice(1)]) {
        const response = await post({
          oauth_token: temporary.token,
          csrf_token: csrf,
          action: 'approve',
          ...credentials(),
        });
        expectHtmlPage(response, 403);
      }
      expect(await verifierOf(temporary.token)).toBeNull();
    });

    it('refuses a deny without the CSRF token, leaving the token usable', async () => {
      const temporary = await requestToken();
      expectHtmlPage(await post({ oauth_token: temporary.token, action: 'deny' }), 403);
      expectHtmlPage(await show(temporary.token), 200);
    });
  });

  describe('approve', () => {
    it('issues a verifier for the resource owner and redirects to the callback with it', async () => {
      const temporary = await requestToken();
      const response = await approve(temporary.token);
      expect(response.status).toBe(302);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      const location = new URL(response.headers.location);
      expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
      expect(location.searchParams.get('oauth_token')).toBe(temporary.token);
      const stored = await verifierOf(temporary.token);
      expect(stored).toMatchObject({ appUserId: owner.id, createdBy: 'oauth1.authorize' });
      expect(location.searchParams.get('oauth_verifier')).toBe(stored?.code);
      expect((await exchange(consumer, temporary, stored?.code ?? '')).status).toBe(200);
    });

    it("keeps the callback's own query string exactly and adds the parameters after it", async () => {
      const temporary = await requestToken(consumer, `${CALLBACK}?state=a%20b&x=1`);
      const response = await approve(temporary.token, owner, '/oauth/authorize');
      expect(response.status).toBe(302);
      const stored = await verifierOf(temporary.token);
      expect(response.headers.location).toBe(
        `${CALLBACK}?state=a%20b&x=1&oauth_token=${temporary.token}&oauth_verifier=${stored?.code}`,
      );
    });

    it('shows the verifier, grouped, for an oob callback', async () => {
      const temporary = await requestToken(consumer, 'oob');
      const response = await approve(temporary.token);
      expectHtmlPage(response, 200);
      const code = (await verifierOf(temporary.token))?.code ?? '';
      const groups = code.match(/.{1,4}/g)?.map((group) => `<span>${group}</span>`) ?? [];
      expect(response.text).toContain(`<p class="verifier" id="verifier">${groups.join('')}</p>`);
    });

    it('shows the page again with a message for a wrong password, an unknown user or an inactive one', async () => {
      const inactive = await createAppUser(t);
      const deactivated = await t
        .http()
        .put(`/v1/o/acme/appusers/${inactive.id}`)
        .set('Authorization', ADMIN_AUTH)
        .send({ status: 'inactive' });
      expect(deactivated.status).toBe(200);
      const temporary = await requestToken();
      for (const attempt of [
        { id: owner.id, password: 'wrong-password' },
        { id: 'nobody', password: owner.password },
        inactive,
      ]) {
        const response = await approve(temporary.token, attempt);
        expectHtmlPage(response, 200);
        expect(response.text).toContain('<p class="message" role="alert">The user ID or password is not right.</p>');
        expect(response.text).toMatch(new RegExp(`name="user_id"\\s+value="${attempt.id}"`));
        expect(response.text).not.toContain(attempt.password);
      }
      expect(await verifierOf(temporary.token)).toBeNull();
    });

    it('does not sign in a resource owner of another organization', async () => {
      const created = await t
        .http()
        .post('/v1/organizations')
        .set('Authorization', ADMIN_AUTH)
        .send({ name: 'globex', displayName: 'Globex' });
      expect(created.status).toBe(201);
      const stranger = await createAppUser(t, {}, 'globex');
      const temporary = await requestToken();
      const response = await approve(temporary.token, stranger);
      expectHtmlPage(response, 200);
      expect(response.text).toContain('The user ID or password is not right.');
      expect(await verifierOf(temporary.token)).toBeNull();
    });
  });

  describe('deny', () => {
    it('revokes the request token and redirects to the callback with denied', async () => {
      const temporary = await requestToken(consumer, `${CALLBACK}?state=xyz`);
      const response = await submit(temporary.token, { action: 'deny' });
      expect(response.status).toBe(302);
      expect(response.headers.location).toBe(`${CALLBACK}?state=xyz&denied=${temporary.token}`);
      const record = await t
        .http()
        .get(`/v1/o/acme/oauth1/requesttokens/${temporary.token}`)
        .set('Authorization', ADMIN_AUTH);
      expect(record.body).toMatchObject({ status: 'revoked', lastModifiedBy: 'oauth1.authorize' });
      expectHtmlPage(await show(temporary.token), 410);
    });

    it('says that access was denied for an oob callback', async () => {
      const temporary = await requestToken(consumer, 'oob');
      const response = await submit(temporary.token, { action: 'deny' });
      expectHtmlPage(response, 200);
      expect(response.text).toContain('Access denied');
    });
  });
});

describe('the authorize page under repeated failed sign-ins', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_BASE_URL: BASE, AUTH_FAILURE_LIMIT: '3', AUTH_FAILURE_WINDOW_SECONDS: '30' });
  });
  afterAll(() => t.close());

  it('answers 429 HTML with Retry-After after too many failures from one address, even to the right password', async () => {
    const consumer = await createConsumer(t);
    const owner = await createAppUser(t);
    const { token } = await testAppFlow(t, BASE).requestToken(consumer);
    const csrf = csrfOf((await t.http().get(PAGE).query({ oauth_token: token })).text);
    const attempt = (password: string) =>
      t
        .http()
        .post(PAGE)
        .type('form')
        .send({ oauth_token: token, csrf_token: csrf, action: 'approve', user_id: owner.id, password });

    for (let failure = 0; failure < 3; failure++) expect((await attempt('wrong-password')).status).toBe(200);
    const blocked = await attempt(owner.password);
    expectHtmlPage(blocked, 429);
    expect(blocked.headers['retry-after']).toBe('30');
    expect(blocked.text).toContain('Too many failed sign-ins');
    expect(await t.app.get(VerifierStore).findForRequestToken(token)).toBeNull();

    t.clock.advance(30_000);
    const approved = await attempt(owner.password);
    expectHtmlPage(approved, 200);
    expect(approved.text).toContain('id="verifier"');
  });
});

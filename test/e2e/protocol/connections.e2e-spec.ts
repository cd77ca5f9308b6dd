import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { AccessTokenStore } from '../../../src/tokens/access-token.store.js';
import { createApiProduct, createAppUser, createConsumer, createDeveloper } from '../../support/factories.js';
import { formFields, send, signRequest } from '../../support/oauth1-client.js';
import { ADMIN_AUTH, startTestApp, TestApp } from '../../support/test-app.js';

const BASE = 'https://api.example.com';
const PAGE = '/oauth/oauth10/connections';
const CALLBACK = 'https://client.example.com/ready';

type Consumer = Awaited<ReturnType<typeof createConsumer>>;
type Owner = { id: string; password: string };

const csrfOf = (page: string) => /name="csrf_token" value="([^"]+)"/.exec(page)?.[1] ?? '';
const setCookiesOf = (response: Response): string[] => {
  const header = response.headers['set-cookie'] as unknown;
  return Array.isArray(header) ? (header as string[]) : typeof header === 'string' ? [header] : [];
};
const cookieNamed = (response: Response, name: string) =>
  setCookiesOf(response).find((cookie) => cookie.startsWith(`${name}=`));
const cookieFrom = (setCookie: string | undefined) => (setCookie ?? '').split(';')[0];

function expectHtmlPage(response: Response, status: number): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(response.headers['cache-control']).toBe('no-store');
  expect(response.headers['x-frame-options']).toBe('DENY');
  expect(response.text).toMatch(/^<!doctype html>/);
  expect(response.text).not.toMatch(/ at .*\.(ts|js):\d+/);
}

describe('the connections page', () => {
  let t: TestApp;
  let photos: Consumer;
  let printer: Consumer;
  let sequence = 0;
  /** Each test signs in from its own address (TRUST_PROXY), so failed sign-ins count per test. */
  const nextAddress = () => `203.0.113.${++sequence}`;

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_BASE_URL: BASE, TRUST_PROXY: 'true', AUTH_FAILURE_LIMIT: '3' });
    const product = await createApiProduct(t, { scopes: ['photos.read', 'photos.write'] });
    photos = await createConsumer(t, { callbackUrl: CALLBACK, apiProducts: [product.name] });
    printer = await createConsumer(t, { callbackUrl: CALLBACK });
  });
  afterAll(() => t.close());

  /** The whole three-legged flow through the admin verifier API: an access token the owner granted. */
  async function grant(c: Consumer, owner: Owner, scope = '', accessType?: 'read' | 'write'): Promise<string> {
    const initiated = await send(
      t,
      signRequest(t, {
        url: `${BASE}/oauth/oauth10/initiate`,
        consumerKey: c.consumerKey,
        consumerSecret: c.consumerSecret,
        oauth: { oauth_callback: CALLBACK },
        form: [
          ...(scope === '' ? [] : [['scope', scope] as [string, string]]),
          ...(accessType === undefined ? [] : [['x_auth_access_type', accessType] as [string, string]]),
        ],
      }),
    );
    const temporary = formFields(initiated.text);
    const verifier = await t
      .http()
      .post('/v1/o/acme/oauth1/verifiers')
      .set('Authorization', ADMIN_AUTH)
      .send({ requestToken: temporary.oauth_token, appUserId: owner.id });
    const exchanged = await send(
      t,
      signRequest(t, {
        url: `${BASE}/oauth/oauth10/token`,
        consumerKey: c.consumerKey,
        consumerSecret: c.consumerSecret,
        token: temporary.oauth_token,
        tokenSecret: temporary.oauth_token_secret,
        oauth: { oauth_verifier: verifier.body.code },
      }),
    );
    expect(exchanged.status).toBe(200);
    return formFields(exchanged.text).oauth_token;
  }

  const statusOf = async (accessToken: string) =>
    (await t.http().get(`/v1/o/acme/oauth1/accesstokens/${accessToken}`).set('Authorization', ADMIN_AUTH)).body
      .status as string;

  /** Opens the sign-in form and submits it; returns the answer and the cookies a browser would now hold. */
  async function signIn(owner: Owner, address = nextAddress(), query = '') {
    const form = await t.http().get(`${PAGE}${query}`).set('X-Forwarded-For', address);
    const formCookie = cookieFrom(cookieNamed(form, 'oauth1_form'));
    const response = await t
      .http()
      .post(PAGE)
      .set('X-Forwarded-For', address)
      .set('Cookie', formCookie)
      .type('form')
      .send({
        csrf_token: csrfOf(form.text),
        org: 'acme',
        user_id: owner.id,
        password: owner.password,
        action: 'signin',
      });
    return { response, formCookie, session: cookieFrom(cookieNamed(response, 'oauth1_owner_session')) };
  }

  const showWith = (cookie: string, query = '') => t.http().get(`${PAGE}${query}`).set('Cookie', cookie);
  const postWith = (cookie: string, fields: Record<string, string>) =>
    t.http().post(PAGE).set('Cookie', cookie).type('form').send(fields);

  describe('signed out', () => {
    it('shows a sign-in form with a CSRF field matched by a SameSite=Strict cookie, under the page headers', async () => {
      const response = await t.http().get(PAGE);
      expectHtmlPage(response, 200);
      expect(response.text).toContain('Apps connected to your account');
      expect(response.text).toContain('name="password"');
      expect(response.text).toContain('name="org" value="acme"');
      const formCookie = cookieNamed(response, 'oauth1_form') ?? '';
      expect(formCookie).toMatch(/^oauth1_form=[A-Za-z0-9]{32}; Path=\/oauth; HttpOnly; SameSite=Strict; Secure$/);
      expect(csrfOf(response.text)).toBe(cookieFrom(formCookie).split('=')[1]);
      expect(response.headers['content-security-policy']).toMatch(
        /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+={0,2}'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'$/,
      );
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.text).not.toMatch(/<script/i);
    });

    it('takes the organization from ?org=', async () => {
      const response = await t.http().get(PAGE).query({ org: 'other-org' });
      expectHtmlPage(response, 200);
      expect(response.text).toContain('name="org" value="other-org"');
    });

    it('signs in: 303 back to the page with the session cookie', async () => {
      const owner = await createAppUser(t);
      const { response, session } = await signIn(owner);
      expect(response.status).toBe(303);
      expect(response.headers.location).toBe(PAGE);
      expect(session).toMatch(/^oauth1_owner_session=/);
      expect(cookieNamed(response, 'oauth1_owner_session')).toContain('SameSite=Lax');
    });

    it('shows the form again for a wrong password, then 429 after AUTH_FAILURE_LIMIT failures', async () => {
      const owner = await createAppUser(t);
      const address = nextAddress();
      for (let attempt = 0; attempt < 3; attempt++) {
        const { response } = await signIn({ id: owner.id, password: 'not-the-password' }, address);
        expectHtmlPage(response, 200);
        expect(response.text).toContain('The user ID or password is not right.');
        expect(response.text).toContain(`value="${owner.id}"`);
        expect(cookieNamed(response, 'oauth1_owner_session')).toBeUndefined();
      }
      const { response } = await signIn(owner, address);
      expectHtmlPage(response, 429);
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      expect(cookieNamed(response, 'oauth1_owner_session')).toBeUndefined();
    });

    it('refuses a sign-in without the form cookie, or with another value (403)', async () => {
      const owner = await createAppUser(t);
      const form = await t.http().get(PAGE);
      const fields = { csrf_token: csrfOf(form.text), user_id: owner.id, password: owner.password, action: 'signin' };
      expectHtmlPage(await postWith('', fields), 403);
      const response = await postWith('oauth1_form=AnotherValueAnotherValueAnotherVa', fields);
      expectHtmlPage(response, 403);
      expect(response.text).toContain('This form has expired or was not sent from this page');
    });

    it('refuses revoke and sign-out without a session (403)', async () => {
      expectHtmlPage(await postWith('', { action: 'revoke', app: 'any', csrf_token: 'x' }), 403);
      expectHtmlPage(await postWith('', { action: 'signout', csrf_token: 'x' }), 403);
    });

    it('answers 400 HTML to a body that is not a form, or without a known action', async () => {
      expectHtmlPage(await t.http().post(PAGE).send({ action: 'signin' }), 400);
      expectHtmlPage(await postWith('', { action: 'maybe' }), 400);
      expectHtmlPage(await postWith('', {}), 400);
    });
  });

  describe('signed in', () => {
    it('lists every app holding an approved access token, once, with developer, scope and grant time', async () => {
      const owner = await createAppUser(t, { displayName: 'Alice' });
      await grant(photos, owner, 'photos.read', 'read');
      t.clock.advance(1000);
      const used = await grant(photos, owner, 'photos.write');
      t.clock.advance(1000);
      await grant(printer, owner, '', 'read');
      await t.app.get(AccessTokenStore).recordUse(used, Date.UTC(2030, 0, 2, 3, 4));
      const someoneElse = await createAppUser(t);
      await grant(printer, someoneElse);
      const { session } = await signIn(owner);

      const response = await showWith(session);
      expectHtmlPage(response, 200);
      expect(response.text).toMatch(/Signed in as <strong id="signed-in-as">Alice<\/strong>/);
      const names = [...response.text.matchAll(/<h2 class="app-name">([^<]*)<\/h2>/g)].map((match) => match[1]);
      expect(names).toEqual([photos.app.name, printer.app.name]);
      expect(response.text).toContain('<code>photos.read</code>, <code>photos.write</code>');
      expect(response.text).toContain(photos.developerEmail);
      expect(response.text).toMatch(/<time datetime="\d{4}-\d\d-\d\dT[\d:.]+Z">\d{4}-\d\d-\d\d \d\d:\d\d UTC<\/time>/);
      expect(response.text).toContain(`name="app" value="${photos.app.appId}"`);
      const accessTypes = [...response.text.matchAll(/<dd class="access-type">([^<]*)<\/dd>/g)].map(
        (match) => match[1],
      );
      expect(accessTypes).toEqual(['Read and write', 'Read only']);
      const lastUsed = [...response.text.matchAll(/<dd class="last-used">(.*?)<\/dd>/g)].map((match) => match[1]);
      expect(lastUsed).toEqual(['<time datetime="2030-01-02T03:04:00.000Z">2030-01-02 03:04 UTC</time>', 'Never']);
      expect(response.text).not.toContain('consumerSecret');
    });

    it('says so when no app holds access', async () => {
      const { session } = await signIn(await createAppUser(t));
      const response = await showWith(session);
      expect(response.text).toContain('No app has access to your account.');
    });

    it('revokes every token of one app, and only of that app and that owner', async () => {
      const owner = await createAppUser(t);
      const first = await grant(photos, owner, 'photos.read');
      const second = await grant(photos, owner, 'photos.write');
      const kept = await grant(printer, owner);
      const someoneElse = await createAppUser(t);
      const othersToken = await grant(photos, someoneElse);
      const { session } = await signIn(owner);
      const page = await showWith(session);

      const response = await postWith(session, {
        csrf_token: csrfOf(page.text),
        action: 'revoke',
        app: photos.app.appId,
      });
      expectHtmlPage(response, 200);
      expect(response.text).toContain(`${photos.app.name} no longer has access to your account.`);
      expect(response.text).not.toContain(`<h2 class="app-name">${photos.app.name}</h2>`);
      expect(response.text).toContain(`<h2 class="app-name">${printer.app.name}</h2>`);
      expect(await statusOf(first)).toBe('revoked');
      expect(await statusOf(second)).toBe('revoked');
      expect(await statusOf(kept)).toBe('approved');
      expect(await statusOf(othersToken)).toBe('approved');
    });

    it('refuses a revoke without the CSRF field, with a wrong one, or with another session’s (403)', async () => {
      const owner = await createAppUser(t);
      const token = await grant(printer, owner);
      const { session } = await signIn(owner);
      const other = await signIn(await createAppUser(t));
      const othersCsrf = csrfOf((await showWith(other.session)).text);
      for (const csrf of [undefined, 'wrong', othersCsrf]) {
        const fields: Record<string, string> = { action: 'revoke', app: printer.app.appId };
        if (csrf !== undefined) fields.csrf_token = csrf;
        const response = await postWith(session, fields);
        expectHtmlPage(response, 403);
      }
      expect(await statusOf(token)).toBe('approved');
    });

    it('shows app and developer names made of markup as text', async () => {
      const developer = await createDeveloper(t, { firstName: '<script>alert(1)</script>', lastName: 'Mallory' });
      const created = await t
        .http()
        .post(`/v1/o/acme/developers/${developer.email}/apps`)
        .set('Authorization', ADMIN_AUTH)
        .send({ name: '<img src=x onerror=alert(1)>', callbackUrl: CALLBACK });
      const [credential] = created.body.credentials;
      const hostile = { ...photos, consumerKey: credential.consumerKey, consumerSecret: credential.consumerSecret };
      const owner = await createAppUser(t);
      await grant(hostile, owner);
      const { session } = await signIn(owner);
      const response = await showWith(session);
      expect(response.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(response.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Mallory');
      expect(response.text).not.toMatch(/<script|<img/);
    });

    it("shows the sign-in form for another ?org= than the session's", async () => {
      const { session } = await signIn(await createAppUser(t));
      const response = await showWith(session, '?org=other-org');
      expectHtmlPage(response, 200);
      expect(response.text).toContain('name="password"');
    });

    it('signs out: 303 back to the page, the cookie cleared', async () => {
      const { session } = await signIn(await createAppUser(t));
      const page = await showWith(session);
      const response = await postWith(session, { csrf_token: csrfOf(page.text), action: 'signout' });
      expect(response.status).toBe(303);
      expect(response.headers.location).toBe(PAGE);
      expect(cookieNamed(response, 'oauth1_owner_session')).toMatch(/^oauth1_owner_session=; .*Max-Age=0/);
    });
  });
});

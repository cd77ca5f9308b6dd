import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { VerifierStore } from '../../../src/tokens/verifier.store.js';
import { createApiProduct, createAppUser, createConsumer } from '../../support/factories.js';
import { formFields, send, signRequest } from '../../support/oauth1-client.js';
import { ADMIN_AUTH, startTestApp, TestApp } from '../../support/test-app.js';

const BASE = 'https://api.example.com';
const AUTHORIZE = '/oauth/oauth10/authorize';
const AUTHENTICATE = '/oauth/oauth10/authenticate';
const CALLBACK = 'https://client.example.com/ready';
const FORTNIGHT_SECONDS = 14 * 24 * 60 * 60;

type Consumer = Awaited<ReturnType<typeof createConsumer>>;
interface Temporary {
  token: string;
  secret: string;
}

const csrfOf = (page: string) => /name="csrf_token" value="([^"]+)"/.exec(page)?.[1] ?? '';
const setCookiesOf = (response: Response): string[] => {
  const header = response.headers['set-cookie'] as unknown;
  return Array.isArray(header) ? (header as string[]) : typeof header === 'string' ? [header] : [];
};
const sessionSetCookie = (response: Response) =>
  setCookiesOf(response).find((cookie) => cookie.startsWith('oauth1_owner_session='));
/** The Cookie header a browser would send back for a Set-Cookie. */
const cookieFrom = (setCookie: string | undefined) => (setCookie ?? '').split(';')[0];
const verifierIn = (response: Response) => new URL(response.headers.location).searchParams.get('oauth_verifier');

function expectHtmlPage(response: Response, status: number): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(response.headers['cache-control']).toBe('no-store');
  expect(response.text).toMatch(/^<!doctype html>/);
}

describe('authenticate ("Sign in with") and the resource-owner session', () => {
  let t: TestApp;
  let consumer: Consumer;
  let owner: { id: string; password: string };

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_BASE_URL: BASE });
    const product = await createApiProduct(t, { scopes: ['photos.read', 'photos.write'] });
    consumer = await createConsumer(t, { callbackUrl: CALLBACK, apiProducts: [product.name] });
    owner = await createAppUser(t, { displayName: 'Alice' });
  });
  afterAll(() => t.close());

  async function requestToken(
    c: Consumer = consumer,
    scope = 'photos.read',
    callback = CALLBACK,
    accessType?: 'read' | 'write',
  ): Promise<Temporary> {
    const response = await send(
      t,
      signRequest(t, {
        url: `${BASE}/oauth/oauth10/initiate`,
        consumerKey: c.consumerKey,
        consumerSecret: c.consumerSecret,
        oauth: { oauth_callback: callback },
        form: [
          ['scope', scope],
          ...(accessType === undefined ? [] : [['x_auth_access_type', accessType] as [string, string]]),
        ],
      }),
    );
    expect(response.status).toBe(200);
    const fields = formFields(response.text);
    return { token: fields.oauth_token, secret: fields.oauth_token_secret };
  }

  const show = (token: string, path: string, cookie = '', query: Record<string, string> = {}) =>
    t
      .http()
      .get(path)
      .query({ oauth_token: token, ...query })
      .set('Cookie', cookie);

  const post = (path: string, cookie: string, fields: Record<string, string>) =>
    t.http().post(path).set('Cookie', cookie).type('form').send(fields);

  /** Signs in with the password on the authorize page and approves; returns the response and the session cookie. */
  async function signInAndApprove(temporary: Temporary, as = owner): Promise<{ response: Response; cookie: string }> {
    const csrf = csrfOf((await show(temporary.token, AUTHORIZE)).text);
    const response = await post(AUTHORIZE, '', {
      oauth_token: temporary.token,
      csrf_token: csrf,
      action: 'approve',
      user_id: as.id,
      password: as.password,
    });
    return { response, cookie: cookieFrom(sessionSetCookie(response)) };
  }

  async function exchange(temporary: Temporary, verifier: string, c: Consumer = consumer): Promise<Temporary> {
    const response = await send(
      t,
      signRequest(t, {
        url: `${BASE}/oauth/oauth10/token`,
        consumerKey: c.consumerKey,
        consumerSecret: c.consumerSecret,
        token: temporary.token,
        tokenSecret: temporary.secret,
        oauth: { oauth_verifier: verifier },
      }),
    );
    expect(response.status).toBe(200);
    const fields = formFields(response.text);
    return { token: fields.oauth_token, secret: fields.oauth_token_secret };
  }

  /** A session for a new owner who already granted the consumer an access token for `scope`. */
  async function ownerWithGrant(
    scope = 'photos.read',
    accessType?: 'read' | 'write',
  ): Promise<{ cookie: string; accessToken: string }> {
    const grantor = await createAppUser(t);
    const temporary = await requestToken(consumer, scope, CALLBACK, accessType);
    const { response, cookie } = await signInAndApprove(temporary, grantor);
    expect(response.status).toBe(302);
    const access = await exchange(temporary, verifierIn(response) ?? '');
    return { cookie, accessToken: access.token };
  }

  const verifierOf = (token: string) => t.app.get(VerifierStore).findForRequestToken(token);

  describe('the session cookie', () => {
    it('is set by a password sign-in: HttpOnly, SameSite=Lax, Secure (https), for /oauth, 14 days', async () => {
      const { response } = await signInAndApprove(await requestToken());
      expect(response.status).toBe(302);
      const setCookie = sessionSetCookie(response) ?? '';
      expect(setCookie).toMatch(/^oauth1_owner_session=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.\d+\.[A-Za-z0-9_-]{43}; /);
      expect(setCookie.split('; ').slice(1).sort()).toEqual(
        ['HttpOnly', `Max-Age=${FORTNIGHT_SECONDS}`, 'Path=/oauth', 'SameSite=Lax', 'Secure'].sort(),
      );
      expect(setCookie).not.toContain(owner.password);
    });

    it('lets the signed-in owner approve on the authorize page without a password', async () => {
      const { cookie } = await signInAndApprove(await requestToken());
      const temporary = await requestToken();
      const page = await show(temporary.token, AUTHORIZE, cookie);
      expectHtmlPage(page, 200);
      expect(page.text).toMatch(/Signed in as <strong id="signed-in-as">Alice<\/strong>/);
      expect(page.text).not.toContain('name="password"');
      const response = await post(AUTHORIZE, cookie, {
        oauth_token: temporary.token,
        csrf_token: csrfOf(page.text),
        action: 'approve',
      });
      expect(response.status).toBe(302);
      expect((await verifierOf(temporary.token))?.appUserId).toBe(owner.id);
    });

    it("does not let a form with the token's plain CSRF value approve for the session", async () => {
      // The client holds the request-token secret, so it can compute the page's CSRF value for a page without a
      // session; approving for the session takes the value of a page rendered for that session.
      const { cookie } = await signInAndApprove(await requestToken());
      const temporary = await requestToken();
      const plainCsrf = csrfOf((await show(temporary.token, AUTHORIZE)).text);
      const response = await post(AUTHORIZE, cookie, {
        oauth_token: temporary.token,
        csrf_token: plainCsrf,
        action: 'approve',
      });
      expectHtmlPage(response, 200);
      expect(response.text).toContain('Sign in to approve.');
      expect(await verifierOf(temporary.token)).toBeNull();
    });

    it('is ignored when tampered with, and after OWNER_SESSION_SECONDS', async () => {
      const { cookie } = await signInAndApprove(await requestToken());
      const other = await createAppUser(t);
      const [organization, , expiresAt, signature] = cookie.split('=')[1].split('.');
      const forged = `oauth1_owner_session=${organization}.${Buffer.from(other.id).toString('base64url')}.${expiresAt}.${signature}`;
      const stretched = `oauth1_owner_session=${organization}.${cookie.split('.')[1]}.${Number(expiresAt) + 1}.${signature}`;
      const temporary = await requestToken();
      for (const sent of [forged, stretched, 'oauth1_owner_session=garbage']) {
        const page = await show(temporary.token, AUTHORIZE, sent);
        expectHtmlPage(page, 200);
        expect(page.text).toContain('name="password"');
      }
      expect((await show(temporary.token, AUTHORIZE, cookie)).text).not.toContain('name="password"');
      t.clock.advance(FORTNIGHT_SECONDS * 1000 + 1000);
      const later = await requestToken();
      expect((await show(later.token, AUTHORIZE, cookie)).text).toContain('name="password"');
    });

    it("ends with a new password, or the owner's deactivation", async () => {
      const changing = await createAppUser(t);
      const { cookie } = await signInAndApprove(await requestToken(), changing);
      const temporary = await requestToken();
      expect((await show(temporary.token, AUTHORIZE, cookie)).text).not.toContain('name="password"');
      const changed = await t
        .http()
        .put(`/v1/o/acme/appusers/${changing.id}`)
        .set('Authorization', ADMIN_AUTH)
        .send({ password: 'a-new-password-2' });
      expect(changed.status).toBe(200);
      expect((await show(temporary.token, AUTHORIZE, cookie)).text).toContain('name="password"');

      const deactivated = await createAppUser(t);
      const second = await signInAndApprove(await requestToken(), deactivated);
      await t
        .http()
        .put(`/v1/o/acme/appusers/${deactivated.id}`)
        .set('Authorization', ADMIN_AUTH)
        .send({ status: 'inactive' });
      expect((await show(temporary.token, AUTHORIZE, second.cookie)).text).toContain('name="password"');
    });

    it('ends on sign-out: the cookie is cleared and the page asks for the password again', async () => {
      const { cookie } = await signInAndApprove(await requestToken());
      const temporary = await requestToken();
      const page = await show(temporary.token, AUTHORIZE, cookie);
      expect(page.text).toMatch(/<button type="submit" class="link" name="action" value="signout">/);
      const response = await post(AUTHORIZE, cookie, {
        oauth_token: temporary.token,
        csrf_token: csrfOf(page.text),
        action: 'signout',
      });
      expectHtmlPage(response, 200);
      expect(sessionSetCookie(response)).toMatch(
        /^oauth1_owner_session=; Path=\/oauth; HttpOnly; SameSite=Lax; Max-Age=0/,
      );
      expect(response.text).toContain('name="password"');
    });

    it('refuses a sign-out without the CSRF field (403) and keeps the session', async () => {
      const { cookie } = await signInAndApprove(await requestToken());
      const temporary = await requestToken();
      const response = await post(AUTHORIZE, cookie, { oauth_token: temporary.token, action: 'signout' });
      expectHtmlPage(response, 403);
      expect(sessionSetCookie(response)).toBeUndefined();
    });
  });

  describe('authenticate', () => {
    it('shows the authorize page without a session', async () => {
      const temporary = await requestToken();
      const page = await show(temporary.token, AUTHENTICATE);
      expectHtmlPage(page, 200);
      expect(page.text).toContain(consumer.app.name);
      expect(page.text).toContain('name="password"');
      expect(page.headers['content-security-policy']).toContain("form-action 'self' https://client.example.com");
    });

    it('skips the page for an owner who already granted the app that scope: 302 with a verifier', async () => {
      const { cookie } = await ownerWithGrant('photos.read photos.write');
      const temporary = await requestToken(consumer, 'photos.read');
      const response = await show(temporary.token, AUTHENTICATE, cookie);
      expect(response.status).toBe(302);
      expect(response.headers.location).toMatch(/^https:\/\/client\.example\.com\/ready\?oauth_token=/);
      const verifier = verifierIn(response) ?? '';
      const stored = await verifierOf(temporary.token);
      expect(stored?.code).toBe(verifier);
      const access = await exchange(temporary, verifier);
      expect(access.token).toMatch(/^[A-Za-z0-9]+$/);
    });

    it('answers on the /oauth/authenticate alias too', async () => {
      const { cookie } = await ownerWithGrant();
      const temporary = await requestToken();
      expect((await show(temporary.token, '/oauth/authenticate', cookie)).status).toBe(302);
    });

    it('shows the verifier at once to an oob client', async () => {
      const { cookie } = await ownerWithGrant();
      const temporary = await requestToken(consumer, 'photos.read', 'oob');
      const response = await show(temporary.token, AUTHENTICATE, cookie);
      expectHtmlPage(response, 200);
      expect(response.text).toContain('id="verifier"');
      expect((await verifierOf(temporary.token))?.code).toMatch(/^[A-Za-z0-9]{20}$/);
    });

    it('shows the page when the app asks for more than was granted', async () => {
      const { cookie } = await ownerWithGrant('photos.read');
      const temporary = await requestToken(consumer, 'photos.read photos.write');
      const page = await show(temporary.token, AUTHENTICATE, cookie);
      expectHtmlPage(page, 200);
      expect(page.text).toContain('id="signed-in-as"');
      expect(await verifierOf(temporary.token)).toBeNull();
    });

    it('skips for a read-only request when write access was granted, not the other way round', async () => {
      const writer = await ownerWithGrant('photos.read', 'write');
      const readOnly = await requestToken(consumer, 'photos.read', CALLBACK, 'read');
      expect((await show(readOnly.token, AUTHENTICATE, writer.cookie)).status).toBe(302);

      const reader = await ownerWithGrant('photos.read', 'read');
      const writing = await requestToken(consumer, 'photos.read', CALLBACK, 'write');
      const page = await show(writing.token, AUTHENTICATE, reader.cookie);
      expectHtmlPage(page, 200);
      expect(await verifierOf(writing.token)).toBeNull();
      const alsoReadOnly = await requestToken(consumer, 'photos.read', CALLBACK, 'read');
      expect((await show(alsoReadOnly.token, AUTHENTICATE, reader.cookie)).status).toBe(302);
    });

    it('says "Read only" on the page for a read-only request', async () => {
      const readOnly = await show((await requestToken(consumer, 'photos.read', CALLBACK, 'read')).token, AUTHENTICATE);
      expect(readOnly.text).toContain('<dd id="access-type"><strong>Read only</strong>');
      const writing = await show((await requestToken()).token, AUTHENTICATE);
      expect(writing.text).not.toContain('id="access-type"');
    });

    it('shows the page when the grant was for another app, or has been revoked', async () => {
      const { cookie, accessToken } = await ownerWithGrant();
      const otherApp = await createConsumer(t, { callbackUrl: CALLBACK });
      const forOtherApp = await requestToken(otherApp, '');
      expectHtmlPage(await show(forOtherApp.token, AUTHENTICATE, cookie), 200);

      const revoked = await t
        .http()
        .post(`/v1/o/acme/oauth1/accesstokens/${accessToken}?action=revoke`)
        .set('Authorization', ADMIN_AUTH);
      expect(revoked.status).toBe(204);
      const temporary = await requestToken();
      expectHtmlPage(await show(temporary.token, AUTHENTICATE, cookie), 200);
      expect(await verifierOf(temporary.token)).toBeNull();
    });

    it('asks for the password again with force_login=true, even with a session and a grant', async () => {
      const { cookie } = await ownerWithGrant();
      const temporary = await requestToken();
      const page = await show(temporary.token, AUTHENTICATE, cookie, { force_login: 'true' });
      expectHtmlPage(page, 200);
      expect(page.text).toContain('name="password"');
      expect(page.text).not.toContain('id="signed-in-as"');
      expect(await verifierOf(temporary.token)).toBeNull();
    });

    it('never skips the authorize page, whatever was granted', async () => {
      const { cookie } = await ownerWithGrant();
      const temporary = await requestToken();
      const page = await show(temporary.token, AUTHORIZE, cookie);
      expectHtmlPage(page, 200);
      expect(page.text).toContain('id="signed-in-as"');
      expect(await verifierOf(temporary.token)).toBeNull();
    });

    it('takes the POST of its own form: approves with a password', async () => {
      const temporary = await requestToken();
      const csrf = csrfOf((await show(temporary.token, AUTHENTICATE)).text);
      const response = await post(AUTHENTICATE, '', {
        oauth_token: temporary.token,
        csrf_token: csrf,
        action: 'approve',
        user_id: owner.id,
        password: owner.password,
      });
      expect(response.status).toBe(302);
      expect(sessionSetCookie(response)).toBeDefined();
    });

    it('answers the same HTML errors as authorize', async () => {
      expectHtmlPage(await t.http().get(AUTHENTICATE), 400);
      expectHtmlPage(await show('NoSuchToken0000000000000000', AUTHENTICATE), 404);
    });
  });
});

describe('the session cookie behind a TLS-terminating proxy (TRUST_PROXY, no PUBLIC_BASE_URL)', () => {
  let t: TestApp;
  let consumer: Consumer;
  let owner: { id: string; password: string };

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'true' });
    consumer = await createConsumer(t, { callbackUrl: CALLBACK });
    owner = await createAppUser(t);
  });
  afterAll(() => t.close());

  async function signInOver(proto: 'http' | 'https'): Promise<string | undefined> {
    const signed = signRequest(t, {
      url: `${proto}://oauth.example.com/oauth/oauth10/initiate`,
      consumerKey: consumer.consumerKey,
      consumerSecret: consumer.consumerSecret,
      oauth: { oauth_callback: CALLBACK },
    });
    const initiated = await send(t, {
      ...signed,
      headers: { ...signed.headers, 'x-forwarded-proto': proto, 'x-forwarded-host': 'oauth.example.com' },
    });
    expect(initiated.status).toBe(200);
    const token = formFields(initiated.text).oauth_token;
    const page = await t.http().get(AUTHORIZE).query({ oauth_token: token });
    const response = await t
      .http()
      .post(AUTHORIZE)
      .set('X-Forwarded-Proto', proto)
      .type('form')
      .send({
        oauth_token: token,
        csrf_token: csrfOf(page.text),
        action: 'approve',
        user_id: owner.id,
        password: owner.password,
      });
    expect(response.status).toBe(302);
    return sessionSetCookie(response);
  }

  it('is Secure when X-Forwarded-Proto says https, and only then', async () => {
    expect((await signInOver('https'))?.split('; ')).toContain('Secure');
    expect((await signInOver('http'))?.split('; ')).not.toContain('Secure');
  });
});

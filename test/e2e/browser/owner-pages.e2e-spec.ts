import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import request from 'supertest';
import { VerifierStore } from '../../../src/tokens/verifier.store.js';
import { ARTIFACTS, launchChromium, startCallbackServer } from '../../support/browser.js';
import type { CallbackServer } from '../../support/browser.js';
import { createAppUser, createConsumer, createDeveloper } from '../../support/factories.js';
import { accessToken, nodeOAuthClient, requestToken } from '../../support/node-oauth.js';
import { listen } from '../../support/oauth1-client.js';
import { ADMIN_AUTH, startTestApp, TestApp } from '../../support/test-app.js';

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true };
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };
const SESSION_COOKIE = 'oauth1_owner_session';

describe('"Sign in with" and the connections page in Chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let callback: CallbackServer;
  let consumer: Awaited<ReturnType<typeof createConsumer>>;
  let context: BrowserContext;
  let page: Page;
  /** Content-Security-Policy reports and page errors: the pages must run clean under their own policy. */
  let problems: string[];

  beforeAll(async () => {
    browser = await launchChromium();
    t = await startTestApp();
    base = await listen(t);
    callback = await startCallbackServer();
    consumer = await createConsumer(t, { callbackUrl: `${callback.origin}/callback` });
  });
  afterAll(async () => {
    await browser?.close();
    await callback?.close();
    await t?.close();
  });

  async function openContext(options: BrowserContextOptions = DESKTOP): Promise<Page> {
    context = await browser.newContext(options);
    context.setDefaultTimeout(10_000);
    const opened = await context.newPage();
    opened.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    opened.on('pageerror', (error) => problems.push(error.message));
    return opened;
  }

  beforeEach(async () => {
    problems = [];
    page = await openContext();
  });
  afterEach(async () => {
    await context?.close();
    expect(problems).toEqual([]);
  });

  const client = () => nodeOAuthClient(base, consumer, `${callback.origin}/callback`);
  const landedOnCallback = (target: Page) =>
    target.waitForURL((url) => url.origin === callback.origin, { waitUntil: 'load' });
  const sessionCookie = async () => (await context.cookies()).find((cookie) => cookie.name === SESSION_COOKIE);

  async function signInAndApprove(target: Page, owner: { id: string; password: string }): Promise<void> {
    await target.fill('#user_id', owner.id);
    await target.fill('#password', owner.password);
    await target.click('button[value="approve"]');
  }

  /** The whole flow in this browser on authenticate, with a password: the owner now holds an access token. */
  async function grantWithPassword(owner: { id: string; password: string }): Promise<void> {
    const oauthClient = client();
    const temporary = await requestToken(oauthClient);
    await page.goto(`${base}/oauth/oauth10/authenticate?oauth_token=${temporary.token}`);
    await page.waitForSelector('#app-name');
    await signInAndApprove(page, owner);
    await landedOnCallback(page);
    const verifier = new URL(page.url()).searchParams.get('oauth_verifier') ?? '';
    await accessToken(oauthClient, temporary.token, temporary.secret, verifier);
  }

  it('signs in on authenticate, then skips the page the next time: straight back to the client', async () => {
    const owner = await createAppUser(t, { displayName: 'Alice' });
    await grantWithPassword(owner);
    const cookie = await sessionCookie();
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/oauth', secure: false });

    const oauthClient = client();
    const temporary = await requestToken(oauthClient);
    const seen: string[] = [];
    page.on('framenavigated', (frame) => seen.push(frame.url()));
    await page.goto(`${base}/oauth/oauth10/authenticate?oauth_token=${temporary.token}`);
    await landedOnCallback(page);
    // No page was shown: the browser went from authenticate to the callback in one redirect.
    expect(seen.some((url) => url.startsWith(base))).toBe(false);
    const verifier = new URL(page.url()).searchParams.get('oauth_verifier') ?? '';
    expect((await t.app.get(VerifierStore).findForRequestToken(temporary.token))?.appUserId).toBe(owner.id);
    await expect(accessToken(oauthClient, temporary.token, temporary.secret, verifier)).resolves.toBeDefined();
  });

  it('shows the page to the signed-in owner on authorize, approving without a password', async () => {
    const owner = await createAppUser(t, { displayName: 'Alice' });
    await grantWithPassword(owner);
    const temporary = await requestToken(client());
    await page.goto(`${base}/oauth/oauth10/authorize?oauth_token=${temporary.token}`);
    await page.waitForSelector('#signed-in-as');
    expect(await page.textContent('#signed-in-as')).toBe('Alice');
    expect(await page.locator('#password').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'authorize-signed-in-desktop.png'), fullPage: true });
    await page.click('button[value="approve"]');
    await landedOnCallback(page);
    expect(new URL(page.url()).searchParams.get('oauth_verifier')).toMatch(/^[A-Za-z0-9]{20}$/);
  });

  it('asks for the password with force_login=true, despite the session and the grant', async () => {
    const owner = await createAppUser(t);
    await grantWithPassword(owner);
    const temporary = await requestToken(client());
    await page.goto(`${base}/oauth/oauth10/authenticate?oauth_token=${temporary.token}&force_login=true`);
    await page.waitForSelector('#password');
    expect(await page.locator('#signed-in-as').count()).toBe(0);
    await signInAndApprove(page, owner);
    await landedOnCallback(page);
  });

  it('signs out: the cookie is gone and the page asks for the password again', async () => {
    const owner = await createAppUser(t);
    await grantWithPassword(owner);
    const temporary = await requestToken(client());
    await page.goto(`${base}/oauth/oauth10/authorize?oauth_token=${temporary.token}`);
    await page.waitForSelector('#signed-in-as');
    await page.click('button[value="signout"]');
    await page.waitForSelector('#password');
    expect(await sessionCookie()).toBeUndefined();
    expect(await page.locator('#signed-in-as').count()).toBe(0);
  });

  describe('the connections page', () => {
    async function signInOnConnections(owner: { id: string; password: string }): Promise<void> {
      await page.goto(`${base}/oauth/oauth10/connections`);
      await page.fill('#user_id', owner.id);
      await page.fill('#password', owner.password);
      await page.click('button[value="signin"]');
      await page.waitForSelector('#signed-in-as');
    }

    it('signs in, lists the connected app and revokes it; the client is then refused', async () => {
      const owner = await createAppUser(t, { displayName: 'Alice' });
      const oauthClient = client();
      const temporary = await requestToken(oauthClient);
      await page.goto(`${base}/oauth/oauth10/authorize?oauth_token=${temporary.token}`);
      await signInAndApprove(page, owner);
      await landedOnCallback(page);
      const verifier = new URL(page.url()).searchParams.get('oauth_verifier') ?? '';
      const credentials = await accessToken(oauthClient, temporary.token, temporary.secret, verifier);
      await context.clearCookies();

      await signInOnConnections(owner);
      expect(await page.locator('.app-name').allTextContents()).toEqual([consumer.app.name]);
      await page.screenshot({ path: join(ARTIFACTS, 'connections-desktop.png'), fullPage: true });
      await page.click('button[value="revoke"]');
      await page.waitForSelector('.notice');
      expect(await page.textContent('.notice')).toBe(`${consumer.app.name} no longer has access to your account.`);
      expect(await page.locator('.app-name').count()).toBe(0);
      expect(await page.textContent('#no-connections')).toBe('No app has access to your account.');

      const resource = `${base}/photos/1`;
      const verified = await request(base)
        .post('/oauth/oauth10/verify')
        .set('Authorization', ADMIN_AUTH)
        .send({
          method: 'GET',
          url: resource,
          authorization: oauthClient.authHeader(resource, credentials.token, credentials.secret, 'GET'),
        });
      expect(verified.status).toBe(401);
      expect(verified.text).toContain('token_revoked');
    });

    it('refuses a revoke whose CSRF field was tampered with (403 page), leaving the app connected', async () => {
      const owner = await createAppUser(t);
      await grantWithPassword(owner);
      await page.goto(`${base}/oauth/oauth10/connections`);
      await page.waitForSelector('.app-name');
      // Run in the page (these tests are compiled without the DOM's types, so the expression is a string).
      await page.evaluate("document.querySelector('input[name=csrf_token]').value = 'forged'");
      const refused = page.waitForResponse((response) => response.request().method() === 'POST');
      await page.click('button[value="revoke"]');
      expect((await refused).status()).toBe(403);
      expect(await page.textContent('h1')).toBe('This form has expired or was not sent from this page');
      // Chromium reports the 403 itself on the console; nothing else may be there.
      expect(problems).toEqual([expect.stringContaining('403')]);
      problems = [];
      await page.goto(`${base}/oauth/oauth10/connections`);
      expect(await page.locator('.app-name').allTextContents()).toEqual([consumer.app.name]);
    });

    it('shows app and developer names made of markup as text, running nothing', async () => {
      const developer = await createDeveloper(t, { firstName: '<script>alert(1)</script>', lastName: 'Mallory' });
      const created = await request(base)
        .post(`/v1/o/acme/developers/${developer.email}/apps`)
        .set('Authorization', ADMIN_AUTH)
        .send({ name: '<img src=x onerror=alert(1)>', callbackUrl: `${callback.origin}/callback` });
      const [credential] = created.body.credentials;
      const hostileClient = nodeOAuthClient(base, credential, `${callback.origin}/callback`);
      const owner = await createAppUser(t);
      const temporary = await requestToken(hostileClient);
      await page.goto(`${base}/oauth/oauth10/authorize?oauth_token=${temporary.token}`);
      await signInAndApprove(page, owner);
      await landedOnCallback(page);
      const verifier = new URL(page.url()).searchParams.get('oauth_verifier') ?? '';
      await accessToken(hostileClient, temporary.token, temporary.secret, verifier);

      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await page.goto(`${base}/oauth/oauth10/connections`);
      await page.waitForSelector('.app-name');
      expect(await page.textContent('.app-name')).toBe('<img src=x onerror=alert(1)>');
      expect(await page.textContent('.connection dd')).toContain('<script>alert(1)</script> Mallory');
      expect(await page.locator('script, img').count()).toBe(0);
      expect(dialogs).toEqual([]);
    });

    it('loads nothing but itself under its CSP, and fits a phone (screenshots in test-artifacts/)', async () => {
      const owner = await createAppUser(t, { displayName: 'Alice' });
      await grantWithPassword(owner);
      await context.close();
      page = await openContext(PHONE);
      const answer = await page.goto(`${base}/oauth/oauth10/connections`);
      expect(answer?.headers()['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-/);
      await page.screenshot({ path: join(ARTIFACTS, 'connections-sign-in-phone.png'), fullPage: true });
      await page.fill('#user_id', owner.id);
      await page.fill('#password', owner.password);
      await page.click('button[value="signin"]');
      await page.waitForSelector('.app-name');
      const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
      const mainWidth = await page.evaluate<string>("getComputedStyle(document.querySelector('main')).maxWidth");
      expect(overflow).toBeLessThanOrEqual(0);
      // The inline stylesheet applied (its CSP hash matched).
      expect(mainWidth).toBe('480px');
      await page.screenshot({ path: join(ARTIFACTS, 'connections-phone.png'), fullPage: true });
      await page.click('button[value="signout"]');
      await page.waitForSelector('#password');
      expect(await sessionCookie()).toBeUndefined();
    });
  });
});

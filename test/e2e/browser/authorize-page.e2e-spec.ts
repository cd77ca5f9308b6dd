import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import request from 'supertest';
import { VerifierStore } from '../../../src/tokens/verifier.store.js';
import { ARTIFACTS, launchChromium, startCallbackServer } from '../../support/browser.js';
import type { CallbackServer } from '../../support/browser.js';
import { createAppUser, createConsumer, createDeveloper } from '../../support/factories.js';
import { accessToken, nodeOAuthClient, requestToken } from '../../support/node-oauth.js';
import type { NodeOAuth } from '../../support/node-oauth.js';
import { listen } from '../../support/oauth1-client.js';
import { ADMIN_AUTH, startTestApp, TestApp } from '../../support/test-app.js';

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true };
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };

describe('the authorize page in Chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let callback: CallbackServer;
  let consumer: Awaited<ReturnType<typeof createConsumer>>;
  let owner: { id: string; password: string };
  let context: BrowserContext;
  let page: Page;
  /** Content-Security-Policy reports and page errors: the page must run clean under its own policy. */
  let problems: string[];

  beforeAll(async () => {
    browser = await launchChromium();
    t = await startTestApp();
    base = await listen(t);
    callback = await startCallbackServer();
    consumer = await createConsumer(t, { callbackUrl: `${callback.origin}/callback` });
    owner = await createAppUser(t, { displayName: 'Alice' });
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

  /** What a person does: open the link the client sent them to and wait for the page. */
  async function openAuthorizePage(target: Page, token: string): Promise<void> {
    await target.goto(`${base}/oauth/oauth10/authorize?oauth_token=${token}`);
    await target.waitForSelector('#app-name');
  }

  async function signInAndApprove(target: Page, as = owner): Promise<void> {
    await target.fill('#user_id', as.id);
    await target.fill('#password', as.password);
    await target.click('button[value="approve"]');
  }

  const landedOnCallback = (target: Page) =>
    target.waitForURL((url) => url.origin === callback.origin, { waitUntil: 'load' });

  const verify = (client: NodeOAuth, credentials: { token: string; secret: string }) => {
    const resource = `${base}/photos/1`;
    return request(base)
      .post('/oauth/oauth10/verify')
      .set('Authorization', ADMIN_AUTH)
      .send({
        method: 'GET',
        url: resource,
        authorization: client.authHeader(resource, credentials.token, credentials.secret, 'GET'),
      });
  };

  it('approves: the person signs in, lands on the callback with the verifier, and the client completes the flow', async () => {
    const client = nodeOAuthClient(base, consumer, `${callback.origin}/callback`);
    const temporary = await requestToken(client);
    await openAuthorizePage(page, temporary.token);
    expect(await page.textContent('#app-name')).toBe(consumer.app.name);
    expect(await page.textContent('#callback-origin')).toBe(callback.origin);

    await signInAndApprove(page);
    await landedOnCallback(page);
    const landed = new URL(page.url());
    expect(landed.pathname).toBe('/callback');
    expect(landed.searchParams.get('oauth_token')).toBe(temporary.token);
    const verifier = landed.searchParams.get('oauth_verifier') ?? '';
    expect(verifier).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(await page.textContent('#client-callback')).toBe('Back at the client');
    const seen = callback.requests.find((url) => url.searchParams.get('oauth_token') === temporary.token);
    expect(seen?.searchParams.get('oauth_verifier')).toBe(verifier);

    const credentials = await accessToken(client, temporary.token, temporary.secret, verifier);
    const verified = await verify(client, credentials);
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ valid: true, consumerKey: consumer.consumerKey, appUserId: owner.id });
  });

  it("keeps the callback's own query string (?state=xyz) when redirecting", async () => {
    const client = nodeOAuthClient(base, consumer, `${callback.origin}/callback?state=xyz`);
    const temporary = await requestToken(client);
    await openAuthorizePage(page, temporary.token);
    await signInAndApprove(page);
    await landedOnCallback(page);
    const landed = new URL(page.url());
    expect(landed.search).toMatch(/^\?state=xyz&oauth_token=[A-Za-z0-9]+&oauth_verifier=[A-Za-z0-9]+$/);
    const seen = callback.requests.find((url) => url.searchParams.get('oauth_token') === temporary.token);
    expect(seen?.searchParams.get('state')).toBe('xyz');
    const verifier = landed.searchParams.get('oauth_verifier') ?? '';
    await expect(accessToken(client, temporary.token, temporary.secret, verifier)).resolves.toBeDefined();
  });

  it('denies: the person lands on the callback with denied=<token>, and the token can no longer be exchanged', async () => {
    const client = nodeOAuthClient(base, consumer, `${callback.origin}/callback`);
    const temporary = await requestToken(client);
    await openAuthorizePage(page, temporary.token);
    await page.click('button[value="deny"]');
    await landedOnCallback(page);
    const landed = new URL(page.url());
    expect([...landed.searchParams]).toEqual([['denied', temporary.token]]);
    expect(callback.requests.some((url) => url.searchParams.get('denied') === temporary.token)).toBe(true);

    await expect(accessToken(client, temporary.token, temporary.secret, 'AnyVerifierAtAll0000')).rejects.toThrow(
      /401 .*oauth_problem=token_revoked/,
    );
  });

  it('shows a message for a wrong password and issues nothing, then approves with the right one', async () => {
    const client = nodeOAuthClient(base, consumer, `${callback.origin}/callback`);
    const temporary = await requestToken(client);
    await openAuthorizePage(page, temporary.token);
    await signInAndApprove(page, { id: owner.id, password: 'not-the-password' });
    await page.waitForSelector('.message');
    expect(await page.textContent('.message')).toBe('The user ID or password is not right.');
    expect(page.url().startsWith(base)).toBe(true);
    expect(await page.inputValue('#user_id')).toBe(owner.id);
    expect(await page.inputValue('#password')).toBe('');
    expect(await t.app.get(VerifierStore).findForRequestToken(temporary.token)).toBeNull();
    await expect(accessToken(client, temporary.token, temporary.secret, 'AnyVerifierAtAll0000')).rejects.toThrow(
      /401 .*oauth_problem=verifier_invalid/,
    );

    await page.fill('#password', owner.password);
    await page.click('button[value="approve"]');
    await landedOnCallback(page);
    const verifier = new URL(page.url()).searchParams.get('oauth_verifier') ?? '';
    await expect(accessToken(client, temporary.token, temporary.secret, verifier)).resolves.toBeDefined();
  });

  it('shows the verifier for an oob client, which the person types into the client', async () => {
    const client = nodeOAuthClient(base, consumer, 'oob');
    const temporary = await requestToken(client);
    await context.close();
    page = await openContext(PHONE);
    await openAuthorizePage(page, temporary.token);
    expect(await page.textContent('main')).toContain('you will get a code to type into the app');
    await signInAndApprove(page);
    await page.waitForSelector('#verifier');
    // What a person reads off the screen: the groups, run together.
    const typed = ((await page.textContent('#verifier')) ?? '').replace(/\s/g, '');
    expect(typed).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(await page.locator('#verifier span').count()).toBe(5);
    await page.screenshot({ path: join(ARTIFACTS, 'authorize-verifier-phone.png'), fullPage: true });

    const credentials = await accessToken(client, temporary.token, temporary.secret, typed);
    expect((await verify(client, credentials)).status).toBe(200);
  });

  it('shows an app and a developer named with markup as text, running nothing', async () => {
    const developer = await createDeveloper(t, { firstName: '<script>alert(1)</script>', lastName: 'Mallory' });
    const created = await request(base)
      .post(`/v1/o/acme/developers/${developer.email}/apps`)
      .set('Authorization', ADMIN_AUTH)
      .send({ name: '<img src=x onerror=alert(1)><script>alert(1)<script>' });
    expect(created.status).toBe(201);
    const [credential] = created.body.credentials;
    const client = nodeOAuthClient(base, credential, 'oob');
    const temporary = await requestToken(client);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await openAuthorizePage(page, temporary.token);
    expect(await page.textContent('#app-name')).toBe('<img src=x onerror=alert(1)><script>alert(1)<script>');
    expect(await page.textContent('#developer')).toContain('<script>alert(1)</script> Mallory');
    expect(await page.locator('script, img').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('fits a desktop and a phone screen, styled by its own stylesheet (screenshots in test-artifacts/)', async () => {
    const client = nodeOAuthClient(base, consumer, `${callback.origin}/callback`);
    const temporary = await requestToken(client);
    for (const [name, options] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      await context.close();
      page = await openContext(options);
      await openAuthorizePage(page, temporary.token);
      // Run in the page (these tests are compiled without the DOM's types, so the expressions are strings).
      const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
      const mainWidth = await page.evaluate<string>("getComputedStyle(document.querySelector('main')).maxWidth");
      const approveButton = await page.locator('button[value="approve"]').boundingBox();
      expect(overflow).toBeLessThanOrEqual(0);
      // The inline stylesheet applied (its CSP hash matched): the page is a centred column.
      expect(mainWidth).toBe('480px');
      expect(approveButton?.height).toBeGreaterThanOrEqual(40);
      await page.screenshot({ path: join(ARTIFACTS, `authorize-page-${name}.png`), fullPage: true });
    }
  });
});

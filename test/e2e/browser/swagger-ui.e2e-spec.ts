import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, launchChromium } from '../../support/browser.js';
import { listen } from '../../support/oauth1-client.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, ORG, startTestApp, TestApp } from '../../support/test-app.js';

describe('Swagger UI in Chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    t = await startTestApp();
    base = await listen(t);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lists the admin operations and runs GET /v1/organizations/{org} with Basic credentials', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(10_000);
    try {
      const page = await context.newPage();
      // Swagger UI renders only the operations near the viewport; a tag's deep link scrolls to it, as a reader's
      // click in the page would.
      await page.goto(`${base}/docs#/developers`);

      await page.waitForSelector('#operations-tag-developers');
      const developerPaths = await page
        .locator('[id^="operations-developers-"] .opblock-summary-path')
        .evaluateAll((paths) => paths.map((path) => path.getAttribute('data-path')));
      expect(developerPaths).toEqual(
        expect.arrayContaining(['/v1/o/{org}/developers', '/v1/o/{org}/developers/{email}']),
      );

      await page.click('.auth-wrapper button.authorize');
      await page.waitForSelector('.modal-ux input[name="username"]');
      await page.fill('.modal-ux input[name="username"]', ADMIN_EMAIL);
      await page.fill('.modal-ux input[name="password"]', ADMIN_PASSWORD);
      await page.click('.modal-ux .auth-btn-wrapper button[type="submit"]');
      await page.waitForSelector('.modal-ux .auth-btn-wrapper button:has-text("Logout")');
      await page.click('.modal-ux button.btn-done');

      // A new hash alone does not reload the page; the authorization is kept (persistAuthorization).
      await page.goto(`${base}/docs#/organizations`);
      await page.reload();
      await page.waitForSelector('#operations-tag-organizations');
      const operation = page.locator('.opblock-get', {
        has: page.locator('.opblock-summary-path[data-path="/v1/organizations/{org}"]'),
      });
      await operation.locator('.opblock-summary').click();
      await operation.locator('button.try-out__btn').click();
      await operation.locator('input[placeholder="org"]').fill(ORG);
      await operation.locator('button.execute').click();

      const status = operation.locator('.live-responses-table .response .response-col_status');
      await status.waitFor();
      expect((await status.textContent())?.trim()).toBe('200');
      const body = await operation.locator('.live-responses-table .response-col_description pre').first().textContent();
      expect(JSON.parse(body ?? '')).toMatchObject({ name: ORG });
      await page.screenshot({ path: join(ARTIFACTS, 'swagger-ui-organization.png') });
    } finally {
      await context.close();
    }
  });
});

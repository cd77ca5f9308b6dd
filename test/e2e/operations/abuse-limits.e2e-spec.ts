import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ADMIN_AUTH, ADMIN_EMAIL, basic, ORG, startTestApp, TestApp } from '../../support/test-app.js';

describe('limits on failed Basic Auth and oversized requests', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ AUTH_FAILURE_LIMIT: '3', AUTH_FAILURE_WINDOW_SECONDS: '30' })));
  afterAll(() => t.close());

  it('refuses an address with 429 after too many failed attempts, even with the right password', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const wrong = await t.http().get(`/v1/o/${ORG}`).set('Authorization', basic(ADMIN_EMAIL, 'wrong-password'));
      expect(wrong.status).toBe(401);
    }
    const blocked = await t.http().get(`/v1/o/${ORG}`).set('Authorization', ADMIN_AUTH);
    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toBe('30');
    expect(blocked.body.code).toBe('security.auth.TooManyRequests');
  });

  it('lets the address in again once the window has passed', async () => {
    t.clock.advance(30_000);
    expect((await t.http().get(`/v1/o/${ORG}`).set('Authorization', ADMIN_AUTH)).status).toBe(200);
  });

  it('does not count successful requests', async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await t.http().get(`/v1/o/${ORG}`).set('Authorization', ADMIN_AUTH)).status).toBe(200);
    }
  });

  it('answers 431 to request headers over 16 KB, and keeps serving', async () => {
    const response = await t
      .http()
      .get('/healthz')
      .set('X-Padding', 'x'.repeat(20 * 1024));
    expect(response.status).toBe(431);
    expect((await t.http().get('/healthz')).status).toBe(200);
  });
});

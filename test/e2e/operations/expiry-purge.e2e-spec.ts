import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { ExpiryPurgeService } from '../../../src/tokens/expiry-purge.service.js';
import { Nonce } from '../../../src/tokens/nonce.entity.js';
import { createConsumer } from '../../support/factories.js';
import { authorize, formFields, OAuth1Flow, testAppFlow } from '../../support/oauth1-client.js';
import type { TokenPair } from '../../support/oauth1-client.js';
import { ADMIN_AUTH, ORG, startTestApp, TestApp } from '../../support/test-app.js';

const BASE = 'https://api.example.com';

describe('the purge of expired records', () => {
  let t: TestApp;
  let consumer: Awaited<ReturnType<typeof createConsumer>>;
  let flow: OAuth1Flow<Response>;

  beforeAll(async () => {
    t = await startTestApp({
      PUBLIC_BASE_URL: BASE,
      REQUEST_TOKEN_TTL_SECONDS: '600',
      VERIFIER_TTL_SECONDS: '60',
      ACCESS_TOKEN_TTL_SECONDS: '3600',
      TIMESTAMP_WINDOW_SECONDS: '300',
    });
    flow = testAppFlow(t, BASE);
    consumer = await createConsumer(t);
  });
  afterAll(() => t.close());

  const admin = (path: string) => t.http().get(`/v1/o/${ORG}${path}`).set('Authorization', ADMIN_AUTH);
  const purge = () => t.app.get(ExpiryPurgeService).purge();

  const requestToken = () => flow.requestToken(consumer);
  const exchange = (temporary: TokenPair, verifier: string) => flow.exchange(consumer, temporary, verifier);

  it('deletes expired verifiers and request tokens and stale nonces, and keeps the rest and every access token', async () => {
    const pending = await requestToken();
    const pendingVerifier = await authorize(t, pending.token);
    const exchanged = await requestToken();
    const granted = await exchange(exchanged, await authorize(t, exchanged.token));
    expect(granted.status).toBe(200);
    const accessToken = formFields(granted.text).oauth_token;
    expect(await purge()).toEqual({ requestTokens: 0, verifiers: 0, nonces: 0, failedAttempts: 0 });

    // A minute on, the pending verifier has expired (VERIFIER_TTL_SECONDS=60): it is gone, and so useless.
    t.clock.advance(61_000);
    expect(await purge()).toEqual({ requestTokens: 0, verifiers: 1, nonces: 0, failedAttempts: 0 });
    expect((await admin(`/oauth1/verifiers/${pendingVerifier}`)).status).toBe(404);
    const late = await exchange(pending, pendingVerifier);
    expect(late.status).toBe(401);
    expect(formFields(late.text).oauth_problem).toBe('verifier_invalid');
    expect((await admin(`/oauth1/requesttokens/${pending.token}`)).body.status).toBe('approved');

    // Past REQUEST_TOKEN_TTL_SECONDS and two timestamp windows: the request tokens, used or not, and the nonces of
    // the three signed requests made at the start go; a request token issued now and its nonce stay.
    t.clock.advance(540_000);
    expect((await admin(`/oauth1/requesttokens/${pending.token}`)).body.status).toBe('expired');
    const fresh = await requestToken();
    expect(await purge()).toEqual({ requestTokens: 2, verifiers: 0, nonces: 3, failedAttempts: 0 });
    expect((await admin(`/oauth1/requesttokens/${pending.token}`)).status).toBe(404);
    expect((await admin(`/oauth1/requesttokens/${fresh.token}`)).body.status).toBe('approved');
    expect(await t.app.get(DataSource).getRepository(Nonce).count()).toBe(1);

    // The access token outlives its request token; once past ACCESS_TOKEN_TTL_SECONDS it reads "expired" (it fails
    // verify: see the protocol problems) and the purge leaves it for the administrators to see.
    expect((await admin(`/oauth1/accesstokens/${accessToken}`)).body.status).toBe('approved');
    t.clock.advance(3_600_000);
    await purge();
    expect((await admin(`/oauth1/accesstokens/${accessToken}`)).body.status).toBe('expired');
  });

  it('deletes 100,000 stale nonces in small steps: the event loop is never held for long and requests are answered meanwhile', async () => {
    const stale = 100_000;
    const receivedAt = t.clock.now() - 3_600_000;
    const dataSource = t.app.get(DataSource);
    const numbers =
      dataSource.options.type === 'postgres'
        ? `SELECT i FROM generate_series(1, ${stale}) AS i`
        : `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${stale}) SELECT i FROM n`;
    await dataSource.query(
      `INSERT INTO "oauth1_nonces" ("consumerKey", "token", "timestamp", "nonce", "receivedAt")
        SELECT 'bulk-key', '', s.i, 'nonce-' || s.i, ${receivedAt} FROM (${numbers}) AS s`,
    );

    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    const purged = purge();
    // Requests made while the purge runs are answered before it ends, not after one long statement.
    let answeredDuringPurge = 0;
    let purgeDone = false;
    void purged.then(() => (purgeDone = true));
    while (!purgeDone) {
      const response = await t.http().get('/healthz');
      expect(response.status).toBe(200);
      if (!purgeDone) answeredDuringPurge++;
    }
    delay.disable();

    expect((await purged).nonces).toBe(stale);
    expect(answeredDuringPurge).toBeGreaterThan(5);
    // One step of 500 rows takes a few milliseconds (8 ms was the longest stall measured here); the bound leaves room
    // for a busy CI machine descheduling the process, while the count above is what tells one statement from steps.
    expect(delay.max / 1e6).toBeLessThan(250);
  });

  it('is scheduled at start and unscheduled when the application closes', async () => {
    const scheduled = await startTestApp({ PURGE_INTERVAL_SECONDS: '60' });
    const registry = scheduled.app.get(SchedulerRegistry);
    expect(registry.getIntervals()).toContain(ExpiryPurgeService.INTERVAL_NAME);
    await scheduled.close();
    expect(registry.getIntervals()).not.toContain(ExpiryPurgeService.INTERVAL_NAME);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { ADMIN_AUTH, ORG, startTestApp, TestApp } from '../../support/test-app.js';

// In a file of its own: Nest's loggers are process-wide, and with an app started earlier in the same file these
// lines went to that app's log.

describe('log lines written while a request fails', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'warn' });
  });
  afterAll(() => t.close());

  const linesOf = (requestId: string) => t.logs.filter((line) => line.reqId === requestId);

  it("carry the request's id with a 500's stack, which the client never sees", async () => {
    // A table gone from under the server: a bug's 500, not an outage.
    await t.app.get(DataSource).query('DROP TABLE "api_products"');
    const response = await t
      .http()
      .get(`/v1/o/${ORG}/apiproducts`)
      .set('Authorization', ADMIN_AUTH)
      .set('X-Request-Id', 'failing-request-1');
    expect(response.status).toBe(500);
    expect(JSON.stringify(response.body)).not.toMatch(/api_products|\n\s+at /);
    const [line] = linesOf('failing-request-1');
    expect(line.level).toBe(50);
    expect(line.msg).toMatch(/api_products/);
  });

  it("carry it when reading a request token fails, with the driver's message and no token", async () => {
    await t.app.get(DataSource).query('ALTER TABLE "oauth1_request_tokens" RENAME TO "oauth1_request_tokens_away"');
    try {
      const response = await t
        .http()
        .get(`/v1/o/${ORG}/oauth1/requesttokens/some-request-token?consumerKey=some-key`)
        .set('Authorization', ADMIN_AUTH)
        .set('X-Request-Id', 'failing-request-3');
      expect(response.status).toBe(500);
      expect(response.body.code).toBe('keymanagement.service.oauth10_request_token_fetch_failed');
      const [line] = linesOf('failing-request-3');
      expect(line.level).toBe(50);
      expect(line.msg).toMatch(/^Reading a request token failed: .*oauth1_request_tokens/);
      expect(line.msg).not.toContain('some-request-token');
    } finally {
      await t.app.get(DataSource).query('ALTER TABLE "oauth1_request_tokens_away" RENAME TO "oauth1_request_tokens"');
    }
  });

  it('carry it when the database is unavailable', async () => {
    await t.app.get(DataSource).destroy();
    try {
      const response = await t
        .http()
        .get(`/v1/o/${ORG}/developers`)
        .set('Authorization', ADMIN_AUTH)
        .set('X-Request-Id', 'failing-request-2');
      expect(response.status).toBe(503);
      const [line] = linesOf('failing-request-2');
      expect(line.level).toBe(40);
      expect(line.msg).toMatch(/Database unavailable/);
    } finally {
      await t.app.get(DataSource).initialize();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ADMIN_AUTH, ADMIN_PASSWORD, ORG, startTestApp, TestApp } from '../../support/test-app.js';

describe('logs and metrics', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ LOG_LEVEL: 'info' })));
  afterAll(() => t.close());

  it('logs each request as JSON with a request id, echoed in X-Request-Id', async () => {
    const response = await t.http().get(`/v1/o/${ORG}`).set('Authorization', ADMIN_AUTH);
    const id = response.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const line = t.logs.find((entry) => (entry.req as { id?: string } | undefined)?.id === id);
    expect(line).toMatchObject({
      msg: 'request completed',
      req: { method: 'GET', path: `/v1/o/${ORG}` },
      res: { statusCode: 200 },
    });
  });

  it('keeps a sane X-Request-Id from the caller and replaces an unsafe one', async () => {
    const kept = await t.http().get('/readyz').set('X-Request-Id', 'abc-123');
    expect(kept.headers['x-request-id']).toBe('abc-123');
    const replaced = await t.http().get('/readyz').set('X-Request-Id', 'bad id\twith spaces');
    expect(replaced.headers['x-request-id']).not.toBe('bad id\twith spaces');
  });

  it('does not log health probes and metric scrapes', async () => {
    await t.http().get('/healthz');
    await t.http().get('/metrics');
    const paths = t.logs.map((entry) => (entry.req as { path?: string } | undefined)?.path);
    expect(paths).not.toContain('/healthz');
    expect(paths).not.toContain('/metrics');
    expect(paths).toContain(`/v1/o/${ORG}`);
  });

  it('never logs credentials, Authorization headers or query strings', async () => {
    await t.http().get(`/v1/o/${ORG}?oauth_signature=secret%26tokensecret`).set('Authorization', ADMIN_AUTH);
    const everything = JSON.stringify(t.logs);
    expect(everything).not.toContain(ADMIN_AUTH.slice('Basic '.length));
    expect(everything).not.toContain(ADMIN_PASSWORD);
    expect(everything).not.toContain('tokensecret');
    expect(everything.toLowerCase()).not.toContain('authorization');
  });

  it('exposes Prometheus metrics with request counts by route template and status', async () => {
    await t.http().get('/v1/o/nowhere').set('Authorization', ADMIN_AUTH);
    const response = await t.http().get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/v1\/o\/:org",status="404"\} [1-9]/,
    );
    expect(response.text).toContain('# TYPE oauth1_problems_total counter');
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { ADMIN_AUTH, ORG, startTestApp, TestApp } from '../../support/test-app.js';

async function waitForStatus(t: TestApp, status: number): Promise<number> {
  let last = 0;
  for (let attempt = 0; attempt < 100 && last !== status; attempt++) {
    last = (await t.http().get('/readyz')).status;
    if (last !== status) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return last;
}

describe('/readyz while the database goes away and comes back', () => {
  let t: TestApp;
  let dataSource: DataSource;
  beforeAll(async () => {
    t = await startTestApp();
    dataSource = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('answers 200 while the database answers', async () => {
    expect(await waitForStatus(t, 200)).toBe(200);
  });

  if (process.env.TEST_DATABASE_URL) {
    const database = () => new URL((dataSource.options as { url: string }).url).pathname.slice(1);
    const admin = async (sql: string) => {
      const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await client.connect();
      await client.query(sql);
      await client.end();
    };

    it('answers 503 in the Apigee envelope while PostgreSQL refuses connections', async () => {
      await admin(`ALTER DATABASE ${database()} WITH ALLOW_CONNECTIONS false`);
      await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${database()}'`);
      expect(await waitForStatus(t, 503)).toBe(503);
      const response = await t.http().get('/readyz');
      expect(response.body.code).toBe('messaging.adaptors.http.flow.ServiceUnavailable');
      expect(JSON.stringify(response.body)).not.toMatch(/password|postgres:\/\//);
    });

    it('recovers by itself once PostgreSQL accepts connections again', async () => {
      await admin(`ALTER DATABASE ${database()} WITH ALLOW_CONNECTIONS true`);
      expect(await waitForStatus(t, 200)).toBe(200);
      expect((await t.http().get(`/v1/o/${ORG}`).set('Authorization', ADMIN_AUTH)).status).toBe(200);
    });
  } else {
    it('answers 503 in the Apigee envelope while the SQLite database is closed', async () => {
      await dataSource.destroy();
      expect(await waitForStatus(t, 503)).toBe(503);
      const response = await t.http().get('/readyz');
      expect(response.body.code).toBe('messaging.adaptors.http.flow.ServiceUnavailable');
    });

    it('answers 200 again once the database is open again', async () => {
      await dataSource.initialize();
      expect(await waitForStatus(t, 200)).toBe(200);
      expect((await t.http().get(`/v1/o/${ORG}`).set('Authorization', ADMIN_AUTH)).status).toBe(200);
    });
  }
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { RequestToken } from '../../../src/tokens/request-token.entity.js';
import { createConsumer } from '../../support/factories.js';
import { formFields, send, signRequest } from '../../support/oauth1-client.js';
import { ADMIN_AUTH, ORG, startTestApp, TestApp } from '../../support/test-app.js';

/**
 * The database goes away (PostgreSQL backends terminated, then connections refused) or its disk fills up (SQLite on
 * a small tmpfs) while requests keep coming: every answer is a success or a 503 with Retry-After in the surface's own
 * format, never a 500; the server recovers without a restart; no token it acknowledged is lost.
 */

const INITIATE = 'https://api.example.com/oauth/oauth10/initiate';

type Consumer = Awaited<ReturnType<typeof createConsumer>>;

function initiate(t: TestApp, consumer: Consumer): Promise<Response> {
  return send(
    t,
    signRequest(t, {
      url: INITIATE,
      consumerKey: consumer.consumerKey,
      consumerSecret: consumer.consumerSecret,
      oauth: { oauth_callback: 'oob' },
    }),
  );
}

/** A 503 as the protocol answers it: its own format, temporarily_unavailable, Retry-After. */
function expectProtocolUnavailable(response: Response): void {
  expect(response.status).toBe(503);
  expect(formFields(response.text).oauth_problem).toBe('temporarily_unavailable');
  expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
}

function expectAdminUnavailable(response: Response): void {
  expect(response.status).toBe(503);
  expect(response.body.code).toBe('messaging.adaptors.http.flow.ServiceUnavailable');
  expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  expect(JSON.stringify(response.body)).not.toMatch(/at |postgres:\/\/|SQLITE_/);
}

async function storedRequestTokens(t: TestApp, tokens: string[]): Promise<number> {
  const repository = t.app.get(DataSource).getRepository(RequestToken);
  let found = 0;
  for (const token of tokens) if (await repository.existsBy({ token })) found++;
  return found;
}

const postgresUrl = process.env.TEST_DATABASE_URL;

if (postgresUrl) {
  describe('PostgreSQL backends terminated under load', () => {
    let t: TestApp;
    let consumer: Consumer;
    let databaseName: string;
    const admin = async (sql: string) => {
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(sql);
      await client.end();
    };

    beforeAll(async () => {
      t = await startTestApp({ PUBLIC_BASE_URL: 'https://api.example.com' });
      consumer = await createConsumer(t);
      databaseName = new URL((t.app.get(DataSource).options as { url: string }).url).pathname.slice(1);
    });
    afterAll(async () => {
      await admin(`ALTER DATABASE ${databaseName} WITH ALLOW_CONNECTIONS true`).catch(() => undefined);
      await t.close();
    });

    it('answers 503 during the cut, never 500, recovers by itself and loses no acknowledged token', async () => {
      const statuses: number[] = [];
      const acknowledged: string[] = [];
      let unavailable: Response | undefined;
      let running = true;
      const client = async () => {
        while (running) {
          const response = await initiate(t, consumer);
          statuses.push(response.status);
          if (response.status === 200) acknowledged.push(formFields(response.text).oauth_token);
          if (response.status === 503) unavailable = response;
        }
      };
      const clients = Array.from({ length: 8 }, client);
      await new Promise((resolve) => setTimeout(resolve, 500));
      // Cut: every backend terminated, then the database refuses connections for two seconds.
      await admin(`ALTER DATABASE ${databaseName} WITH ALLOW_CONNECTIONS false`);
      await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${databaseName}'`);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const duringCut = await t.http().get(`/v1/o/${ORG}/developers`).set('Authorization', ADMIN_AUTH);
      expect((await t.http().get('/readyz')).status).toBe(503);
      await admin(`ALTER DATABASE ${databaseName} WITH ALLOW_CONNECTIONS true`);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      running = false;
      await Promise.all(clients);

      expect(statuses.filter((status) => status !== 200 && status !== 503)).toEqual([]);
      expect(unavailable).toBeDefined();
      expectProtocolUnavailable(unavailable!);
      expectAdminUnavailable(duringCut);
      // Recovered, without a restart.
      expect((await initiate(t, consumer)).status).toBe(200);
      expect(statuses.at(-1)).toBe(200);
      expect(await storedRequestTokens(t, acknowledged)).toBe(acknowledged.length);
    }, 60_000);
  });
}

/** A small tmpfs for the SQLite file, or why none could be mounted. */
function mountSmallTmpfs(): { directory: string; unmount: () => void } | { refused: string } {
  const directory = mkdtempSync(join(tmpdir(), 'oauth1-full-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', directory], { stdio: 'pipe' });
  } catch (error) {
    rmSync(directory, { recursive: true, force: true });
    return { refused: String((error as { stderr?: Buffer }).stderr ?? (error as Error).message).trim() };
  }
  return {
    directory,
    unmount: () => {
      execFileSync('umount', ['-l', directory]);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

const tmpfs = postgresUrl ? undefined : mountSmallTmpfs();

if (tmpfs !== undefined && 'refused' in tmpfs) {
  describe('SQLite on a full disk', () => {
    it('needs a tmpfs this sandbox does not allow to mount (not root, or no CAP_SYS_ADMIN)', () => {
      expect(tmpfs.refused).toMatch(/permission|not permitted|only root|must be superuser/i);
    });
  });
} else if (tmpfs !== undefined) {
  describe('SQLite on a full disk', () => {
    let t: TestApp;
    let consumer: Consumer;
    const filler = join(tmpfs.directory, 'filler');
    beforeAll(async () => {
      t = await startTestApp({
        PUBLIC_BASE_URL: 'https://api.example.com',
        SQLITE_PATH: join(tmpfs.directory, 'oauth.sqlite'),
      });
      consumer = await createConsumer(t);
    });
    afterAll(async () => {
      await t.close();
      tmpfs.unmount();
    });

    it('answers writes 503 in each surface format, never 500, and recovers once there is room', async () => {
      const acknowledged: string[] = [];
      // Fill what is left of the file system, then write until SQLite runs out of room in its WAL.
      try {
        writeFileSync(filler, Buffer.alloc(3 * 1024 * 1024));
      } catch {
        // ENOSPC: the file holds all the room there was.
      }
      let last: Response | undefined;
      for (let attempt = 0; attempt < 2000; attempt++) {
        last = await initiate(t, consumer);
        expect([200, 503]).toContain(last.status);
        if (last.status === 503) break;
        acknowledged.push(formFields(last.text).oauth_token);
      }
      expectProtocolUnavailable(last!);
      // A smaller write may still fit in what the failed one left: write until the admin surface meets the full disk.
      let developer: Response | undefined;
      for (let attempt = 0; attempt < 200; attempt++) {
        developer = await t
          .http()
          .post(`/v1/o/${ORG}/developers`)
          .set('Authorization', ADMIN_AUTH)
          .send({ email: `full${attempt}@example.com`, firstName: 'F', lastName: 'D', userName: `full${attempt}` });
        expect([201, 503]).toContain(developer.status);
        if (developer.status === 503) break;
      }
      expectAdminUnavailable(developer!);
      expect((await t.http().get('/readyz')).status).toBe(503);

      rmSync(filler);
      expect((await initiate(t, consumer)).status).toBe(200);
      expect(await storedRequestTokens(t, acknowledged)).toBe(acknowledged.length);
    }, 60_000);
  });
}

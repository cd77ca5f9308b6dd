import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import request from 'supertest';
import { createApp } from '../../src/app.setup.js';
import { Clock } from '../../src/common/clock.js';
import { loadAppConfig } from '../../src/config/app-config.js';

export const ADMIN_EMAIL = 'admin@example.com';
export const ADMIN_PASSWORD = 'admin-password-1';
export const ORG = 'acme';

/** A clock the test moves by hand. */
export class FakeClock extends Clock {
  private current = Date.now();
  override now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

export function basic(email: string, password: string): string {
  return `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`;
}

export const ADMIN_AUTH = basic(ADMIN_EMAIL, ADMIN_PASSWORD);

export interface FreshDatabase {
  /** DATABASE_URL, or SQLITE_PATH and BOOTSTRAP_PASSWORD_FILE. */
  env: Record<string, string>;
  drop: () => Promise<void>;
}

/** A fresh, empty PostgreSQL database on the server of postgresUrl (whose user may create databases). */
export async function freshPostgresDatabase(postgresUrl: string): Promise<FreshDatabase> {
  const name = `test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    drop: async () => {
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** A fresh, empty database for one app: a SQLite file, or a PostgreSQL database when TEST_DATABASE_URL is set. */
export async function freshDatabase(): Promise<FreshDatabase> {
  const postgresUrl = process.env.TEST_DATABASE_URL;
  if (postgresUrl) return freshPostgresDatabase(postgresUrl);
  const dir = mkdtempSync(join(tmpdir(), 'oauth1-test-'));
  return {
    env: { SQLITE_PATH: join(dir, 'oauth.sqlite'), BOOTSTRAP_PASSWORD_FILE: join(dir, 'bootstrap-password.txt') },
    drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  };
}

export interface TestApp {
  app: NestFastifyApplication;
  /** Every JSON log line the app wrote, parsed (logs are silent unless LOG_LEVEL is set). */
  logs: Array<Record<string, unknown>>;
  clock: FakeClock;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

/**
 * The real application (same setup as main.ts) on a fresh database with a bootstrapped org "acme" whose
 * orgadmin is also the sysadmin ADMIN_EMAIL.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await freshDatabase();
  const config = loadAppConfig({
    BOOTSTRAP_ORG: ORG,
    BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: 'silent',
    // Suites make many failed attempts on purpose; the limit itself is tested with its own setting.
    AUTH_FAILURE_LIMIT: '1000',
    // Suites move the clock by hand: a purge on the real-time schedule would race with what they read. The purge
    // itself is tested by calling it.
    PURGE_INTERVAL_SECONDS: '86400',
    ...database.env,
    ...env,
  });
  const clock = new FakeClock();
  const logs: Array<Record<string, unknown>> = [];
  const logDestination = { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) };
  const app = await createApp({ config, clock, logDestination });
  return {
    app,
    logs,
    clock,
    http: () => request(app.getHttpServer()),
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

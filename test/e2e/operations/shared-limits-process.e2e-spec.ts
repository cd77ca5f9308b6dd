import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../../../src/common/clock.js';
import { formFields, signRequest } from '../../support/oauth1-client.js';
import { freePort, ServerProcess, sqliteDirectory, startServerProcess } from '../../support/server-process.js';
import { basic, freshPostgresDatabase } from '../../support/test-app.js';

/**
 * The failed-attempt limit (AUTH_FAILURE_LIMIT) across two real server processes on one database: the counts are
 * shared, so two processes give an address no more guesses than one would. Clients' addresses come from
 * X-Forwarded-For (TRUST_PROXY=true), as behind a load balancer. The verified-credential cache is per process; a
 * password, role or user changed through one process takes effect on the other at once.
 */

const ORG = 'default';
const LIMIT = 4;
const PASSWORD = 'shared-limits-admin-1';

interface SharedDatabase {
  env: Record<string, string>;
  remove: () => Promise<void>;
}

const backends: Array<[string, () => Promise<SharedDatabase>]> = [
  [
    'one SQLite file',
    () => {
      const directory = sqliteDirectory();
      return Promise.resolve({ env: directory.env, remove: () => Promise.resolve(directory.remove()) });
    },
  ],
];
const postgresUrl = process.env.TEST_DATABASE_URL;
if (postgresUrl) {
  backends.push([
    'one PostgreSQL database',
    async () => {
      const database = await freshPostgresDatabase(postgresUrl);
      return { env: database.env, remove: database.drop };
    },
  ]);
}

describe.each(backends)('failure limits shared by two server processes on %s', (_name, prepareDatabase) => {
  let database: SharedDatabase;
  let servers: ServerProcess[] = [];
  const right = basic('admin@example.com', PASSWORD);
  const wrong = basic('admin@example.com', 'not-the-password');

  beforeAll(async () => {
    database = await prepareDatabase();
    const env = {
      ...database.env,
      BOOTSTRAP_ADMIN_PASSWORD: PASSWORD,
      TRUST_PROXY: 'true',
      AUTH_FAILURE_LIMIT: String(LIMIT),
      AUTH_FAILURE_WINDOW_SECONDS: '60',
    };
    // One first (it migrates and bootstraps), then the other.
    const first = await freePort();
    servers.push(
      await startServerProcess({ ...env, PORT: String(first), PUBLIC_BASE_URL: `http://127.0.0.1:${first}` }),
    );
    let second = await freePort();
    while (second === first) second = await freePort();
    servers.push(
      await startServerProcess({ ...env, PORT: String(second), PUBLIC_BASE_URL: `http://127.0.0.1:${second}` }),
    );
  }, 60_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    servers = [];
    await database?.remove();
  });

  const organization = (server: ServerProcess, authorization: string, address: string) =>
    fetch(`${server.baseUrl}/v1/o/${ORG}`, { headers: { authorization, 'x-forwarded-for': address } });

  it('refuses an address on both processes once its failures on the two together reach the limit', async () => {
    const address = '203.0.113.10';
    const [one, other] = servers;
    for (const server of [one, other, one, other]) {
      expect((await organization(server, wrong, address)).status).toBe(401);
    }
    for (const server of [one, other]) {
      const refused = await organization(server, right, address);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('does not lock the same user out from another address', async () => {
    for (const server of servers) {
      expect((await organization(server, right, '203.0.113.11')).status).toBe(200);
    }
  });

  it('drops on the other process, at once, a cached credential whose password or role changed on one', async () => {
    const [one, other] = servers;
    const admin = (server: ServerProcess, method: string, path: string, body?: unknown) =>
      fetch(`${server.baseUrl}${path}`, {
        method,
        headers: { authorization: right, 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.2' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const email = 'cached@example.com';
    const created = await admin(one, 'POST', '/v1/users', {
      emailId: email,
      firstName: 'Cached',
      lastName: 'User',
      password: 'first-password-1',
    });
    expect(created.status).toBe(201);
    expect((await admin(one, 'POST', `/v1/o/${ORG}/userroles/readonlyadmin/users?id=${email}`)).status).toBe(201);
    const asUser = (server: ServerProcess, password: string) =>
      organization(server, basic(email, password), '203.0.113.13').then((response) => response.status);

    // The other process verifies the password and remembers it.
    expect(await asUser(other, 'first-password-1')).toBe(200);
    expect(await asUser(other, 'first-password-1')).toBe(200);

    expect((await admin(one, 'PUT', `/v1/users/${email}`, { password: 'second-password-2' })).status).toBe(200);
    expect(await asUser(other, 'first-password-1')).toBe(401);
    expect(await asUser(other, 'second-password-2')).toBe(200);

    expect((await admin(one, 'DELETE', `/v1/o/${ORG}/userroles/readonlyadmin/users/${email}`)).status).toBeLessThan(
      300,
    );
    expect(await asUser(other, 'second-password-2')).toBe(403);

    expect((await admin(one, 'DELETE', `/v1/users/${email}`)).status).toBe(200);
    expect(await asUser(other, 'second-password-2')).toBe(401);
  });

  it('counts bad OAuth signatures across both processes too, then refuses even a good one', async () => {
    const [one, other] = servers;
    const developer = await fetch(`${one.baseUrl}/v1/o/${ORG}/developers`, {
      method: 'POST',
      headers: { authorization: right, 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.1' },
      body: JSON.stringify({ email: 'limits@example.com', firstName: 'L', lastName: 'M', userName: 'limits' }),
    });
    expect(developer.status).toBe(201);
    const app = await fetch(`${one.baseUrl}/v1/o/${ORG}/developers/limits@example.com/apps`, {
      method: 'POST',
      headers: { authorization: right, 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.1' },
      body: JSON.stringify({ name: 'limits' }),
    });
    const [credential] = ((await app.json()) as { credentials: Array<{ consumerKey: string; consumerSecret: string }> })
      .credentials;
    const initiate = (server: ServerProcess, consumerSecret: string) => {
      const signed = signRequest(
        { clock: new Clock() },
        {
          url: `${server.baseUrl}/oauth/oauth10/initiate`,
          consumerKey: credential.consumerKey,
          consumerSecret,
          oauth: { oauth_callback: 'oob' },
        },
      );
      return fetch(signed.url, {
        method: signed.method,
        headers: { ...signed.headers, 'x-forwarded-for': '203.0.113.12' },
        body: signed.body,
      });
    };
    for (const server of [one, other, one, other]) {
      const forged = await initiate(server, 'not-the-secret');
      expect(formFields(await forged.text()).oauth_problem).toBe('signature_invalid');
    }
    for (const server of [one, other]) {
      const refused = await initiate(server, credential.consumerSecret);
      expect(refused.status).toBe(429);
      expect(formFields(await refused.text()).oauth_problem).toBe('permission_denied');
    }
  });
});

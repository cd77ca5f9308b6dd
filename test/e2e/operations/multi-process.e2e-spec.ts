import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { formFields, freshNonce, serverProcessFlow } from '../../support/oauth1-client.js';
import type { FlowResponse } from '../../support/oauth1-client.js';
import { freePort, ServerProcess, sqliteDirectory, startServerProcess } from '../../support/server-process.js';
import { basic, freshPostgresDatabase } from '../../support/test-app.js';

/**
 * Two real server processes (dist/main.js), each on its own port, sharing one database, as two machines behind a
 * load balancer would: whatever one of them issues, spends or revokes, the other sees at once.
 */

const ORG = 'default';
const RESOURCE = 'https://photos.example.com/albums?id=7';
const RACERS = 10;

interface SharedDatabase {
  env: Record<string, string>;
  /** Basic credentials of the bootstrapped sysadmin (readable once a server has bootstrapped). */
  auth: () => string;
  remove: () => Promise<void>;
}

const backends: Array<[string, () => Promise<SharedDatabase>]> = [
  [
    'one SQLite file in WAL mode',
    () => {
      const directory = sqliteDirectory();
      const remove = () => Promise.resolve(directory.remove());
      return Promise.resolve({ env: directory.env, auth: directory.auth, remove });
    },
  ],
];
const postgresUrl = process.env.TEST_DATABASE_URL;
if (postgresUrl) {
  backends.push([
    'one PostgreSQL database',
    async () => {
      const database = await freshPostgresDatabase(postgresUrl);
      const password = 'multi-process-admin-1';
      return {
        env: { ...database.env, BOOTSTRAP_ADMIN_PASSWORD: password },
        auth: () => basic('admin@example.com', password),
        remove: database.drop,
      };
    },
  ]);
}

interface Consumer {
  developerEmail: string;
  appName: string;
  consumerKey: string;
  consumerSecret: string;
}

/** Two distinct free ports (the OS may hand out the same one twice in a row). */
async function twoPorts(): Promise<[number, number]> {
  const first = await freePort();
  for (let attempt = 0; attempt < 20; attempt++) {
    const second = await freePort();
    if (second !== first) return [first, second];
  }
  throw new Error('no second free port');
}

describe.each(backends)('two server processes on %s', (_name, prepareDatabase) => {
  let database: SharedDatabase;
  let one: ServerProcess;
  let other: ServerProcess;
  let servers: ServerProcess[] = [];
  let sequence = 0;

  beforeAll(async () => {
    database = await prepareDatabase();
    const ports = await twoPorts();
    // Both start at the same moment on an empty database: they race on the migrations and the bootstrap.
    const started = await Promise.allSettled(
      ports.map((port) =>
        startServerProcess({ ...database.env, PORT: String(port), PUBLIC_BASE_URL: `http://127.0.0.1:${port}` }),
      ),
    );
    // Kept even when the other failed to start, so that afterAll stops it.
    servers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    for (const result of started) if (result.status === 'rejected') throw result.reason;
    [one, other] = servers;
    const owner = await admin(one, 'POST', '/appusers', { id: 'alice', displayName: 'Alice', password: 'alice-pw-1' });
    expect(owner.status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await database?.remove();
  });

  function admin(server: ServerProcess, method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { authorization: database.auth() };
    if (body !== undefined) headers['content-type'] = 'application/json';
    return fetch(`${server.baseUrl}/v1/o/${ORG}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async function createConsumer(server: ServerProcess): Promise<Consumer> {
    const name = `multi${Date.now().toString(36)}${(sequence++).toString(36)}`;
    const developerEmail = `${name}@example.com`;
    const developer = await admin(server, 'POST', '/developers', {
      email: developerEmail,
      firstName: 'Ada',
      lastName: 'Lovelace',
      userName: name,
    });
    expect(developer.status).toBe(201);
    const app = await admin(server, 'POST', `/developers/${developerEmail}/apps`, { name });
    expect(app.status).toBe(201);
    const [credential] = ((await app.json()) as { credentials: Array<Record<string, string>> }).credentials;
    return {
      developerEmail,
      appName: name,
      consumerKey: credential.consumerKey,
      consumerSecret: credential.consumerSecret,
    };
  }

  /** The flow of a client of `server`, signed for its own URL (its PUBLIC_BASE_URL), on real time. */
  const flow = (server: ServerProcess) => serverProcessFlow(server, database.auth, ORG);
  const problemOf = (response: FlowResponse) => formFields(response.text).oauth_problem;

  it('starts both at once on an empty database: exactly one of them bootstraps, both are ready', async () => {
    expect((await fetch(`${one.baseUrl}/readyz`)).status).toBe(200);
    expect((await fetch(`${other.baseUrl}/readyz`)).status).toBe(200);
    const bootstrapped = [one, other].filter((server) => server.output().includes('Created organization'));
    expect(bootstrapped).toHaveLength(1);
    // Neither failed and retried on the way (TypeORM logs a failed start as an error, then tries again).
    for (const server of [one, other]) expect(server.output()).not.toContain('"level":50');
    expect((await admin(other, 'GET', '/appusers/alice')).status).toBe(200);
  });

  it('exchanges on one a request token issued by the other, and verifies the access token on either', async () => {
    const consumer = await createConsumer(one);
    const temporary = await flow(one).requestToken(consumer);
    const verifier = await flow(other).approve(temporary.token);
    const response = await flow(other).exchange(consumer, temporary, verifier);
    expect(response.status).toBe(200);
    const fields = formFields(response.text);
    const credentials = { token: fields.oauth_token, secret: fields.oauth_token_secret };
    for (const server of [one, other]) {
      expect(await flow(server).verify(consumer, credentials, { url: RESOURCE })).toMatchObject({
        status: 200,
        body: { valid: true, consumerKey: consumer.consumerKey, app: consumer.appName, appUserId: 'alice' },
      });
    }
  });

  it('refuses on one a nonce already used on the other', async () => {
    const consumer = await createConsumer(other);
    const nonce = freshNonce();
    const timestamp = Math.floor(Date.now() / 1000);
    expect((await flow(one).initiate(consumer, { nonce, timestamp })).status).toBe(200);
    const replayed = await flow(other).initiate(consumer, { nonce, timestamp });
    expect(replayed.status).toBe(401);
    expect(problemOf(replayed)).toBe('nonce_used');
    // The same nonce with another timestamp is another request.
    expect((await flow(other).initiate(consumer, { nonce, timestamp: timestamp + 1 })).status).toBe(200);
  });

  it('refuses on one, at once, an access token revoked through the admin API of the other', async () => {
    const consumer = await createConsumer(one);
    const credentials = await flow(one).accessToken(consumer);
    expect((await flow(other).verify(consumer, credentials, { url: RESOURCE })).status).toBe(200);
    expect((await admin(one, 'POST', `/oauth1/accesstokens/${credentials.token}?action=revoke`)).status).toBe(204);
    expect(await flow(other).verify(consumer, credentials, { url: RESOURCE })).toMatchObject({
      status: 401,
      body: { oauth_problem: 'token_revoked' },
    });
  });

  it("refuses on one, at once, an app's key revoked through the admin API of the other", async () => {
    const consumer = await createConsumer(other);
    const credentials = await flow(other).accessToken(consumer);
    expect((await flow(one).verify(consumer, credentials, { url: RESOURCE })).status).toBe(200);
    const keyPath = `/developers/${consumer.developerEmail}/apps/${consumer.appName}/keys/${consumer.consumerKey}`;
    expect((await admin(other, 'POST', `${keyPath}?action=revoke`)).status).toBe(204);
    expect(await flow(one).verify(consumer, credentials, { url: RESOURCE })).toMatchObject({
      status: 401,
      body: { oauth_problem: 'consumer_key_rejected' },
    });
    const initiated = await flow(one).initiate(consumer);
    expect(initiated.status).toBe(401);
    expect(problemOf(initiated)).toBe('consumer_key_rejected');
  });

  it(`issues exactly one access token when ${RACERS} exchanges of one request token race on both`, async () => {
    const consumer = await createConsumer(one);
    const temporary = await flow(other).requestToken(consumer);
    const verifier = await flow(one).approve(temporary.token);
    // Each exchange is signed on its own (its own nonce), then all are sent at once, alternating processes.
    const responses = await Promise.all(
      Array.from({ length: RACERS }, (_, index) =>
        flow(index % 2 === 0 ? one : other).exchange(consumer, temporary, verifier),
      ),
    );
    const outcomes = responses.map((response) => ({ status: response.status, fields: formFields(response.text) }));
    const won = outcomes.filter((outcome) => outcome.status === 200);
    expect(won).toHaveLength(1);
    expect(won[0].fields.oauth_token).toMatch(/^[A-Za-z0-9]+$/);
    const lost = outcomes.filter((outcome) => outcome.status !== 200);
    expect(lost.map((outcome) => [outcome.status, outcome.fields.oauth_problem])).toEqual(
      Array(RACERS - 1).fill([401, 'token_used']),
    );
    for (const server of [one, other]) {
      const count = await admin(
        server,
        'GET',
        `/developers/${consumer.developerEmail}/apps/${consumer.appName}/oauth1accesstokens`,
      );
      expect(await count.json()).toEqual({ count: 1 });
    }
  });
});

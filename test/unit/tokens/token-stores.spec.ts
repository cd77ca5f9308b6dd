import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { loadAppConfig } from '../../../src/config/app-config.js';
import { dataSourceOptions, initializeDataSource } from '../../../src/database/data-source.js';
import { AccessTokenStore } from '../../../src/tokens/access-token.store.js';
import { NonceStore } from '../../../src/tokens/nonce.store.js';
import { RequestTokenStore } from '../../../src/tokens/request-token.store.js';
import { VerifierStore } from '../../../src/tokens/verifier.store.js';
import { FakeClock } from '../../support/test-app.js';

describe('the token stores', () => {
  const config = { ...loadAppConfig({}), accessTokenTtlSeconds: 60 };
  const clock = new FakeClock();
  let dataSource: DataSource;
  let requestTokens: RequestTokenStore;
  let verifiers: VerifierStore;
  let accessTokens: AccessTokenStore;
  let nonces: NonceStore;

  beforeAll(async () => {
    dataSource = await initializeDataSource(dataSourceOptions({ type: 'sqlite', path: ':memory:' }));
    requestTokens = new RequestTokenStore(dataSource, clock, config);
    verifiers = new VerifierStore(dataSource, clock, config);
    accessTokens = new AccessTokenStore(dataSource, clock, config);
    nonces = new NonceStore(dataSource, clock, config);
    await issueKey(dataSource);
  });
  afterAll(() => dataSource.destroy());

  /** The developer, app and key the tokens are issued to (the schema requires them). */
  async function issueKey(dataSource: DataSource): Promise<void> {
    const audited = `"createdAt", "createdBy", "lastModifiedAt", "lastModifiedBy"`;
    await dataSource.query(
      `INSERT INTO "developers" (${audited}, "developerId", "organization", "email", "firstName", "lastName", "userName", "status", "attributes")
        VALUES (0, 'test', 0, 'test', 'dev', 'acme', 'ada@example.com', 'Ada', 'Lovelace', 'ada', 'active', '[]')`,
    );
    await dataSource.query(
      `INSERT INTO "developer_apps" (${audited}, "appId", "organization", "developerId", "name", "callbackUrl", "status", "attributes", "scopes")
        VALUES (0, 'test', 0, 'test', 'app', 'acme', 'dev', 'printer', NULL, 'approved', '[]', '[]')`,
    );
    await dataSource.query(
      `INSERT INTO "credentials" ("consumerKey", "organization", "appId", "consumerSecret", "status", "issuedAt", "expiresAt", "scopes", "attributes", "apiProducts", "publicKey")
        VALUES ('key', 'acme', 'app', 'secret', 'approved', 0, -1, '[]', '[]', '[]', NULL)`,
    );
  }

  async function authorizedRequestToken() {
    const requestToken = await requestTokens.issue(
      {
        organization: 'acme',
        consumerKey: 'key',
        appId: 'app',
        callbackUrl: 'oob',
        scope: 'read',
        accessType: 'write',
      },
      'test',
    );
    const verifier = await verifiers.issue(
      { organization: 'acme', requestToken: requestToken.token, appUserId: 'alice', attributes: [] },
      'test',
    );
    return { requestToken, verifier };
  }

  it('exchanges a request token once, however many exchanges race for it', async () => {
    const { requestToken, verifier } = await authorizedRequestToken();
    const results = await Promise.all([1, 2, 3, 4].map(() => accessTokens.exchange(requestToken, verifier, 'test')));
    const issued = results.filter((result) => result !== undefined);
    expect(issued).toHaveLength(1);
    expect(await accessTokens.find(issued[0].token)).toMatchObject({ appUserId: 'alice', scope: 'read' });
    expect((await requestTokens.find(requestToken.token))?.usedAt).toBe(clock.now());
    expect(await verifiers.findForRequestToken(requestToken.token)).toBeNull();
    expect(await accessTokens.countForConsumerKey('key')).toBe(1);
  });

  it('records a nonce once per consumer key, token and timestamp', async () => {
    expect(await nonces.record('key', '', 1000, 'abc')).toBe(true);
    expect(await nonces.record('key', '', 1000, 'abc')).toBe(false);
    expect(await nonces.record('key', '', 1001, 'abc')).toBe(true);
    expect(await nonces.record('key', 'token', 1000, 'abc')).toBe(true);
    expect(await nonces.record('other', '', 1000, 'abc')).toBe(true);
  });

  it('purges expired tokens and verifiers and nonces two windows old, and nothing else', async () => {
    const stale = await authorizedRequestToken();
    const credentials = await accessTokens.exchange(stale.requestToken, stale.verifier, 'test');
    const staleVerifier = await authorizedRequestToken();
    await nonces.record('key', '', 2000, 'old');
    clock.advance(2 * config.timestampWindowSeconds * 1000 + 1);
    const fresh = await authorizedRequestToken();
    await nonces.record('key', '', 3000, 'new');

    // Verifiers first: a request token's deletion takes its verifier with it.
    expect(await verifiers.purgeExpired()).toBeGreaterThanOrEqual(1);
    expect(await requestTokens.purgeExpired()).toBeGreaterThanOrEqual(2);
    expect(await accessTokens.purgeExpired()).toBeGreaterThanOrEqual(1);
    expect(await nonces.purgeStale()).toBeGreaterThanOrEqual(1);

    expect(await requestTokens.find(stale.requestToken.token)).toBeNull();
    expect(await verifiers.findForRequestToken(staleVerifier.requestToken.token)).toBeNull();
    expect(await accessTokens.find(credentials!.token)).toBeNull();
    expect(await requestTokens.find(fresh.requestToken.token)).not.toBeNull();
    expect(await verifiers.findForRequestToken(fresh.requestToken.token)).not.toBeNull();
    expect(await nonces.record('key', '', 2000, 'old')).toBe(true);
    expect(await nonces.record('key', '', 3000, 'new')).toBe(false);
  });

  it('keeps access tokens that never expire when purging', async () => {
    const forever = new AccessTokenStore(dataSource, clock, {
      ...config,
      accessTokenTtlSeconds: undefined,
    });
    const { requestToken, verifier } = await authorizedRequestToken();
    const credentials = await forever.exchange(requestToken, verifier, 'test');
    expect(credentials?.expiresAt).toBe(-1);
    clock.advance(365 * 24 * 3600 * 1000);
    await forever.purgeExpired();
    expect(await forever.find(credentials!.token)).not.toBeNull();
  });
});

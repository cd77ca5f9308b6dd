import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { loadAppConfig } from '../../../src/config/app-config.js';
import { dataSourceOptions, initializeDataSource } from '../../../src/database/data-source.js';
import { createApiProduct, createAppUser, createDeveloper, createDeveloperApp } from '../../support/factories.js';
import { ADMIN_AUTH, freshDatabase, ORG, startTestApp, TestApp } from '../../support/test-app.js';

/** Inserts rows given as column → value, in the data source's own placeholder style. */
async function insertRows(dataSource: DataSource, table: string, rows: Array<Record<string, unknown>>) {
  const sqlite = dataSource.options.type === 'better-sqlite3';
  for (const row of rows) {
    const columns = Object.keys(row);
    const placeholders = columns.map((_column, index) => (sqlite ? '?' : `$${index + 1}`));
    await dataSource.query(
      `INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) VALUES (${placeholders.join(', ')})`,
      Object.values(row),
    );
  }
}

async function column(dataSource: DataSource, table: string, name: string): Promise<string[]> {
  const rows: Array<Record<string, string>> = await dataSource.query(`SELECT "${name}" FROM "${table}"`);
  return rows.map((row) => row[name]).sort();
}

describe('the migration to foreign keys', () => {
  const audited = { createdAt: 0, createdBy: 'test', lastModifiedAt: 0, lastModifiedBy: 'test' };
  const developer = (developerId: string) => ({
    ...audited,
    developerId,
    organization: ORG,
    email: `${developerId}@example.com`,
    firstName: 'Ada',
    lastName: 'Lovelace',
    userName: developerId,
    status: 'active',
    attributes: '[]',
  });
  const app = (appId: string, developerId: string) => ({
    ...audited,
    appId,
    organization: ORG,
    developerId,
    name: appId,
    status: 'approved',
    attributes: '[]',
    scopes: '[]',
  });
  const credential = (consumerKey: string, appId: string) => ({
    consumerKey,
    organization: ORG,
    appId,
    consumerSecret: 'secret',
    status: 'approved',
    issuedAt: 0,
    expiresAt: -1,
    scopes: '[]',
    attributes: '[]',
    apiProducts: '[]',
  });
  const issued = { ...audited, organization: ORG, secret: 'secret', attributes: '[]', status: 'approved', issuedAt: 0 };
  const requestToken = (token: string, consumerKey: string, appId: string) => ({
    ...issued,
    token,
    consumerKey,
    appId,
    callbackUrl: 'oob',
    expiresAt: 1,
  });
  const accessToken = (token: string, consumerKey: string, appId: string) => ({
    ...issued,
    token,
    consumerKey,
    appId,
    appUserId: 'alice',
    expiresAt: -1,
  });
  const verifier = (code: string, token: string) => ({
    ...audited,
    code,
    organization: ORG,
    requestToken: token,
    appUserId: 'alice',
    attributes: '[]',
    issuedAt: 0,
    expiresAt: 1,
  });
  const user = (email: string) => ({ ...audited, email, firstName: 'A', lastName: 'B', passwordHash: 'x' });

  it('deletes the rows whose parent is gone, keeps the rest, and from then on deletes children with parents', async () => {
    const database = await freshDatabase();
    const options = dataSourceOptions(loadAppConfig(database.env).database);
    const [initial] = options.migrations as unknown[];
    let dataSource = await initializeDataSource({ ...options, migrations: [initial] } as typeof options);
    try {
      await insertRows(dataSource, 'developers', [developer('dev')]);
      await insertRows(dataSource, 'developer_apps', [app('app', 'dev'), app('orphan-app', 'gone-dev')]);
      await insertRows(dataSource, 'credentials', [credential('key', 'app'), credential('orphan-key', 'gone-app')]);
      await insertRows(dataSource, 'oauth1_request_tokens', [
        requestToken('rt', 'key', 'app'),
        requestToken('rt-of-gone-key', 'gone-key', 'app'),
        requestToken('rt-of-gone-app', 'key', 'gone-app'),
      ]);
      await insertRows(dataSource, 'oauth1_verifiers', [verifier('vf', 'rt'), verifier('vf-of-gone-rt', 'gone-rt')]);
      await insertRows(dataSource, 'oauth1_access_tokens', [
        accessToken('at', 'key', 'app'),
        accessToken('at-of-gone-key', 'gone-key', 'app'),
        accessToken('at-of-gone-app', 'key', 'gone-app'),
      ]);
      await insertRows(dataSource, 'management_users', [user('kept@example.com')]);
      await insertRows(dataSource, 'user_roles', [
        { organization: ORG, email: 'kept@example.com', role: 'orgadmin' },
        { organization: ORG, email: 'gone@example.com', role: 'orgadmin' },
      ]);
      await dataSource.destroy();

      dataSource = await initializeDataSource(options);
      expect(await column(dataSource, 'developer_apps', 'appId')).toEqual(['app']);
      expect(await column(dataSource, 'credentials', 'consumerKey')).toEqual(['key']);
      expect(await column(dataSource, 'oauth1_request_tokens', 'token')).toEqual(['rt']);
      expect(await column(dataSource, 'oauth1_verifiers', 'code')).toEqual(['vf']);
      expect(await column(dataSource, 'oauth1_access_tokens', 'token')).toEqual(['at']);
      expect(await column(dataSource, 'user_roles', 'email')).toEqual(['kept@example.com']);

      await dataSource.query(`DELETE FROM "developers" WHERE "developerId" = 'dev'`);
      await dataSource.query(`DELETE FROM "management_users" WHERE "email" = 'kept@example.com'`);
      for (const [table, name] of [
        ['developer_apps', 'appId'],
        ['credentials', 'consumerKey'],
        ['oauth1_request_tokens', 'token'],
        ['oauth1_verifiers', 'code'],
        ['oauth1_access_tokens', 'token'],
        ['user_roles', 'email'],
      ]) {
        expect(await column(dataSource, table, name)).toEqual([]);
      }
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });
});

describe('admin writes of several statements', () => {
  let t: TestApp;
  let dataSource: DataSource;
  let email: string;

  beforeAll(async () => {
    t = await startTestApp();
    dataSource = t.app.get(DataSource);
    email = (await createDeveloper(t)).email;
  });
  afterAll(() => t.close());
  afterEach(() => {
    jest.restoreAllMocks();
  });

  const sqlite = () => dataSource.options.type === 'better-sqlite3';
  const admin = (method: 'get' | 'post' | 'put' | 'delete', path: string) =>
    t.http()[method](`/v1/o/${ORG}${path}`).set('Authorization', ADMIN_AUTH);

  async function refuseKeyInserts(): Promise<void> {
    if (sqlite()) {
      await dataSource.query(
        `CREATE TRIGGER "refuse_keys" BEFORE INSERT ON "credentials" BEGIN SELECT RAISE(ABORT, 'refused'); END`,
      );
      return;
    }
    await dataSource.query(
      `CREATE FUNCTION "refuse_keys"() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$ LANGUAGE plpgsql`,
    );
    await dataSource.query(
      `CREATE TRIGGER "refuse_keys" BEFORE INSERT ON "credentials" FOR EACH ROW EXECUTE FUNCTION "refuse_keys"()`,
    );
  }

  async function allowKeyInserts(): Promise<void> {
    await dataSource.query(sqlite() ? `DROP TRIGGER "refuse_keys"` : `DROP TRIGGER "refuse_keys" ON "credentials"`);
    if (!sqlite()) await dataSource.query(`DROP FUNCTION "refuse_keys"`);
  }

  it('leave nothing behind when they fail part-way: an app whose key cannot be stored does not exist', async () => {
    await refuseKeyInserts();
    try {
      const response = await admin('post', `/developers/${email}/apps`).send({ name: 'half-made' });
      expect(response.status).toBe(500);
      expect(response.text).not.toContain('refused');
    } finally {
      await allowKeyInserts();
    }
    expect((await admin('get', `/developers/${email}/apps/half-made`)).status).toBe(404);
    expect((await admin('get', `/developers/${email}/apps`)).body).not.toContain('half-made');
    expect((await admin('post', `/developers/${email}/apps`).send({ name: 'half-made' })).status).toBe(201);
  });

  it('open no TypeORM transaction, which on SQLite would share the one connection with every request', async () => {
    const runner = dataSource.createQueryRunner();
    const startTransaction = jest.spyOn(Object.getPrototypeOf(runner) as typeof runner, 'startTransaction');
    await runner.release();

    const product = await createApiProduct(t);
    const created = await createDeveloperApp(t, email, { apiProducts: [product.name] });
    const keys = `/developers/${email}/apps/${created.name}/keys`;
    expect((await admin('post', `${keys}/create`).send({ consumerKey: 'k1', consumerSecret: 's1' })).status).toBe(201);
    expect((await admin('post', `${keys}/k1?action=revoke`)).status).toBe(204);
    expect((await admin('delete', `${keys}/k1`)).status).toBe(200);
    expect((await admin('delete', `/apiproducts/${product.name}`)).status).toBe(200);
    const owner = await createAppUser(t);
    expect((await admin('delete', `/appusers/${owner.id}`)).status).toBe(200);
    expect((await admin('delete', `/developers/${email}/apps/${created.name}`)).status).toBe(200);
    const user = { emailId: 'tx@example.com', firstName: 'T', lastName: 'X', password: 'tx-password-1' };
    const users = (method: 'post' | 'put' | 'delete', path: string) =>
      t.http()[method](`/v1/users${path}`).set('Authorization', ADMIN_AUTH);
    expect((await users('post', '').send(user)).status).toBe(201);
    expect((await users('put', `/${user.emailId}`).send({ firstName: 'Tee' })).status).toBe(200);
    expect((await users('delete', `/${user.emailId}`)).status).toBe(200);
    const organization = await t.http().post('/v1/organizations').set('Authorization', ADMIN_AUTH).send({ name: 'tx' });
    expect(organization.status).toBe(201);
    const doomed = await createDeveloper(t);
    await createDeveloperApp(t, doomed.email);
    expect((await admin('delete', `/developers/${doomed.email}`)).status).toBe(200);

    expect(startTransaction).not.toHaveBeenCalled();
  });
});

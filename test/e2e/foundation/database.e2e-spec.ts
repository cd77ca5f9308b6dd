import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { createCompany, createConsumer } from '../../support/factories.js';
import { ADMIN_AUTH, ORG, startTestApp, TestApp } from '../../support/test-app.js';

describe('the database schema', () => {
  let t: TestApp;
  let dataSource: DataSource;

  beforeAll(async () => {
    t = await startTestApp();
    dataSource = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('is created by the migrations on a fresh database at start', async () => {
    const executed = await dataSource.query(`SELECT name FROM migrations`);
    expect(executed.map((row: { name: string }) => row.name)).toEqual(
      dataSource.migrations.map((migration) => migration.name),
    );
    expect(await dataSource.showMigrations()).toBe(false);
  });

  it('matches the entities exactly, so no migration is missing', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it("reads a caller's roles by email through an index, as every admin request does", async () => {
    const sql = 'SELECT "organization", "role" FROM "user_roles" WHERE "email" = $1';
    if (dataSource.options.type === 'better-sqlite3') {
      const plan = await dataSource.query(`EXPLAIN QUERY PLAN ${sql.replace('$1', "'a@example.com'")}`);
      expect(plan.map((row: { detail: string }) => row.detail).join(' ')).toMatch(/USING (COVERING )?INDEX/);
    } else {
      const indexes = await dataSource.query(`SELECT indexdef FROM pg_indexes WHERE tablename = 'user_roles'`);
      expect(indexes.map((row: { indexdef: string }) => row.indexdef)).toEqual(
        expect.arrayContaining([expect.stringMatching(/\(email\)$/)]),
      );
    }
  });

  it('runs SQLite in WAL mode, so readers do not wait for the writer', async () => {
    if (dataSource.options.type !== 'better-sqlite3') return expect(dataSource.options.type).toBe('postgres');
    const [row] = await dataSource.query('PRAGMA journal_mode');
    expect(row.journal_mode).toBe('wal');
  });

  describe('cache generations', () => {
    const generation = async (cache: string): Promise<number> => {
      const rows = await dataSource.query(`SELECT "generation" FROM "cache_generations" WHERE "name" = '${cache}'`);
      return Number((rows as Array<{ generation: number | string }>)[0].generation);
    };
    /** The change must move the cache's generation, or every process would keep serving what it changed. */
    const expectMoves = async (cache: string, change: () => Promise<unknown>): Promise<void> => {
      const before = await generation(cache);
      await change();
      expect(await generation(cache)).toBeGreaterThan(before);
    };
    const expectStays = async (cache: string, change: () => Promise<unknown>): Promise<void> => {
      const before = await generation(cache);
      await change();
      expect(await generation(cache)).toBe(before);
    };
    const touch = (table: string, column: string) => () =>
      dataSource.query(`UPDATE "${table}" SET "${column}" = "${column}"`);

    it('moves the consumers generation on every insert, update and delete of a table a consumer is read from', async () => {
      let consumer: Awaited<ReturnType<typeof createConsumer>> | undefined;
      await expectMoves('consumers', async () => (consumer = await createConsumer(t)));
      let company: { name: string } | undefined;
      await expectMoves('consumers', async () => (company = await createCompany(t)));
      for (const table of ['credentials', 'developer_apps', 'developers', 'companies']) {
        await expectMoves('consumers', touch(table, 'status'));
      }
      const key = consumer!.consumerKey;
      await expectMoves('consumers', () =>
        dataSource.query(`DELETE FROM "credentials" WHERE "consumerKey" = '${key}'`),
      );
      const appId = consumer!.app.appId;
      await expectMoves('consumers', () => dataSource.query(`DELETE FROM "developer_apps" WHERE "appId" = '${appId}'`));
      const email = consumer!.developerEmail;
      await expectMoves('consumers', () => dataSource.query(`DELETE FROM "developers" WHERE "email" = '${email}'`));
      const name = company!.name;
      await expectMoves('consumers', () => dataSource.query(`DELETE FROM "companies" WHERE "name" = '${name}'`));
    });

    it('moves the principals generation on every change to users, roles and organizations', async () => {
      const email = `cache-${Date.now().toString(36)}@example.com`;
      await expectMoves('principals', async () => {
        const created = await t
          .http()
          .post('/v1/users')
          .set('Authorization', ADMIN_AUTH)
          .send({ emailId: email, firstName: 'Cache', lastName: 'User', password: 'cache-password-1' });
        expect(created.status).toBe(201);
      });
      await expectMoves('principals', async () => {
        const granted = await t
          .http()
          .post(`/v1/o/${ORG}/userroles/readonlyadmin/users?id=${encodeURIComponent(email)}`)
          .set('Authorization', ADMIN_AUTH);
        expect(granted.status).toBe(201);
      });
      await expectMoves('principals', touch('management_users', 'passwordHash'));
      await expectMoves('principals', touch('user_roles', 'role'));
      await expectMoves('principals', touch('organizations', 'displayName'));
      await expectMoves('principals', () => dataSource.query(`DELETE FROM "user_roles" WHERE "email" = '${email}'`));
      await expectMoves('principals', () =>
        dataSource.query(`DELETE FROM "management_users" WHERE "email" = '${email}'`),
      );
    });

    it("moves the blocks generation only when an address's block changes, not on every failure", async () => {
      const insert = (address: string, blockedUntil: number) => () =>
        dataSource.query(
          `INSERT INTO "failed_attempts" ("kind", "address", "failures", "windowStartedAt", "blockedUntil")
            VALUES ('signature', '${address}', 1, 1, ${blockedUntil})`,
        );
      const update = (address: string, set: string) => () =>
        dataSource.query(`UPDATE "failed_attempts" SET ${set} WHERE "address" = '${address}'`);
      await expectStays('blocks', insert('192.0.2.1', 0));
      await expectStays('blocks', update('192.0.2.1', '"failures" = 2'));
      await expectMoves('blocks', update('192.0.2.1', '"blockedUntil" = 1000'));
      await expectStays('blocks', update('192.0.2.1', '"failures" = 3'));
      await expectMoves('blocks', insert('192.0.2.2', 1000));
      await expectStays('blocks', () => dataSource.query(`DELETE FROM "failed_attempts" WHERE "blockedUntil" < 2000`));
    });
  });
});

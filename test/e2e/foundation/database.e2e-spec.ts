import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../../support/test-app.js';

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
});

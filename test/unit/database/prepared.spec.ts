import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { dataSourceOptions, initializeDataSource } from '../../../src/database/data-source.js';
import { fromJson, preparedDatabase, toBoolean, toNullableNumber, toNumber } from '../../../src/database/prepared.js';
import { isUniqueViolation } from '../../../src/database/unique-violation.js';

describe('prepared statements', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await initializeDataSource(dataSourceOptions({ type: 'sqlite', path: ':memory:' }));
  });
  afterAll(() => dataSource.destroy());

  const insert = () =>
    preparedDatabase(dataSource).statement(
      'test_nonces_insert',
      'INSERT INTO "oauth1_nonces" ("consumerKey", "token", "timestamp", "nonce", "receivedAt") VALUES ($1, $2, $3, $4, $5)',
    );
  const select = () =>
    preparedDatabase(dataSource).statement(
      'test_nonces_select',
      'SELECT "nonce", "timestamp" FROM "oauth1_nonces" WHERE "consumerKey" = $1 ORDER BY "nonce"',
      (row) => ({ nonce: row.nonce as string, timestamp: toNumber(row.timestamp) }),
    );

  it('runs statements and maps rows', async () => {
    expect(await insert().execute('key', '', 1000, 'a', 1)).toBe(1);
    expect(await insert().execute('key', '', 1000, 'b', 1)).toBe(1);
    expect(await select().all('key')).toEqual([
      { nonce: 'a', timestamp: 1000 },
      { nonce: 'b', timestamp: 1000 },
    ]);
    expect(await select().one('key')).toEqual({ nonce: 'a', timestamp: 1000 });
    expect(await select().one('nobody')).toBeUndefined();
  });

  it('reports a failure as TypeORM does, so that a unique violation is recognized', async () => {
    await insert().execute('dup', '', 1, 'n', 1);
    const failure = await insert()
      .execute('dup', '', 1, 'n', 1)
      .catch((error: unknown) => error);
    expect(isUniqueViolation(failure)).toBe(true);
  });

  it('shares one statement per name and refuses two texts under one name', () => {
    expect(insert()).toBe(insert());
    expect(() => preparedDatabase(dataSource).statement('test_nonces_insert', 'SELECT 1')).toThrow(/Two statements/);
  });

  it('wants PostgreSQL placeholders in order', () => {
    expect(() => preparedDatabase(dataSource).statement('test_out_of_order', 'SELECT $2, $1')).toThrow(/in order/);
  });

  it('keeps working once the data source is closed and opened again', async () => {
    await dataSource.destroy();
    await dataSource.initialize();
    // A fresh in-memory database: migrate it again.
    await dataSource.runMigrations({ transaction: 'none' });
    expect(await insert().execute('again', '', 1, 'n', 1)).toBe(1);
    expect(await select().all('again')).toEqual([{ nonce: 'n', timestamp: 1 }]);
  });

  it('maps column values as the entities read them', () => {
    expect(toNumber('1700000000000')).toBe(1700000000000);
    expect(toNullableNumber(null)).toBeNull();
    expect(toNullableNumber('5')).toBe(5);
    expect(fromJson('[{"name":"a","value":"b"}]')).toEqual([{ name: 'a', value: 'b' }]);
    expect(toBoolean(1)).toBe(true);
    expect(toBoolean(0)).toBe(false);
    expect(toBoolean(true)).toBe(true);
  });
});

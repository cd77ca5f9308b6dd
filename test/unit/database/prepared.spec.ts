import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { dataSourceOptions, initializeDataSource } from '../../../src/database/data-source.js';
import { fromJson, preparedDatabase, toBoolean, toNullableNumber, toNumber } from '../../../src/database/prepared.js';
import type { Statement } from '../../../src/database/prepared.js';
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

  describe('group commit on SQLite', () => {
    const stored = async (consumerKey: string) => (await select().all(consumerKey)).map((row) => row.nonce);

    it('commits the writes of one turn together, and a failing write fails alone', async () => {
      await insert().execute('batch', '', 1, 'first', 1);
      const outcomes = await Promise.allSettled([
        insert().execute('batch', '', 1, 'second', 1),
        insert().execute('batch', '', 1, 'first', 1),
        insert().execute('batch', '', 1, 'third', 1),
      ]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(isUniqueViolation((outcomes[1] as PromiseRejectedResult).reason)).toBe(true);
      expect(await stored('batch')).toEqual(['first', 'second', 'third']);
    });

    it('undoes every statement of an atomic write that fails, and keeps the rest of the batch', async () => {
      const database = preparedDatabase(dataSource);
      const sqliteInsert = (nonce: string) => insert().executeSqlite(['atomic', '', 1, nonce, 1]);
      await insert().execute('atomic', '', 1, 'taken', 1);
      const outcomes = await Promise.allSettled([
        database.sqliteWrites.writeAtomically(() => {
          sqliteInsert('undone');
          sqliteInsert('taken');
        }),
        insert().execute('atomic', '', 1, 'kept', 1),
      ]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'fulfilled']);
      expect(await stored('atomic')).toEqual(['kept', 'taken']);
    });

    // No TypeORM transaction is opened at runtime (multi-statement writes go through executeAtomically); should one
    // be, the batch must not become a savepoint of it and share its fate.
    it('refuses to run inside a transaction it did not open instead of joining it', async () => {
      const runner = dataSource.createQueryRunner();
      await runner.startTransaction();
      const write = insert().execute('outside', '', 1, 'joined', 1);
      await expect(write).rejects.toThrow('A transaction other than the group commit is open on the connection');
      await runner.commitTransaction();
      await runner.release();
      expect(await stored('outside')).toEqual([]);
      expect(await insert().execute('outside', '', 1, 'later', 1)).toBe(1);
    });

    it('runs the writes of executeAtomically all or none, and only after a guard that claims exactly one row', async () => {
      const database = preparedDatabase(dataSource);
      const write = (nonce: string): Statement => [insert(), ['together', '', 1, nonce, 1]];
      await expect(database.executeAtomically([write('a'), write('b'), write('a')])).rejects.toThrow();
      expect(await stored('together')).toEqual([]);
      expect(await database.executeAtomically([write('a'), write('b')])).toEqual([1, 1]);
      const claim = database.statement(
        'test_nonces_claim',
        'UPDATE "oauth1_nonces" SET "receivedAt" = 2 WHERE "consumerKey" = $1 AND "nonce" = $2 AND "receivedAt" = 1',
      );
      expect(await database.executeAtomically([write('c')], [claim, ['together', 'nothing']])).toBeUndefined();
      expect(await database.executeAtomically([write('d')], [claim, ['together', 'a']])).toEqual([1]);
      expect(await database.executeAtomically([write('e')], [claim, ['together', 'a']])).toBeUndefined();
      expect(await stored('together')).toEqual(['a', 'b', 'd']);
    });
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

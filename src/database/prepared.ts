import type { Database, Statement as SqliteStatement, Transaction } from 'better-sqlite3';
import type { Pool, PoolClient, QueryResult } from 'pg';
import { QueryFailedError } from 'typeorm';
import type { DataSource } from 'typeorm';
import { isDatabaseUnavailable } from './unavailable.js';

/** A row as the driver returns it. */
export type Row = Record<string, unknown>;

/**
 * A statement written once as plain SQL (PostgreSQL placeholders, `$1`, `$2`, … each used once and in order) and
 * prepared once per connection: better-sqlite3 statements are prepared on first use and kept; PostgreSQL gets a
 * named prepared statement. For the hot path, where TypeORM's query building and re-preparing cost more than the
 * query itself. Errors are TypeORM's QueryFailedError, as from a repository, so callers handle them the same way.
 */
export class PreparedStatement<R = Row> {
  private sqlite: SqliteStatement | undefined;
  /** The connection `sqlite` was prepared on: a data source closed and opened again has a new one. */
  private sqliteConnection: Database | undefined;
  private readonly sqliteText: string;
  private readonly isRead: boolean;

  constructor(
    private readonly database: PreparedDatabase,
    readonly name: string,
    readonly text: string,
    private readonly map: (row: Row) => R,
  ) {
    this.isRead = /^\s*SELECT\b/i.test(text);
    let expected = 1;
    this.sqliteText = text.replace(/\$(\d+)/g, (_match, index: string) => {
      if (Number(index) !== expected++) throw new Error(`${name}: placeholders must be $1, $2, … in order`);
      return '?';
    });
  }

  /** The first row, mapped; undefined when there is none. */
  async one(...values: unknown[]): Promise<R | undefined> {
    if (this.database.dialect === 'sqlite') {
      const row = this.run(values, () => this.sqliteStatement().get(...values)) as Row | undefined;
      return row === undefined ? undefined : this.map(row);
    }
    const result = await this.pgRead(values);
    return result.rows.length === 0 ? undefined : this.map(result.rows[0]);
  }

  /** Every row, mapped. */
  async all(...values: unknown[]): Promise<R[]> {
    if (this.database.dialect === 'sqlite') {
      return (this.run(values, () => this.sqliteStatement().all(...values)) as Row[]).map(this.map);
    }
    return (await this.pgRead(values)).rows.map(this.map);
  }

  /**
   * Runs an INSERT, UPDATE or DELETE; returns how many rows it changed, once committed. On SQLite the statement joins
   * the next group commit (see SqliteWriteBatch).
   */
  async execute(...values: unknown[]): Promise<number> {
    if (this.database.dialect === 'sqlite') {
      return this.database.sqliteWrites.write(() => this.run(values, () => this.executeSqlite(values)));
    }
    return (await this.pg(this.database.pool, values)).rowCount ?? 0;
  }

  /** execute() on SQLite, synchronously, for use inside a better-sqlite3 transaction (the group commit's). */
  executeSqlite(values: unknown[]): number {
    return this.run(values, () => this.sqliteStatement().run(...values).changes);
  }

  /** execute() on one PostgreSQL client (a transaction's). */
  async executeOn(client: PoolClient, values: unknown[]): Promise<number> {
    return (await this.pg(client, values)).rowCount ?? 0;
  }

  private sqliteStatement(): SqliteStatement {
    const connection = this.database.sqlite;
    if (this.sqlite === undefined || this.sqliteConnection !== connection) {
      this.sqlite = connection.prepare(this.sqliteText);
      this.sqliteConnection = connection;
    }
    return this.sqlite;
  }

  private run<T>(values: unknown[], work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw new QueryFailedError(this.text, values, error as Error);
    }
  }

  /**
   * A SELECT on the pool, tried once more when its connection failed (a restarted or terminated backend): the pool
   * has dropped that connection, the next attempt gets another, and a read is safe to repeat. A write is not retried:
   * whether it committed is unknown.
   */
  private async pgRead(values: unknown[]): Promise<QueryResult<Row>> {
    try {
      return await this.pg(this.database.pool, values);
    } catch (error) {
      if (!this.isRead || !isDatabaseUnavailable(error)) throw error;
      return this.pg(this.database.pool, values);
    }
  }

  private async pg(queryable: Pool | PoolClient, values: unknown[]): Promise<QueryResult<Row>> {
    try {
      return await queryable.query<Row>({ name: this.name, text: this.text, values });
    } catch (error) {
      throw new QueryFailedError(this.text, values, error as Error);
    }
  }
}

/** How many rows one step of a bulk delete removes: a few milliseconds of a SQLite write, so requests keep flowing. */
export const DELETE_CHUNK_ROWS = 500;

/**
 * Runs a bulk DELETE in steps of DELETE_CHUNK_ROWS, yielding to the event loop between them, so that a purge of
 * hundreds of thousands of rows never holds the (single, shared) SQLite connection or the loop for long. The
 * statement takes the chunk size as its last placeholder, e.g. `… WHERE "key" IN (SELECT "key" … LIMIT $2)`.
 * Returns how many rows went in all.
 */
export async function deleteInChunks(statement: PreparedStatement<unknown>, values: unknown[]): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await statement.execute(...values, DELETE_CHUNK_ROWS);
    total += deleted;
    if (deleted < DELETE_CHUNK_ROWS) return total;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** A prepared statement and the values to run it with. */
export type Statement = [statement: PreparedStatement<unknown>, values: unknown[]];

/**
 * SQL in the data source's own dialect and its parameters, as a TypeORM query builder's getQueryAndParameters()
 * gives them: how the admin API's tables join an atomic write without a second description of their columns.
 */
export type BuiltQuery = [sql: string, parameters: unknown[]];

/** One statement of an atomic write (see PreparedDatabase.executeAtomically). */
export type Write = Statement | BuiltQuery;

interface PendingWrite {
  work: () => unknown;
  atomic: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for SQLite's hot-path writes. Each commit costs a dozen system calls (file locks, WAL frame writes)
 * whatever it holds, more than the inserts themselves: so the writes requested during one turn of the event loop
 * run together in one BEGIN IMMEDIATE transaction on the next, and each caller's promise settles once that has
 * committed (or failed, which fails them all). A write that fails on its own (a duplicate nonce, say) fails alone:
 * a failing statement is undone by SQLite itself, and an atomic write of several statements runs in a savepoint.
 *
 * Every write of several statements goes through here (PreparedDatabase.executeAtomically), and the schema's foreign
 * keys do the cascades, so no TypeORM transaction is ever open on the one connection at runtime: TypeORM's are
 * asynchronous, and would take in the statements of other requests made meanwhile and show their uncommitted rows
 * to every read. Only startup (migrations, the first-start bootstrap) opens one, before any request is taken.
 */
export class SqliteWriteBatch {
  private pending: PendingWrite[] = [];
  private scheduled = false;
  /**
   * The batch's transaction functions, made once per connection: better-sqlite3 builds a wrapper (and looks up its
   * BEGIN, COMMIT and SAVEPOINT statements) each time transaction() is called, a cost every commit paid twice.
   */
  private transactions?: {
    database: Database;
    batch: Transaction<(writes: PendingWrite[], outcomes: Outcome[]) => void>;
  };

  constructor(private readonly connection: () => Database) {}

  /** Runs `work` (synchronous better-sqlite3 calls) in the next group commit; resolves with its result. */
  write<T>(work: () => T): Promise<T> {
    return this.enqueue(work, false);
  }

  /** Like write, with every statement of `work` kept or undone together. */
  writeAtomically<T>(work: () => T): Promise<T> {
    return this.enqueue(work, true);
  }

  private enqueue<T>(work: () => T, atomic: boolean): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, atomic, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private transactionsOf(database: Database) {
    if (this.transactions?.database !== database) {
      // Called inside the batch's transaction, an atomic write becomes a savepoint of it.
      const atomic = database.transaction((work: () => unknown) => work());
      const batch = database.transaction((writes: PendingWrite[], outcomes: Outcome[]) => {
        for (const write of writes) {
          try {
            outcomes.push({ value: write.atomic ? atomic(write.work) : write.work() });
          } catch (error) {
            // Some errors (a full disk, say) make SQLite roll the whole transaction back: then nothing may follow.
            if (!database.inTransaction) throw error;
            outcomes.push({ error });
          }
        }
      });
      this.transactions = { database, batch };
    }
    return this.transactions;
  }

  private flush(): void {
    const database = this.connection() as Database | undefined;
    this.scheduled = false;
    const writes = this.pending;
    this.pending = [];
    if (database?.open !== true || database.inTransaction) {
      // In a transaction, better-sqlite3 would turn the batch into a savepoint of it and make it share its fate.
      const unusable = new Error(
        database?.open === true
          ? 'A transaction other than the group commit is open on the connection'
          : 'The database connection is closed',
      );
      for (const write of writes) write.reject(unusable);
      return;
    }
    const outcomes: Outcome[] = [];
    try {
      this.transactionsOf(database).batch.immediate(writes, outcomes);
    } catch (error) {
      for (const write of writes) write.reject(error);
      return;
    }
    writes.forEach((write, index) => {
      const outcome = outcomes[index];
      if ('error' in outcome) write.reject(outcome.error);
      else write.resolve(outcome.value);
    });
  }
}

/** What one write of a group commit came to. */
type Outcome = { value: unknown } | { error: unknown };

/** The raw connection behind a TypeORM data source: better-sqlite3's one connection, or PostgreSQL's pool. */
export class PreparedDatabase {
  readonly dialect: 'sqlite' | 'postgres';
  /** Group commit of the hot path's writes, on SQLite. */
  readonly sqliteWrites = new SqliteWriteBatch(() => this.sqlite);
  private readonly statements = new Map<string, PreparedStatement<never>>();

  constructor(private readonly dataSource: DataSource) {
    const type = dataSource.options.type;
    if (type !== 'better-sqlite3' && type !== 'postgres') {
      throw new Error(`Prepared statements support better-sqlite3 and postgres, not ${type}`);
    }
    this.dialect = type === 'postgres' ? 'postgres' : 'sqlite';
  }

  /** The data source's current connection (it changes when the data source is closed and opened again). */
  get sqlite(): Database {
    return (this.dataSource.driver as unknown as { databaseConnection: Database }).databaseConnection;
  }

  /** The PostgreSQL pool; once the data source is closed (shutting down) there is none, which reads as unavailable. */
  get pool(): Pool {
    const pool = (this.dataSource.driver as unknown as { master: Pool | undefined }).master;
    if (pool === undefined) throw new Error('The database connection is closed');
    return pool;
  }

  /**
   * Runs the writes in order in one transaction, all or none; returns how many rows each changed. With a `guard`
   * (an UPDATE meant to claim one row), the guard runs first and the writes only if it changed exactly one row;
   * otherwise nothing changes and the result is undefined: of two callers racing for the same row, exactly one wins.
   *
   * SQLite: a savepoint of the group commit, synchronous start to end, so no other request's statement runs in
   * between and no read sees a part of it; its BEGIN IMMEDIATE orders it against other processes on the same file.
   * PostgreSQL: a pooled connection of its own, where row locks do the rest.
   */
  async executeAtomically(writes: Write[], guard?: Statement): Promise<number[] | undefined> {
    if (this.dialect === 'sqlite') {
      const sqlite = this.sqlite;
      return this.sqliteWrites.writeAtomically(() => {
        if (guard !== undefined && guard[0].executeSqlite(guard[1]) !== 1) return undefined;
        return writes.map((write) =>
          isBuiltQuery(write) ? runBuiltQuery(sqlite, write) : write[0].executeSqlite(write[1]),
        );
      });
    }

    const client = await this.pool.connect();
    // A checked-out client's connection can fail between two queries (a backend terminated): pg then emits 'error' on
    // the client, which with no listener would take the process down. Listen, and destroy such a client on release.
    let lost: Error | undefined;
    const onLost = (error: Error) => (lost = error);
    client.on('error', onLost);
    let inTransaction = false;
    try {
      await client.query('BEGIN');
      inTransaction = true;
      let changes: number[] | undefined;
      if (guard === undefined || (await guard[0].executeOn(client, guard[1])) === 1) {
        changes = [];
        for (const write of writes) {
          changes.push(
            isBuiltQuery(write) ? await runBuiltQueryOn(client, write) : await write[0].executeOn(client, write[1]),
          );
        }
      }
      inTransaction = false;
      await client.query(changes === undefined ? 'ROLLBACK' : 'COMMIT');
      return changes;
    } catch (error) {
      if (isDatabaseUnavailable(error)) lost ??= error as Error;
      if (inTransaction && lost === undefined) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackFailure) {
          lost = rollbackFailure as Error;
        }
      }
      throw error;
    } finally {
      client.off('error', onLost);
      client.release(lost);
    }
  }

  /**
   * The statement of that name (one per SQL text: PostgreSQL names prepared statements per connection), made on
   * first request and shared by every caller on this data source.
   */
  statement<R = Row>(name: string, text: string, map: (row: Row) => R = (row) => row as R): PreparedStatement<R> {
    const existing = this.statements.get(name) as PreparedStatement<R> | undefined;
    if (existing !== undefined) {
      if (existing.text !== text) throw new Error(`Two statements named ${name}`);
      return existing;
    }
    const statement = new PreparedStatement<R>(this, name, text, map);
    this.statements.set(name, statement as PreparedStatement<never>);
    return statement;
  }
}

function isBuiltQuery(write: Write): write is BuiltQuery {
  return typeof write[0] === 'string';
}

function runBuiltQuery(sqlite: Database, [sql, parameters]: BuiltQuery): number {
  // As TypeORM's driver binds them: better-sqlite3 takes no booleans.
  const values = parameters.map((value) => (typeof value === 'boolean' ? Number(value) : value));
  try {
    return sqlite.prepare(sql).run(...values).changes;
  } catch (error) {
    throw new QueryFailedError(sql, values, error as Error);
  }
}

async function runBuiltQueryOn(client: PoolClient, [sql, parameters]: BuiltQuery): Promise<number> {
  try {
    return (await client.query(sql, parameters)).rowCount ?? 0;
  } catch (error) {
    throw new QueryFailedError(sql, parameters, error as Error);
  }
}

const databases = new WeakMap<DataSource, PreparedDatabase>();

/** The prepared statements of a data source (one set per data source, made on first use). */
export function preparedDatabase(dataSource: DataSource): PreparedDatabase {
  let database = databases.get(dataSource);
  if (database === undefined) {
    database = new PreparedDatabase(dataSource);
    databases.set(dataSource, database);
  }
  return database;
}

// Row mapping to the entities' shapes, as TypeORM's column types would give them.

/** bigint columns: PostgreSQL returns them as strings. */
export const toNumber = (value: unknown): number => Number(value);
export const toNullableNumber = (value: unknown): number | null => (value === null ? null : Number(value));
/** simple-json columns: JSON text. */
export const fromJson = <T>(value: unknown): T => JSON.parse(value as string) as T;
/** boolean columns: SQLite stores 0 or 1. */
export const toBoolean = (value: unknown): boolean => value === true || value === 1;

/** How a column's stored value becomes the entity's: text as is, bigint, nullable bigint, or simple-json. */
export type ColumnKind = 'text' | 'number' | 'nullableNumber' | 'json';

const READ_COLUMN: Record<ColumnKind, (value: unknown) => unknown> = {
  text: (value) => value,
  number: toNumber,
  nullableNumber: toNullableNumber,
  json: (value) => fromJson(value),
};

/**
 * A table read and written only through prepared statements, described once: its column list, SELECT, INSERT, UPDATE
 * and DELETE text, and the conversions between a row and the entity follow from it. Every field of the entity must
 * be named.
 */
export class TableColumns<T extends object> {
  private readonly columns: Array<[name: keyof T & string, kind: ColumnKind]>;
  private readonly kinds: { [K in keyof T & string]-?: ColumnKind };

  constructor(
    readonly table: string,
    kinds: { [K in keyof T & string]-?: ColumnKind },
  ) {
    this.kinds = kinds;
    this.columns = Object.entries(kinds) as Array<[keyof T & string, ColumnKind]>;
  }

  /** The quoted column names, each prefixed by `alias.` when given. */
  list(alias?: string): string {
    const prefix = alias === undefined ? '' : `${alias}.`;
    return this.columns.map(([name]) => `${prefix}"${name}"`).join(', ');
  }

  /** SELECT of every column, to which a WHERE clause is appended. */
  get select(): string {
    return `SELECT ${this.list()} FROM "${this.table}"`;
  }

  /** INSERT of a whole row; its values come from values(). */
  get insert(): string {
    const placeholders = this.columns.map((_column, index) => `$${index + 1}`).join(', ');
    return `INSERT INTO "${this.table}" (${this.list()}) VALUES (${placeholders})`;
  }

  /**
   * UPDATE of the `set` columns of the rows whose `where` columns are equal to given values; its values come from
   * values(record, [...set, ...where]).
   */
  update(set: ReadonlyArray<keyof T & string>, where: ReadonlyArray<keyof T & string>): string {
    const assignments = set.map((name, index) => `"${name}" = $${index + 1}`).join(', ');
    const conditions = where.map((name, index) => `"${name}" = $${set.length + index + 1}`).join(' AND ');
    return `UPDATE "${this.table}" SET ${assignments} WHERE ${conditions}`;
  }

  /** DELETE, to which a WHERE clause is appended. */
  get delete(): string {
    return `DELETE FROM "${this.table}"`;
  }

  /** A stored row as the entity reads it. */
  readonly fromRow = (row: Row): T => {
    const record: Record<string, unknown> = {};
    for (const [name, kind] of this.columns) record[name] = READ_COLUMN[kind](row[name]);
    return record as T;
  };

  /** The record's values of the named columns (by default every column, in insert's order), as stored. */
  values(record: T, names: ReadonlyArray<keyof T & string> = this.columns.map(([name]) => name)): unknown[] {
    return names.map((name) => (this.kinds[name] === 'json' ? JSON.stringify(record[name]) : record[name]));
  }
}

import type { Database, Statement as SqliteStatement } from 'better-sqlite3';
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

  /**
   * execute() on SQLite, synchronously, for use inside a better-sqlite3 transaction; a failure is better-sqlite3's
   * own error, as the transaction throws it.
   */
  executeSqlite(values: unknown[]): number {
    return this.sqliteStatement().run(...values).changes;
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
 * TypeORM runs its own transactions (the admin API's cascades) on the same one connection, asynchronously: while one
 * is open the batch waits for it to end rather than join it and share its fate.
 */
export class SqliteWriteBatch {
  private pending: PendingWrite[] = [];
  private scheduled = false;

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

  private flush(): void {
    const database = this.connection() as Database | undefined;
    if (database?.open === true && database.inTransaction) {
      setTimeout(() => this.flush(), 1);
      return;
    }
    this.scheduled = false;
    const writes = this.pending;
    this.pending = [];
    if (database?.open !== true) {
      const closed = new Error('The database connection is closed');
      for (const write of writes) write.reject(closed);
      return;
    }
    const outcomes: Array<{ value: unknown } | { error: unknown }> = [];
    try {
      database
        .transaction(() => {
          for (const { work, atomic } of writes) {
            try {
              outcomes.push({ value: atomic ? database.transaction(work)() : work() });
            } catch (error) {
              // Some errors (a full disk, say) make SQLite roll the whole transaction back: then nothing may follow.
              if (!database.inTransaction) throw error;
              outcomes.push({ error });
            }
          }
        })
        .immediate();
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

  get pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
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
 * A table the hot path reads and writes whole rows of, described once: its column list, SELECT and INSERT text, and
 * the conversions between a row and the entity follow from it. Every field of the entity must be named.
 */
export class TableColumns<T extends object> {
  private readonly columns: Array<[name: keyof T & string, kind: ColumnKind]>;

  constructor(
    readonly table: string,
    kinds: { [K in keyof T & string]-?: ColumnKind },
  ) {
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

  /** A stored row as the entity reads it. */
  readonly fromRow = (row: Row): T => {
    const record: Record<string, unknown> = {};
    for (const [name, kind] of this.columns) record[name] = READ_COLUMN[kind](row[name]);
    return record as T;
  };

  /** The values of insert's placeholders, in order. */
  values(record: T): unknown[] {
    return this.columns.map(([name, kind]) => (kind === 'json' ? JSON.stringify(record[name]) : record[name]));
  }
}

import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, MigrationExecutor } from 'typeorm';
import type { DataSourceOptions, EntityManager } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config.js';
import { ENTITIES } from './entities.js';
import { POSTGRES_MIGRATIONS } from './migrations/postgres/index.js';
import { SQLITE_MIGRATIONS } from './migrations/sqlite/index.js';

/**
 * SQLite (better-sqlite3, WAL so that readers never wait on the writer and several processes can share the file)
 * by default; PostgreSQL when DATABASE_URL is set. The schema comes only from migrations, one set per dialect,
 * run by initializeDataSource.
 */
export function dataSourceOptions(database: DatabaseConfig): DataSourceOptions {
  const common = { entities: ENTITIES, migrationsRun: false, synchronize: false } as const;
  if (database.type === 'postgres') {
    return { ...common, type: 'postgres', url: database.url, migrations: POSTGRES_MIGRATIONS, poolSize: 10 };
  }
  if (database.path !== ':memory:') createDirectory(dirname(database.path));
  return {
    ...common,
    type: 'better-sqlite3',
    database: database.path,
    migrations: SQLITE_MIGRATIONS,
    enableWAL: true,
    // Another process may hold the write lock for a moment; wait for it rather than fail with SQLITE_BUSY.
    timeout: 5000,
    prepareDatabase: (db: { pragma: (sql: string) => unknown }) => {
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
    },
  };
}

/**
 * Creates a directory and its missing parents one at a time: Node's recursive mkdirSync loops forever under some
 * file systems (/proc, for one) instead of failing, which would hang the start.
 */
function createDirectory(path: string): void {
  const missing: string[] = [];
  for (let directory = path; !existsSync(directory); directory = dirname(directory)) {
    missing.unshift(directory);
    if (dirname(directory) === directory) break;
  }
  for (const directory of missing) {
    try {
      mkdirSync(directory);
    } catch (error) {
      throw new Error(`SQLITE_PATH: cannot create the directory ${directory} (${(error as Error).message})`, {
        cause: error,
      });
    }
  }
}

/** The PostgreSQL advisory lock every process of this application takes for its startup work ("5849" for the RFC). */
const STARTUP_LOCK_KEY = 5849_0001;

/**
 * Runs `work` in a transaction that no other process's `exclusively` overlaps, for what several processes starting
 * at once on one database must do one at a time: migrations and the first-start bootstrap. `work` must use the
 * manager it is given. PostgreSQL: a transaction holding an advisory lock (released at commit or rollback). SQLite:
 * BEGIN IMMEDIATE, which takes the file's write lock at once (waiting up to the busy timeout for another process),
 * so that nothing read in the transaction can change before it writes; TypeORM's own transactions on SQLite begin
 * DEFERRED and would fail with SQLITE_BUSY there instead.
 */
export async function exclusively<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (dataSource.options.type === 'postgres') {
    return dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [STARTUP_LOCK_KEY]);
      return work(manager);
    });
  }
  // Meant for startup, before the server takes requests: SQLite has one connection, shared by every query runner.
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('BEGIN IMMEDIATE');
    try {
      const result = await work(runner.manager);
      await runner.query('COMMIT');
      return result;
    } catch (error) {
      await runner.query('ROLLBACK');
      throw error;
    }
  } finally {
    await runner.release();
  }
}

/**
 * Opens the database and runs the pending migrations, all in one transaction that other processes starting at the
 * same moment wait for (they then find nothing pending).
 */
export async function initializeDataSource(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = await new DataSource(options).initialize();
  const sqlite = dataSource.options.type === 'better-sqlite3';
  try {
    // SQLite changes a table by building a new one and dropping the old: with foreign keys enforced, that DROP would
    // cascade to every row referencing the table (an app's keys and tokens). So, as SQLite's documented procedure
    // has it, they are off during the migrations (the pragma is a no-op inside a transaction, hence before it), and
    // the result is checked before the commit.
    if (sqlite) await dataSource.query('PRAGMA foreign_keys = OFF');
    await exclusively(dataSource, async (manager) => {
      const migrations = new MigrationExecutor(dataSource, manager.queryRunner);
      migrations.transaction = 'none';
      await migrations.executePendingMigrations();
      if (sqlite) {
        const violations = await manager.query<unknown[]>('PRAGMA foreign_key_check');
        if (violations.length > 0) {
          throw new Error(`The migrations left ${violations.length} rows whose parent is missing`);
        }
      }
    });
    if (sqlite) await dataSource.query('PRAGMA foreign_keys = ON');
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

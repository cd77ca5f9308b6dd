import type { Database } from 'better-sqlite3';
import type { DataSource } from 'typeorm';

/** A statement built by a TypeORM query builder for this data source: its SQL and its parameters. */
export type Statement = [query: string, parameters: unknown[]];

/**
 * Runs `claim`, an UPDATE meant to change exactly one row, and only if it did, the `then` statements, all in one
 * transaction. Returns whether the claim won. Two callers racing for the same row: exactly one wins.
 *
 * TypeORM's SQLite driver runs every request on one shared connection, so an async transaction there would take in
 * the statements other requests make meanwhile (and roll them back with its own). better-sqlite3 is synchronous, so
 * its own transaction runs start to end with nothing in between, and BEGIN IMMEDIATE orders it against other
 * processes on the same file. PostgreSQL gets a pooled connection of its own and row locks do the rest.
 */
export async function claimThen(dataSource: DataSource, claim: Statement, then: Statement[]): Promise<boolean> {
  if (dataSource.options.type === 'better-sqlite3') {
    const database = (dataSource.driver as unknown as { databaseConnection: Database }).databaseConnection;
    const transaction = database.transaction((): boolean => {
      if (database.prepare(claim[0]).run(...claim[1]).changes !== 1) return false;
      for (const [query, parameters] of then) database.prepare(query).run(...parameters);
      return true;
    });
    return transaction.immediate();
  }

  const runner = dataSource.createQueryRunner();
  try {
    await runner.startTransaction();
    const claimed = await runner.query(claim[0], claim[1], true);
    if (claimed.affected === 1) {
      for (const [query, parameters] of then) await runner.query(query, parameters);
      await runner.commitTransaction();
      return true;
    }
    await runner.rollbackTransaction();
    return false;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}

import type { DataSource } from 'typeorm';
import { preparedDatabase } from '../database/prepared.js';
import type { PreparedStatement } from '../database/prepared.js';

/** A prepared statement and the values to run it with. */
export type Statement = [statement: PreparedStatement<unknown>, values: unknown[]];

/**
 * Runs `claim`, an UPDATE meant to change exactly one row, and only if it did, the `then` statements, all in one
 * transaction. Returns whether the claim won. Two callers racing for the same row: exactly one wins.
 *
 * TypeORM's SQLite driver runs every request on one shared connection, so an async transaction there would take in
 * the statements other requests make meanwhile (and roll them back with its own). better-sqlite3 is synchronous, so
 * the claim and its statements run start to end with nothing in between, in a savepoint of the group commit (whose
 * BEGIN IMMEDIATE orders it against other processes on the same file). PostgreSQL gets a pooled connection of its
 * own and row locks do the rest.
 */
export async function claimThen(dataSource: DataSource, claim: Statement, then: Statement[]): Promise<boolean> {
  const database = preparedDatabase(dataSource);
  if (database.dialect === 'sqlite') {
    return database.sqliteWrites.writeAtomically((): boolean => {
      if (claim[0].executeSqlite(claim[1]) !== 1) return false;
      for (const [statement, values] of then) statement.executeSqlite(values);
      return true;
    });
  }

  const client = await database.pool.connect();
  let inTransaction = false;
  try {
    await client.query('BEGIN');
    inTransaction = true;
    const claimed = await claim[0].executeOn(client, claim[1]);
    if (claimed === 1) {
      for (const [statement, values] of then) await statement.executeOn(client, values);
      await client.query('COMMIT');
      inTransaction = false;
      return true;
    }
    inTransaction = false;
    await client.query('ROLLBACK');
    return false;
  } catch (error) {
    if (inTransaction) await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

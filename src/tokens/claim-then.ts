import type { DataSource } from 'typeorm';
import { preparedDatabase } from '../database/prepared.js';
import type { Statement } from '../database/prepared.js';

/**
 * Runs `claim`, an UPDATE meant to change exactly one row, and only if it did, the `then` statements, all in one
 * transaction. Returns whether the claim won. Two callers racing for the same row: exactly one wins.
 */
export async function claimThen(dataSource: DataSource, claim: Statement, then: Statement[]): Promise<boolean> {
  return (await preparedDatabase(dataSource).executeAtomically(then, claim)) !== undefined;
}

import { QueryFailedError } from 'typeorm';

// PostgreSQL reports every unique or primary-key violation as 23505; SQLite names the two cases apart.
const UNIQUE_VIOLATION_CODES: ReadonlySet<string> = new Set([
  '23505',
  'SQLITE_CONSTRAINT_UNIQUE',
  'SQLITE_CONSTRAINT_PRIMARYKEY',
]);

/** Whether a failed insert or update broke a unique index or primary key, on either database. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = (error as QueryFailedError<Error>).driverError as { code?: string } | undefined;
  return UNIQUE_VIOLATION_CODES.has(driverError?.code ?? '');
}

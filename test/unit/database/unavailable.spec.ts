import { describe, expect, it } from '@jest/globals';
import { QueryFailedError } from 'typeorm';
import { databaseUnavailableReason } from '../../../src/database/unavailable.js';

const driverError = (fields: Record<string, unknown>, message = 'driver error') =>
  Object.assign(new Error(message), fields);
const wrapped = (error: Error) => new QueryFailedError('SELECT 1', [], error);

describe('databaseUnavailableReason', () => {
  it.each([
    ['a terminated PostgreSQL backend (57P01, FATAL)', wrapped(driverError({ code: '57P01', severity: 'FATAL' }))],
    ['a PostgreSQL connection exception (class 08)', wrapped(driverError({ code: '08006' }))],
    ['a database refusing connections (55000, FATAL)', driverError({ code: '55000', severity: 'FATAL' })],
    ['a connection the server closed', wrapped(new Error('Connection terminated unexpectedly'))],
    ['a refused connection', driverError({ code: 'ECONNREFUSED' })],
    [
      'a refused connection on every address',
      new AggregateError([driverError({ code: 'ECONNREFUSED' }), driverError({ code: 'ECONNREFUSED' })]),
    ],
    ['SQLite busy past its timeout', wrapped(driverError({ code: 'SQLITE_BUSY' }))],
    ['an SQLite I/O error', wrapped(driverError({ code: 'SQLITE_IOERR_WRITE' }))],
    ['a closed SQLite connection', new TypeError('The database connection is not open')],
  ])('reads %s as unreachable', (_case, error) => {
    expect(databaseUnavailableReason(error)).toBe('unreachable');
  });

  it('reads SQLITE_FULL as a full disk', () => {
    expect(databaseUnavailableReason(wrapped(driverError({ code: 'SQLITE_FULL' })))).toBe('disk full');
  });

  it.each([
    ['a unique violation', wrapped(driverError({ code: '23505', severity: 'ERROR' }))],
    ['an SQLite constraint', wrapped(driverError({ code: 'SQLITE_CONSTRAINT_UNIQUE' }))],
    ['a syntax error', wrapped(driverError({ code: '42601', severity: 'ERROR' }))],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['not an error', 'Connection terminated'],
  ])('leaves %s alone', (_case, error) => {
    expect(databaseUnavailableReason(error)).toBeUndefined();
  });
});

/**
 * The one place that tells "the database cannot serve right now" (unreachable, restarting, its disk full) from every
 * other failure: the first is the operator's to fix and the client's to retry (503 with Retry-After), the second a
 * bug (500). Errors arrive wrapped (TypeORM's QueryFailedError keeps the driver's error as driverError; pg's pool
 * may report an AggregateError of one attempt per address), so the whole chain is examined.
 */

/** What a client is told to wait before retrying, in seconds. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

export type UnavailableReason = 'unreachable' | 'disk full';

// PostgreSQL: class 08 (connection exception), 57P01–57P05 (administrator or crash shutdown, cannot connect now,
// database dropped, idle session timeout), 53300 (too many connections).
const POSTGRES_CODE = /^(08...|57P0[1-5]|53300)$/;
// Any FATAL or PANIC message ends the server's session: whatever its code, that connection is gone.
const POSTGRES_SESSION_ENDING = new Set(['FATAL', 'PANIC']);
const SQLITE_DISK_FULL = 'SQLITE_FULL';
// SQLite: an I/O error (a vanished or read-only file system), or the lock still held after the busy timeout.
const SQLITE_UNAVAILABLE = /^SQLITE_(IOERR|BUSY|CANTOPEN|READONLY)/;
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const NETWORK_MESSAGES = [
  /Connection terminated/i,
  /connection error and is not queryable/i,
  /timeout exceeded when trying to connect/i,
  /The database connection is (closed|not open)/i,
];

interface DriverErrorLike {
  code?: unknown;
  severity?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
}

function reasonOf(error: unknown, depth: number): UnavailableReason | undefined {
  if (error === null || typeof error !== 'object' || depth > 5) return undefined;
  const { code, severity, message, driverError, cause, errors } = error as DriverErrorLike;
  if (code === SQLITE_DISK_FULL) return 'disk full';
  if (typeof code === 'string' && (POSTGRES_CODE.test(code) || SQLITE_UNAVAILABLE.test(code))) return 'unreachable';
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return 'unreachable';
  if (typeof severity === 'string' && POSTGRES_SESSION_ENDING.has(severity)) return 'unreachable';
  if (typeof message === 'string' && NETWORK_MESSAGES.some((pattern) => pattern.test(message))) return 'unreachable';
  for (const inner of [driverError, cause, ...(Array.isArray(errors) ? (errors as unknown[]) : [])]) {
    const reason = reasonOf(inner, depth + 1);
    if (reason !== undefined) return reason;
  }
  return undefined;
}

/** Why the database cannot serve, when that is what `error` says; undefined for any other error. */
export function databaseUnavailableReason(error: unknown): UnavailableReason | undefined {
  return reasonOf(error, 0);
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return reasonOf(error, 0) !== undefined;
}

/**
 * The last time a request failed because the database could not serve. /readyz reports it for Retry-After seconds:
 * a full disk leaves reads (and so a ping) working while every write fails. Per process, as readiness is.
 */
class DatabaseAvailability {
  private lastFailure: { at: number; reason: UnavailableReason } | undefined;

  recordFailure(reason: UnavailableReason, now = Date.now()): void {
    this.lastFailure = { at: now, reason };
  }

  /** The reason of a failure within the last Retry-After seconds, if any. */
  recentFailure(now = Date.now()): UnavailableReason | undefined {
    const failure = this.lastFailure;
    if (failure === undefined || now - failure.at >= UNAVAILABLE_RETRY_AFTER_SECONDS * 1000) return undefined;
    return failure.reason;
  }
}

export const databaseAvailability = new DatabaseAvailability();

/** expiresAt of -1 means the record never expires (Apigee's convention for credentials and access tokens). */
export const NEVER_EXPIRES = -1;

export function hasExpired(expiresAt: number, now: number): boolean {
  return expiresAt !== NEVER_EXPIRES && expiresAt <= now;
}

/** Epoch milliseconds ttlSeconds from now, or NEVER_EXPIRES when there is no ttl. */
export function expiryAfter(now: number, ttlSeconds: number | undefined): number {
  return ttlSeconds === undefined ? NEVER_EXPIRES : now + ttlSeconds * 1000;
}

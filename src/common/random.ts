import { randomFillSync } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const ALPHANUMERIC_CODES = Buffer.from(ALPHANUMERIC, 'latin1');
// 62 * 4 = 248: bytes at or above it are rejected so that every character is equally likely.
const UNBIASED_LIMIT = 248;

/**
 * Random bytes are drawn from the cryptographic source a few kilobytes at a time (as crypto.randomUUID does) rather
 * than once per token: each byte is used once, then the pool is refilled.
 */
const POOL_SIZE = 4096;
const pool = Buffer.alloc(POOL_SIZE);
let poolOffset = POOL_SIZE;

function randomByte(): number {
  if (poolOffset === POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  return pool[poolOffset++];
}

/** Keys, secrets, tokens and verifiers: [A-Za-z0-9] from a cryptographic source, without modulo bias. */
export function randomAlphanumeric(length: number): string {
  const characters = Buffer.allocUnsafe(length);
  let filled = 0;
  while (filled < length) {
    const byte = randomByte();
    if (byte < UNBIASED_LIMIT) characters[filled++] = ALPHANUMERIC_CODES[byte % ALPHANUMERIC_CODES.length];
  }
  return characters.toString('latin1');
}

export const CONSUMER_KEY_LENGTH = 32;
export const CONSUMER_SECRET_LENGTH = 32;
export const TOKEN_LENGTH = 28;
export const TOKEN_SECRET_LENGTH = 32;
export const VERIFIER_LENGTH = 20;

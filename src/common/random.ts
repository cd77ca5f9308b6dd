import { randomBytes } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// 62 * 4 = 248: bytes at or above it are rejected so that every character is equally likely.
const UNBIASED_LIMIT = 248;

/** Keys, secrets, tokens and verifiers: [A-Za-z0-9] from a cryptographic source, without modulo bias. */
export function randomAlphanumeric(length: number): string {
  let result = '';
  while (result.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < UNBIASED_LIMIT) result += ALPHANUMERIC[byte % ALPHANUMERIC.length];
      if (result.length === length) break;
    }
  }
  return result;
}

export const CONSUMER_KEY_LENGTH = 32;
export const CONSUMER_SECRET_LENGTH = 32;
export const TOKEN_LENGTH = 28;
export const TOKEN_SECRET_LENGTH = 32;
export const VERIFIER_LENGTH = 20;

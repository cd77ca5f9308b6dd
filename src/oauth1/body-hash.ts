/**
 * The OAuth Request Body Hash extension (oauth_body_hash, 2009): a client signing a request whose body is not a form
 * puts the base64 of a digest of the raw body among the signed parameters, so that the signature covers the body too.
 * The digest is SHA-1, or for HMAC-SHA256 the SHA-256 (SHA-1 is accepted there as well: oauthlib always sends SHA-1).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { SignatureMethod } from './signature.js';

export const BODY_HASH_PARAMETER = 'oauth_body_hash';

export function bodyHash(algorithm: 'sha1' | 'sha256', body: string | Buffer): string {
  return createHash(algorithm).update(body).digest('base64');
}

function sameText(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether `given` is the body hash of `body` for a request signed with `method`. */
export function bodyHashMatches(method: SignatureMethod, body: string | Buffer, given: string): boolean {
  if (sameText(bodyHash('sha1', body), given)) return true;
  return method === 'HMAC-SHA256' && sameText(bodyHash('sha256', body), given);
}

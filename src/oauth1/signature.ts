/**
 * RFC 5849 sections 3.4.2 (HMAC-SHA1), 3.4.3 (RSA-SHA1) and 3.4.4 (PLAINTEXT), plus HMAC-SHA256, which later
 * providers added on the same pattern as HMAC-SHA1.
 */
import { createHmac, randomBytes, sign as signWithKey, timingSafeEqual, verify as verifyWithKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

import { percentEncode } from './encoding.js';

export type SignatureMethod = 'HMAC-SHA1' | 'HMAC-SHA256' | 'RSA-SHA1' | 'PLAINTEXT';

export const SIGNATURE_METHODS: readonly SignatureMethod[] = Object.freeze([
  'HMAC-SHA1',
  'HMAC-SHA256',
  'RSA-SHA1',
  'PLAINTEXT',
]);

export function isSignatureMethod(s: string): s is SignatureMethod {
  return (SIGNATURE_METHODS as readonly string[]).includes(s);
}

export interface SigningSecrets {
  consumerSecret: string;
  tokenSecret?: string;
}

/** 3.4.2: the encoded client secret and the encoded token secret joined by '&', which stays even without a token. */
export function signingKey(secrets: SigningSecrets): string {
  return `${percentEncode(secrets.consumerSecret)}&${percentEncode(secrets.tokenSecret ?? '')}`;
}

/** Signs a base string as a client does. RSA-SHA1 signs with the client's private key instead of the secrets. */
export function sign(
  method: SignatureMethod,
  baseString: string,
  secrets: SigningSecrets,
  rsaPrivateKey?: string | KeyObject,
): string {
  switch (method) {
    case 'HMAC-SHA1':
      return createHmac('sha1', signingKey(secrets)).update(baseString, 'utf8').digest('base64');
    case 'HMAC-SHA256':
      return createHmac('sha256', signingKey(secrets)).update(baseString, 'utf8').digest('base64');
    case 'RSA-SHA1':
      if (rsaPrivateKey === undefined) throw new TypeError('RSA-SHA1 signing needs the client private key');
      // RSASSA-PKCS1-v1_5 (RFC 3447 8.2), node's default padding for RSA keys.
      return signWithKey('sha1', Buffer.from(baseString, 'utf8'), rsaPrivateKey).toString('base64');
    case 'PLAINTEXT':
      return signingKey(secrets);
    default:
      throw new TypeError(`Unsupported signature method ${JSON.stringify(method)}`);
  }
}

// Comparing keyed digests rather than the strings themselves takes the same time whatever the length or content of
// the candidate, so the comparison reveals nothing about the expected value, not even its length: PLAINTEXT's expected
// "signature" is the secrets themselves. The key is per process and secret so that no-one can choose inputs whose
// digests agree.
const COMPARISON_KEY = randomBytes(32);

function constantTimeEquals(expected: string, candidate: string): boolean {
  const digest = (value: string): Buffer => createHmac('sha256', COMPARISON_KEY).update(value, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(candidate));
}

// An HMAC signature's length is public (28 or 44 base64 characters), so only its content needs a constant-time
// comparison: timingSafeEqual on the bytes, without the two extra HMACs that constantTimeEquals costs.
function hmacSignatureEquals(expected: string, candidate: string): boolean {
  const expectedBytes = Buffer.from(expected, 'utf8');
  const candidateBytes = Buffer.from(candidate, 'utf8');
  return expectedBytes.length === candidateBytes.length && timingSafeEqual(expectedBytes, candidateBytes);
}

// Buffer's base64 decoder skips characters it does not know; insisting on the canonical form keeps one signature from
// having many spellings.
function decodeCanonicalBase64(value: string): Buffer | undefined {
  const bytes = Buffer.from(value, 'base64');
  return bytes.length > 0 && bytes.toString('base64') === value ? bytes : undefined;
}

/**
 * Checks a signature as a server does. Returns false, and never throws, for any signature content, for an unknown
 * method, and for a missing or unusable RSA public key (a PEM string or a KeyObject).
 */
export function verifySignature(
  method: SignatureMethod,
  baseString: string,
  signature: string,
  secrets: SigningSecrets,
  rsaPublicKey?: string | KeyObject,
): boolean {
  switch (method) {
    case 'HMAC-SHA1':
    case 'HMAC-SHA256':
      return hmacSignatureEquals(sign(method, baseString, secrets), signature);
    case 'PLAINTEXT': {
      // Some clients (Ruby's signet) percent-encode the PLAINTEXT signature once more than 3.4.4 says: it still
      // proves the same two secrets, so it is accepted too.
      const expected = sign(method, baseString, secrets);
      const asSent = constantTimeEquals(expected, signature);
      return constantTimeEquals(percentEncode(expected), signature) || asSent;
    }
    case 'RSA-SHA1': {
      const signatureBytes = decodeCanonicalBase64(signature);
      if (rsaPublicKey === undefined || signatureBytes === undefined) return false;
      try {
        return verifyWithKey('sha1', Buffer.from(baseString, 'utf8'), rsaPublicKey, signatureBytes);
      } catch {
        return false;
      }
    }
    default:
      return false;
  }
}

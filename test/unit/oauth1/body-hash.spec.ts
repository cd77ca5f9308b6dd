import { describe, expect, it } from '@jest/globals';

import { bodyHash, bodyHashMatches } from '../../../src/oauth1/index.js';

// The OAuth Request Body Hash extension (oauth-bodyhash.html), section 3.2's example and the hash of an empty body
// it requires for a request without one.
const HELLO_WORLD_SHA1 = 'Lve95gjOVATpfV8EL5X4nxwjKHE=';
const EMPTY_SHA1 = '2jmj7l5rSw0yVb/vlWAYkK/YBwk=';
const HELLO_WORLD_SHA256 = 'f4OxZX/x/FO5LcGBSKHWXfwtSx+j1ncoSt3SABJtkGk=';

describe('oauth_body_hash', () => {
  it("hashes the extension's published examples with SHA-1", () => {
    expect(bodyHash('sha1', 'Hello World!')).toBe(HELLO_WORLD_SHA1);
    expect(bodyHash('sha1', '')).toBe(EMPTY_SHA1);
    expect(bodyHash('sha1', Buffer.from('Hello World!'))).toBe(HELLO_WORLD_SHA1);
  });

  it('hashes with SHA-256 for HMAC-SHA256', () => {
    expect(bodyHash('sha256', 'Hello World!')).toBe(HELLO_WORLD_SHA256);
  });

  it.each(['HMAC-SHA1', 'RSA-SHA1', 'PLAINTEXT'] as const)(
    'accepts only the SHA-1 hash of the very body for %s',
    (method) => {
      expect(bodyHashMatches(method, 'Hello World!', HELLO_WORLD_SHA1)).toBe(true);
      expect(bodyHashMatches(method, '', EMPTY_SHA1)).toBe(true);
      expect(bodyHashMatches(method, 'Hello World!', HELLO_WORLD_SHA256)).toBe(false);
      expect(bodyHashMatches(method, 'Hello World?', HELLO_WORLD_SHA1)).toBe(false);
      expect(bodyHashMatches(method, 'Hello World!', EMPTY_SHA1)).toBe(false);
    },
  );

  it('accepts SHA-256 and SHA-1 for HMAC-SHA256 (oauthlib always sends SHA-1)', () => {
    expect(bodyHashMatches('HMAC-SHA256', 'Hello World!', HELLO_WORLD_SHA256)).toBe(true);
    expect(bodyHashMatches('HMAC-SHA256', 'Hello World!', HELLO_WORLD_SHA1)).toBe(true);
    expect(bodyHashMatches('HMAC-SHA256', 'Hello World?', HELLO_WORLD_SHA256)).toBe(false);
  });

  it('refuses a hash in another spelling or truncated, and never throws on nonsense', () => {
    expect(bodyHashMatches('HMAC-SHA1', 'Hello World!', HELLO_WORLD_SHA1.replace('=', ''))).toBe(false);
    expect(bodyHashMatches('HMAC-SHA1', 'Hello World!', encodeURIComponent(HELLO_WORLD_SHA1))).toBe(false);
    expect(bodyHashMatches('HMAC-SHA1', 'Hello World!', '')).toBe(false);
    expect(bodyHashMatches('HMAC-SHA1', 'Hello World!', 'ü'.repeat(28))).toBe(false);
  });
});

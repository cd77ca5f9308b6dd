import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';

import { describe, expect, it } from '@jest/globals';

import {
  SIGNATURE_METHODS,
  isSignatureMethod,
  sign,
  signingKey,
  verifySignature,
  type SignatureMethod,
} from '../../../src/oauth1/index.js';
import {
  HMAC_SHA256_SET,
  RFC5849_SECTION_1_2,
  SPEC_TEST_CASES_HMAC_SHA1,
  SPEC_TEST_CASES_RSA_SHA1,
} from '../../fixtures/oauth1-vectors.js';

const rsaPrivateKey = SPEC_TEST_CASES_RSA_SHA1.privateKeyPem;
const rsaPublicKey = createPublicKey(rsaPrivateKey);
const rsaPublicKeyPem = rsaPublicKey.export({ type: 'spki', format: 'pem' }).toString();
const { privateKey: otherPrivateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });

describe('signature methods', () => {
  it('lists the four supported methods', () => {
    expect(SIGNATURE_METHODS).toEqual(['HMAC-SHA1', 'HMAC-SHA256', 'RSA-SHA1', 'PLAINTEXT']);
  });

  it.each([
    ['HMAC-SHA1', true],
    ['HMAC-SHA256', true],
    ['RSA-SHA1', true],
    ['PLAINTEXT', true],
    ['hmac-sha1', false],
    ['RSA-SHA256', false],
    ['HMAC-SHA512', false],
    ['', false],
  ])('isSignatureMethod(%j) is %s', (name, expected) => {
    expect(isSignatureMethod(name)).toBe(expected);
  });
});

describe('signingKey', () => {
  it.each([
    [{ consumerSecret: 'ja893SD9' }, 'ja893SD9&'],
    [{ consumerSecret: 'ja893SD9', tokenSecret: '' }, 'ja893SD9&'],
    [{ consumerSecret: 'a&b', tokenSecret: 'c d+' }, 'a%26b&c%20d%2B'],
    [{ consumerSecret: '', tokenSecret: 'token' }, '&token'],
  ])('derives the key of %j as %j', (secrets, key) => {
    expect(signingKey(secrets)).toBe(key);
  });
});

describe('PLAINTEXT (RFC 5849 3.4.4)', () => {
  it.each(RFC5849_SECTION_1_2.plaintext)(
    'signs with the client secret $consumerSecret and token secret $tokenSecret as $signature',
    ({ consumerSecret, tokenSecret, signature }) => {
      const secrets = { consumerSecret, tokenSecret };
      expect(sign('PLAINTEXT', 'ignored base string', secrets)).toBe(signature);
      expect(verifySignature('PLAINTEXT', 'another base string', signature, secrets)).toBe(true);
    },
  );

  // Ruby's signet percent-encodes the PLAINTEXT signature before the Authorization header encodes it again, so the
  // server decodes "secret%26token" where 3.4.4 says "secret&token".
  const secrets = { consumerSecret: 'kd94hf93k423kf44', tokenSecret: 'pfkkd&hdi 0' };
  const plaintext = 'kd94hf93k423kf44&pfkkd%26hdi%200';

  it('accepts a signature percent-encoded once more (Ruby signet), since it proves the same secrets', () => {
    expect(sign('PLAINTEXT', '', secrets)).toBe(plaintext);
    expect(verifySignature('PLAINTEXT', '', 'kd94hf93k423kf44%26pfkkd%2526hdi%25200', secrets)).toBe(true);
  });

  it('accepts no other spelling: encoded twice more, half encoded, or with wrong secrets encoded once more', () => {
    expect(verifySignature('PLAINTEXT', '', 'kd94hf93k423kf44%2526pfkkd%252526hdi%2525200', secrets)).toBe(false);
    expect(verifySignature('PLAINTEXT', '', 'kd94hf93k423kf44%26pfkkd%26hdi%200', secrets)).toBe(false);
    expect(verifySignature('PLAINTEXT', '', 'kd94hf93k423kf44%26other', secrets)).toBe(false);
  });
});

describe('HMAC-SHA1 (OAuth 1.0 test cases)', () => {
  const { baseString, secrets, signature } = SPEC_TEST_CASES_HMAC_SHA1;

  it('signs the published base string', () => {
    expect(sign('HMAC-SHA1', baseString, secrets)).toBe(signature);
  });

  it('verifies the published signature, and not after any change to the base string or the secrets', () => {
    expect(verifySignature('HMAC-SHA1', baseString, signature, secrets)).toBe(true);
    expect(verifySignature('HMAC-SHA1', `${baseString}x`, signature, secrets)).toBe(false);
    expect(verifySignature('HMAC-SHA1', baseString, signature, { ...secrets, tokenSecret: undefined })).toBe(false);
    expect(verifySignature('HMAC-SHA256', baseString, signature, secrets)).toBe(false);
  });

  it('does not accept the signature percent-encoded once more, as it does for PLAINTEXT', () => {
    const encoded = encodeURIComponent(signature);
    expect(encoded).not.toBe(signature);
    expect(verifySignature('HMAC-SHA1', baseString, encoded, secrets)).toBe(false);
    const sha256 = sign('HMAC-SHA256', baseString, secrets);
    expect(verifySignature('HMAC-SHA256', baseString, sha256, secrets)).toBe(true);
    expect(verifySignature('HMAC-SHA256', baseString, encodeURIComponent(sha256), secrets)).toBe(false);
  });
});

describe('RSA-SHA1 (OAuth 1.0 test cases)', () => {
  const { baseString, signature } = SPEC_TEST_CASES_RSA_SHA1;

  it.each([
    ['a PEM string', rsaPrivateKey],
    ['a KeyObject', createPrivateKey(rsaPrivateKey)],
  ])('signs with the published private key given as %s', (_description, key) => {
    expect(sign('RSA-SHA1', baseString, { consumerSecret: '' }, key)).toBe(signature);
  });

  it.each([
    ['a PEM string', rsaPublicKeyPem],
    ['a KeyObject', rsaPublicKey],
  ])('verifies with the public half given as %s', (_description, key) => {
    expect(verifySignature('RSA-SHA1', baseString, signature, { consumerSecret: '' }, key)).toBe(true);
  });

  it('ignores the secrets', () => {
    expect(
      verifySignature('RSA-SHA1', baseString, signature, { consumerSecret: 'x', tokenSecret: 'y' }, rsaPublicKey),
    ).toBe(true);
  });

  it('refuses to sign without a private key', () => {
    expect(() => sign('RSA-SHA1', baseString, { consumerSecret: '' })).toThrow(TypeError);
  });

  const otherSignature = sign('RSA-SHA1', baseString, { consumerSecret: '' }, otherPrivateKey);
  const withoutPadding = signature.replace(/=+$/, '');
  it.each<[string, string, string | undefined, string]>([
    ['a changed base string', `${baseString}&`, rsaPublicKeyPem, signature],
    ['a signature from another key', baseString, rsaPublicKeyPem, otherSignature],
    ['an empty signature', baseString, rsaPublicKeyPem, ''],
    ['a short base64 signature', baseString, rsaPublicKeyPem, 'ZG9uJ3QgdHJ1c3QgbWUK'],
    ['a non-ASCII signature', baseString, rsaPublicKeyPem, 'altérer'],
    ['the signature without its padding', baseString, rsaPublicKeyPem, withoutPadding],
    [
      'the signature with a line break in it',
      baseString,
      rsaPublicKeyPem,
      `${signature.slice(0, 20)}\n${signature.slice(20)}`,
    ],
    ['no public key', baseString, undefined, signature],
    ['a public key that is not a key', baseString, 'not a key', signature],
    ['an empty public key', baseString, '', signature],
  ])('rejects %s without throwing', (_description, signedBaseString, key, candidate) => {
    expect(verifySignature('RSA-SHA1', signedBaseString, candidate, { consumerSecret: '' }, key)).toBe(false);
  });
});

describe('the HMAC-SHA256 set (oauthlib) over the RFC 5849 3.4.1 base string', () => {
  const { baseString, secrets, signatures, mustFail } = HMAC_SHA256_SET;
  const methods = Object.keys(signatures) as Array<keyof typeof signatures>;

  it.each(methods)('%s signs as published', (method) => {
    expect(sign(method, baseString, secrets)).toBe(signatures[method]);
  });

  it.each(methods)('%s verifies the published signature', (method) => {
    expect(verifySignature(method, baseString, signatures[method], secrets)).toBe(true);
  });

  const mustFailCases = methods.flatMap((method) => mustFail.map((candidate) => [method, candidate] as const));
  it.each(mustFailCases)('%s rejects %j without throwing', (method, candidate) => {
    expect(verifySignature(method, baseString, candidate, secrets)).toBe(false);
  });

  it.each(methods)('%s rejects the signatures of the other methods', (method) => {
    for (const other of methods.filter((candidate) => candidate !== method)) {
      expect(verifySignature(method, baseString, signatures[other], secrets)).toBe(false);
    }
  });

  it('RSA-SHA1 rejects the must-fail signatures too', () => {
    for (const candidate of mustFail) {
      expect(verifySignature('RSA-SHA1', baseString, candidate, secrets, rsaPublicKey)).toBe(false);
    }
  });

  it('a method unknown at run time verifies nothing', () => {
    expect(verifySignature('HMAC-SHA512' as SignatureMethod, baseString, signatures['HMAC-SHA1'], secrets)).toBe(false);
    expect(() => sign('HMAC-SHA512' as SignatureMethod, baseString, secrets)).toThrow(TypeError);
  });
});

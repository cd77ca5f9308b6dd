/**
 * Whole requests from the published vectors, taken the way a provider sees them: Authorization header, URL and form
 * body in, signature base string and signature out.
 */
import { describe, expect, it } from '@jest/globals';

import {
  collectParameters,
  formatAuthorizationHeader,
  normalizeParameters,
  sign,
  signatureBaseString,
  verifySignature,
} from '../../../src/oauth1/index.js';
import { RFC5849_SECTION_1_2, RFC5849_SECTION_3_4_1 } from '../../fixtures/oauth1-vectors.js';

describe('RFC 5849 section 3.4.1: the example request', () => {
  const { request, normalizedParameters, baseString, secrets, hmacSha1Signature } = RFC5849_SECTION_3_4_1;
  const collected = collectParameters(request);
  const computedBaseString = signatureBaseString(request.method, request.url, collected.signed);

  it('finds the protocol parameters in the header, without realm', () => {
    expect(collected.source).toBe('header');
    expect([...collected.protocol.keys()]).toEqual([
      'oauth_consumer_key',
      'oauth_token',
      'oauth_signature_method',
      'oauth_timestamp',
      'oauth_nonce',
    ]);
  });

  it('normalizes the parameters of the header, the query and the body', () => {
    expect(normalizeParameters(collected.signed)).toBe(normalizedParameters);
  });

  it('builds the published base string', () => {
    expect(computedBaseString).toBe(baseString);
  });

  it('signs it with HMAC-SHA1 as published', () => {
    expect(sign('HMAC-SHA1', computedBaseString, secrets)).toBe(hmacSha1Signature);
  });

  it('verifies the signature once the client has added it to the header', () => {
    const signedRequest = {
      ...request,
      authorization: `${request.authorization},oauth_signature="${encodeURIComponent(hmacSha1Signature)}"`,
    };
    const received = collectParameters(signedRequest);
    const receivedSignature = received.protocol.get('oauth_signature') ?? '';
    expect(receivedSignature).toBe(hmacSha1Signature);
    const receivedBaseString = signatureBaseString(signedRequest.method, signedRequest.url, received.signed);
    expect(verifySignature('HMAC-SHA1', receivedBaseString, receivedSignature, secrets)).toBe(true);
  });
});

describe('RFC 5849 section 1.2: the photo-printing example', () => {
  const { realm, consumerSecret } = RFC5849_SECTION_1_2;

  /** Signs a request as the client of the example would, then checks it as the provider would. */
  function signAsClient(
    method: string,
    url: string,
    oauthParameters: ReadonlyArray<readonly [string, string]>,
    tokenSecret: string,
  ): { baseString: string; signature: string; verified: boolean } {
    const pairs = oauthParameters.map(([name, value]): [string, string] => [name, value]);
    const unsigned = collectParameters({ method, url, authorization: formatAuthorizationHeader(pairs, realm) });
    const baseString = signatureBaseString(method, url, unsigned.signed);
    const secrets = { consumerSecret, tokenSecret };
    const signature = sign('HMAC-SHA1', baseString, secrets);

    const authorization = formatAuthorizationHeader([...pairs, ['oauth_signature', signature]], realm);
    const received = collectParameters({ method, url, authorization });
    const verified = verifySignature(
      'HMAC-SHA1',
      signatureBaseString(method, url, received.signed),
      received.protocol.get('oauth_signature') ?? '',
      secrets,
    );
    return { baseString, signature, verified };
  }

  it('signs the temporary credential request (B1)', () => {
    const { method, url, oauthParameters, tokenSecret, baseString, signature } =
      RFC5849_SECTION_1_2.temporaryCredentials;
    const result = signAsClient(method, url, oauthParameters, tokenSecret);
    expect(result.baseString).toBe(baseString);
    expect(result.signature).toBe(signature);
    expect(result.verified).toBe(true);
  });

  it('carries the token and verifier of the token request in the callback redirect', () => {
    const redirect = collectParameters({ method: 'GET', url: RFC5849_SECTION_1_2.redirectAfterApproval });
    const tokenRequest = new Map(RFC5849_SECTION_1_2.tokenCredentials.oauthParameters);
    expect(redirect.source).toBe('query');
    expect(redirect.protocol).toEqual(
      new Map([
        ['oauth_token', tokenRequest.get('oauth_token')],
        ['oauth_verifier', tokenRequest.get('oauth_verifier')],
      ]),
    );
  });

  it('signs the token credential request (B2)', () => {
    const { method, url, oauthParameters, tokenSecret, signature } = RFC5849_SECTION_1_2.tokenCredentials;
    const result = signAsClient(method, url, oauthParameters, tokenSecret);
    expect(result.signature).toBe(signature);
    expect(result.verified).toBe(true);
  });

  it('signs the protected resource request, query parameters included (B3)', () => {
    const { method, url, oauthParameters, tokenSecret, signature } = RFC5849_SECTION_1_2.protectedResource;
    const result = signAsClient(method, url, oauthParameters, tokenSecret);
    expect(result.signature).toBe(signature);
    expect(result.verified).toBe(true);
  });

  it('signs the same protected resource request over https differently (B3)', () => {
    const { method, httpsUrl, oauthParameters, tokenSecret, httpsSignature, signature } =
      RFC5849_SECTION_1_2.protectedResource;
    const result = signAsClient(method, httpsUrl, oauthParameters, tokenSecret);
    expect(result.signature).toBe(httpsSignature);
    expect(result.signature).not.toBe(signature);
    expect(result.verified).toBe(true);
  });
});

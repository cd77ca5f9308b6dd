import { describe, expect, it } from '@jest/globals';

import {
  baseStringUri,
  normalizeParameters,
  parseFormEncoded,
  signatureBaseString,
} from '../../../src/oauth1/index.js';
import {
  RFC5849_SECTION_3_4_1,
  SPEC_TEST_CASES_BASE_STRING,
  SPEC_TEST_CASES_BASE_STRING_URI,
  SPEC_TEST_CASES_NORMALIZATION,
} from '../../fixtures/oauth1-vectors.js';
import { catchProblem } from './catch-problem.js';

describe('baseStringUri', () => {
  it.each([...RFC5849_SECTION_3_4_1.baseStringUris, ...SPEC_TEST_CASES_BASE_STRING_URI])(
    'turns $url into $expected (published vectors)',
    ({ url, expected }) => {
      expect(baseStringUri(url)).toBe(expected);
    },
  );

  it.each([
    ['an empty path becomes "/"', 'http://example.com', 'http://example.com/'],
    ['an empty path before a query becomes "/"', 'http://example.com?a=1', 'http://example.com/'],
    ['the fragment is dropped', 'http://example.com/a#frag?x', 'http://example.com/a'],
    ['the port of the other scheme is kept', 'http://example.com:443/a', 'http://example.com:443/a'],
    ['https on port 80 keeps it', 'https://example.com:80/a', 'https://example.com:80/a'],
    ['the path keeps its case and escapes', 'http://example.com/A%2fb/%7Euser', 'http://example.com/A%2fb/%7Euser'],
    ['dot segments are left as sent', 'http://example.com/a/../b/./c', 'http://example.com/a/../b/./c'],
    ['characters a URL parser would escape are left as sent', 'http://example.com/a{b}', 'http://example.com/a{b}'],
    ['user information is not part of the host', 'http://user:pw@Example.com/a', 'http://example.com/a'],
    ['an IPv6 host keeps its brackets', 'http://[::1]:8080/a', 'http://[::1]:8080/a'],
  ])('%s', (_description, url, expected) => {
    expect(baseStringUri(url)).toBe(expected);
  });

  it.each([
    'ftp://example.com/file',
    'mailto:someone@example.com',
    'javascript:alert(1)',
    '/relative/path',
    'example.com/path',
    'http:example.com/path',
    'http://',
    'http://exa mple.com/',
    'http://example.com:99999/',
    'http://example.com\\@evil.example/',
    '',
  ])('rejects %j', (url) => {
    const problem = catchProblem(() => baseStringUri(url));
    expect(problem.problem).toBe('parameter_rejected');
  });
});

describe('normalizeParameters', () => {
  it.each(SPEC_TEST_CASES_NORMALIZATION)(
    'normalizes $query as $normalized (OAuth 1.0 test cases)',
    ({ query, normalized }) => {
      expect(normalizeParameters(parseFormEncoded(query))).toBe(normalized);
    },
  );

  it('sorts by byte order, not by locale', () => {
    const names = ['a', 'B', '_', '~', 'Z', '1', 'é'];
    expect(normalizeParameters(names.map((name) => [name, 'v']))).toBe('%C3%A9=v&1=v&B=v&Z=v&_=v&a=v&~=v');
  });

  it('sorts equal names by their encoded values', () => {
    expect(
      normalizeParameters([
        ['a', 'z'],
        ['a', 'B'],
        ['a', ''],
        ['a', 'b'],
      ]),
    ).toBe('a=&a=B&a=b&a=z');
  });

  it('produces an empty string for no parameters', () => {
    expect(normalizeParameters([])).toBe('');
  });
});

describe('signatureBaseString', () => {
  it('joins method, URI and parameters (OAuth 1.0 test cases)', () => {
    const { method, url, parameters, baseString } = SPEC_TEST_CASES_BASE_STRING;
    expect(
      signatureBaseString(
        method,
        url,
        parameters.map(([name, value]) => [name, value]),
      ),
    ).toBe(baseString);
  });

  it('upper-cases the method', () => {
    expect(signatureBaseString('get', 'http://example.com/', [['n', 'v']])).toBe(
      'GET&http%3A%2F%2Fexample.com%2F&n%3Dv',
    );
  });

  it('ends in "&" when nothing is signed', () => {
    expect(signatureBaseString('POST', 'https://example.com/x', [])).toBe('POST&https%3A%2F%2Fexample.com%2Fx&');
  });
});

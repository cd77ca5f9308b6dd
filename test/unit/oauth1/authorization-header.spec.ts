import { describe, expect, it } from '@jest/globals';

import { formatAuthorizationHeader, parseAuthorizationHeader } from '../../../src/oauth1/index.js';
import { catchProblem } from './catch-problem.js';

const TWO_PARAMETERS: Array<[string, string]> = [
  ['oauth_consumer_key', 'key'],
  ['oauth_nonce', 'abc'],
];

describe('parseAuthorizationHeader', () => {
  it.each(['OAuth', 'oauth', 'OAUTH', 'oAuTh'])('recognizes the scheme spelled %s', (scheme) => {
    expect(parseAuthorizationHeader(`${scheme} oauth_consumer_key="key", oauth_nonce="abc"`)).toEqual(TWO_PARAMETERS);
  });

  it.each([
    ['no whitespace', 'OAuth oauth_consumer_key="key",oauth_nonce="abc"'],
    ['a space after the comma', 'OAuth oauth_consumer_key="key", oauth_nonce="abc"'],
    ['spaces and tabs around "," and "="', 'OAuth  oauth_consumer_key = "key" ,\toauth_nonce\t=\t"abc"'],
    ['leading and trailing whitespace', '  OAuth oauth_consumer_key="key", oauth_nonce="abc"\t '],
    ['a tab after the scheme', 'OAuth\toauth_consumer_key="key",oauth_nonce="abc"'],
    ['empty list elements, which HTTP lists allow', 'OAuth , oauth_consumer_key="key",, oauth_nonce="abc",'],
  ])('accepts %s', (_description, header) => {
    expect(parseAuthorizationHeader(header)).toEqual(TWO_PARAMETERS);
  });

  it('drops realm, which is not signed, and keeps the order of the rest', () => {
    expect(parseAuthorizationHeader('OAuth oauth_nonce="abc", realm="Photos", oauth_consumer_key="key"')).toEqual([
      ['oauth_nonce', 'abc'],
      ['oauth_consumer_key', 'key'],
    ]);
  });

  it('does not percent-decode realm, which is a plain quoted string', () => {
    expect(parseAuthorizationHeader('OAuth realm="100% sure", oauth_nonce="abc"')).toEqual([['oauth_nonce', 'abc']]);
  });

  it('percent-decodes names and values without treating "+" as a space', () => {
    expect(
      parseAuthorizationHeader(
        'OAuth oauth_signature="a+b%2Bc%3D", oauth_callback="http%3A%2F%2Fx.example%2F%7Ey", x%21="%C3%A9"',
      ),
    ).toEqual([
      ['oauth_signature', 'a+b+c='],
      ['oauth_callback', 'http://x.example/~y'],
      ['x!', 'é'],
    ]);
  });

  it('keeps empty values', () => {
    expect(parseAuthorizationHeader('OAuth oauth_token=""')).toEqual([['oauth_token', '']]);
  });

  it.each(['OAuth', 'OAuth   ', 'oauth\t'])('returns no parameters for the bare scheme %j', (header) => {
    expect(parseAuthorizationHeader(header)).toEqual([]);
  });

  it.each([
    'Basic xyz',
    'Bearer abc.def',
    'OAuth2 oauth_nonce="abc"',
    'OAuthoauth_nonce="abc"',
    'Digest realm="OAuth"',
    '',
  ])('leaves the header %j to other schemes', (header) => {
    expect(parseAuthorizationHeader(header)).toBeUndefined();
  });

  it.each([
    ['oauth_nonce given twice', 'OAuth oauth_nonce="a", oauth_nonce="b"'],
    ['a name given twice, once encoded', 'OAuth oauth_nonce="a", oauth%5Fnonce="b"'],
    ['realm given twice', 'OAuth realm="a", realm="b"'],
  ])('rejects %s', (_description, header) => {
    const problem = catchProblem(() => parseAuthorizationHeader(header));
    expect(problem.problem).toBe('parameter_rejected');
    expect(problem.advice).toMatch(/given more than once/);
  });

  it.each([
    ['an unquoted value', 'OAuth oauth_nonce=abc'],
    ['a single-quoted value', "OAuth oauth_nonce='abc'"],
    ['a name without "="', 'OAuth oauth_nonce'],
    ['a name without "=" before the next pair', 'OAuth oauth_nonce, oauth_token="t"'],
    ['"==" before the value', 'OAuth oauth_nonce=="abc"'],
    ['an unterminated quote', 'OAuth oauth_nonce="abc, oauth_token="t'],
    ['an unterminated quote at the end', 'OAuth oauth_nonce="abc'],
    ['a missing comma between pairs', 'OAuth oauth_nonce="abc" oauth_token="t"'],
    ['a semicolon between pairs', 'OAuth oauth_nonce="abc"; oauth_token="t"'],
    ['text glued to a closing quote', 'OAuth oauth_nonce="abc"x, oauth_token="t"'],
    ['a value without a name', 'OAuth ="abc"'],
    ['a bare quoted string', 'OAuth "abc"'],
    ['a comma straight after the scheme', 'OAuth,oauth_nonce="abc"'],
    ['a token68 credential', 'OAuth YWJjOmRlZg=='],
    ['a malformed escape in a value', 'OAuth oauth_nonce="%G1"'],
    ['a trailing "%" in a value', 'OAuth oauth_nonce="abc%"'],
    ['invalid UTF-8 in a value', 'OAuth oauth_nonce="%C3%28"'],
    ['a malformed escape in a name', 'OAuth oauth_%ZZ="abc"'],
  ])('rejects %s', (_description, header) => {
    const problem = catchProblem(() => parseAuthorizationHeader(header));
    expect(problem.problem).toBe('parameter_rejected');
    expect(problem.status).toBe(400);
  });

  describe('with 100 KB of input', () => {
    const HUNDRED_KB = 100 * 1024;
    // A backtracking parser would hang here until jest's timeout; speed itself is the benchmark's business.
    it('parses thousands of parameters', () => {
      const pairs = Array.from({ length: 8000 }, (_, index) => `p${index}="v%20${index}"`);
      const header = `OAuth ${pairs.join(', ')}`;
      expect(header.length).toBeGreaterThan(HUNDRED_KB);
      const result = parseAuthorizationHeader(header);
      expect(result).toHaveLength(8000);
      expect(result?.[7999]).toEqual(['p7999', 'v 7999']);
    });

    it.each([
      ['an unterminated value', `OAuth oauth_nonce="${'a'.repeat(HUNDRED_KB)}`],
      ['whitespace with no "="', `OAuth oauth_nonce${' '.repeat(HUNDRED_KB)}x`],
      ['a long run of "="', `OAuth a${'='.repeat(HUNDRED_KB)}`],
      ['quotes without commas', `OAuth a="b"${'"'.repeat(HUNDRED_KB)}`],
      ['escapes cut short at the end', `OAuth a="${'%41'.repeat(HUNDRED_KB / 3)}%4"`],
    ])('rejects %s', (_description, header) => {
      expect(catchProblem(() => parseAuthorizationHeader(header)).problem).toBe('parameter_rejected');
    });
  });
});

describe('formatAuthorizationHeader', () => {
  it('writes realm first and percent-encodes every name and value', () => {
    expect(
      formatAuthorizationHeader(
        [
          ['oauth_callback', 'http://printer.example.com/ready'],
          ['oauth_signature', 'a+b/c='],
        ],
        'Photos',
      ),
    ).toBe(
      'OAuth realm="Photos", oauth_callback="http%3A%2F%2Fprinter.example.com%2Fready", oauth_signature="a%2Bb%2Fc%3D"',
    );
  });

  it('leaves realm out when none is given', () => {
    expect(formatAuthorizationHeader([['oauth_nonce', 'abc']])).toBe('OAuth oauth_nonce="abc"');
  });

  it('round-trips through the parser', () => {
    const parameters: Array<[string, string]> = [
      ['oauth_nonce', 'a "quoted", spaced & plus+ value'],
      ['oauth_token', 'ünïcødé'],
      ['oauth_verifier', ''],
    ];
    expect(parseAuthorizationHeader(formatAuthorizationHeader(parameters, 'Example'))).toEqual(parameters);
  });

  it('refuses a realm that would break out of its quotes', () => {
    expect(() => formatAuthorizationHeader([], 'a"b')).toThrow(RangeError);
  });
});

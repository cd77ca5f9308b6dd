import { describe, expect, it } from '@jest/globals';

import { collectParameters, parseFormEncoded } from '../../../src/oauth1/index.js';
import { catchProblem } from './catch-problem.js';

const URL_WITHOUT_QUERY = 'https://api.example.com/resource';
const HEADER = 'OAuth realm="api", oauth_consumer_key="key", oauth_nonce="n1", oauth_signature="sig%3D"';

describe('parseFormEncoded', () => {
  it.each<[string, Array<[string, string]>]>([
    ['', []],
    ['a=1', [['a', '1']]],
    ['name', [['name', '']]],
    ['a=', [['a', '']]],
    ['a=b=c', [['a', 'b=c']]],
    ['=orphan&&a=1&', [['a', '1']]],
    ['a+b=c+d%2B', [['a b', 'c d+']]],
    [
      'x=1&x=2',
      [
        ['x', '1'],
        ['x', '2'],
      ],
    ],
  ])('splits %j into %j', (content, pairs) => {
    expect(parseFormEncoded(content)).toEqual(pairs);
  });
});

describe('collectParameters', () => {
  it('takes protocol parameters from the Authorization header, signing all but oauth_signature and realm', () => {
    const collected = collectParameters({ method: 'GET', url: `${URL_WITHOUT_QUERY}?q=1`, authorization: HEADER });
    expect(collected.source).toBe('header');
    expect([...collected.protocol]).toEqual([
      ['oauth_consumer_key', 'key'],
      ['oauth_nonce', 'n1'],
      ['oauth_signature', 'sig='],
    ]);
    expect(collected.signed).toEqual([
      ['oauth_consumer_key', 'key'],
      ['oauth_nonce', 'n1'],
      ['q', '1'],
    ]);
  });

  it('takes protocol parameters from the query string', () => {
    const collected = collectParameters({
      method: 'GET',
      url: `${URL_WITHOUT_QUERY}?oauth_consumer_key=key&oauth_signature=a%2Bb&x=y#oauth_nonce=ignored`,
    });
    expect(collected.source).toBe('query');
    expect(collected.protocol).toEqual(
      new Map([
        ['oauth_consumer_key', 'key'],
        ['oauth_signature', 'a+b'],
      ]),
    );
    expect(collected.signed).toEqual([
      ['oauth_consumer_key', 'key'],
      ['x', 'y'],
    ]);
  });

  it('takes protocol parameters from the form body', () => {
    const collected = collectParameters({
      method: 'POST',
      url: `${URL_WITHOUT_QUERY}?x=1`,
      formBody: 'oauth_consumer_key=key&oauth_signature=s&text=hello+world',
    });
    expect(collected.source).toBe('body');
    expect(collected.protocol.get('oauth_consumer_key')).toBe('key');
    expect(collected.signed).toEqual([
      ['x', '1'],
      ['oauth_consumer_key', 'key'],
      ['text', 'hello world'],
    ]);
  });

  it('returns no protocol parameters, attributed to the header, when there are none anywhere', () => {
    const collected = collectParameters({ method: 'GET', url: `${URL_WITHOUT_QUERY}?a=1`, formBody: 'b=2' });
    expect(collected.protocol.size).toBe(0);
    expect(collected.source).toBe('header');
    expect(collected.signed).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
  });

  it('ignores an Authorization header of another scheme', () => {
    const collected = collectParameters({
      method: 'GET',
      url: `${URL_WITHOUT_QUERY}?oauth_consumer_key=key`,
      authorization: 'Basic dXNlcjpwYXNz',
    });
    expect(collected.source).toBe('query');
    expect(collected.signed).toEqual([['oauth_consumer_key', 'key']]);
  });

  it('signs a non-oauth parameter of the header too, as 3.4.1.3.1 requires', () => {
    const collected = collectParameters({
      method: 'GET',
      url: URL_WITHOUT_QUERY,
      authorization: 'OAuth oauth_consumer_key="key", extra="x"',
    });
    expect(collected.signed).toContainEqual(['extra', 'x']);
    expect(collected.protocol.has('extra')).toBe(false);
  });

  it('keeps repeated non-oauth parameters, from the query and the body alike', () => {
    const collected = collectParameters({
      method: 'POST',
      url: `${URL_WITHOUT_QUERY}?a=1&a=1&a=2`,
      authorization: HEADER,
      formBody: 'a=3&a=1',
    });
    expect(collected.signed.filter(([name]) => name === 'a').map(([, value]) => value)).toEqual([
      '1',
      '1',
      '2',
      '3',
      '1',
    ]);
  });

  it.each([
    [
      'the header and the query',
      { url: `${URL_WITHOUT_QUERY}?oauth_token=t`, authorization: HEADER },
      /header and the query/,
    ],
    [
      'the header and the body',
      { url: URL_WITHOUT_QUERY, authorization: HEADER, formBody: 'oauth_token=t' },
      /header and the request body/,
    ],
    [
      'the query and the body',
      { url: `${URL_WITHOUT_QUERY}?oauth_nonce=n`, formBody: 'oauth_token=t' },
      /query string and the request body/,
    ],
    [
      'all three',
      { url: `${URL_WITHOUT_QUERY}?oauth_token=t`, authorization: HEADER, formBody: 'oauth_verifier=v' },
      /header and the query string and the request body/,
    ],
  ])('rejects protocol parameters split between %s', (_description, request, advice) => {
    const problem = catchProblem(() => collectParameters({ method: 'POST', ...request }));
    expect(problem.problem).toBe('parameter_rejected');
    expect(problem.advice).toMatch(advice);
  });

  it.each([
    ['in the query', { url: `${URL_WITHOUT_QUERY}?oauth_nonce=a&x=1&oauth_nonce=a` }],
    ['in the body', { url: URL_WITHOUT_QUERY, formBody: 'oauth_nonce=a&oauth_nonce=b' }],
    ['in the header', { url: URL_WITHOUT_QUERY, authorization: 'OAuth oauth_nonce="a", oauth_nonce="b"' }],
    ['once encoded', { url: `${URL_WITHOUT_QUERY}?oauth_nonce=a&oauth%5Fnonce=b` }],
  ])('rejects oauth_nonce given twice %s', (_description, request) => {
    const problem = catchProblem(() => collectParameters({ method: 'POST', ...request }));
    expect(problem.problem).toBe('parameter_rejected');
    expect(problem.advice).toMatch(/oauth_nonce given more than once/);
  });

  it.each([
    ['a query value', { url: `${URL_WITHOUT_QUERY}?a=%C3%28` }],
    ['a query name', { url: `${URL_WITHOUT_QUERY}?%C3%28=a` }],
    ['a body value', { url: URL_WITHOUT_QUERY, formBody: 'a=%C3%28' }],
    ['a header value', { url: URL_WITHOUT_QUERY, authorization: 'OAuth oauth_nonce="%C3%28"' }],
  ])('rejects invalid UTF-8 in %s', (_description, request) => {
    const problem = catchProblem(() => collectParameters({ method: 'POST', ...request }));
    expect(problem.problem).toBe('parameter_rejected');
    expect(problem.advice).toMatch(/UTF-8/);
  });

  it.each([
    ['the query', { url: `${URL_WITHOUT_QUERY}?a=%G1` }],
    ['the body', { url: URL_WITHOUT_QUERY, formBody: 'a=50%' }],
  ])('rejects a malformed escape in %s', (_description, request) => {
    expect(catchProblem(() => collectParameters({ method: 'POST', ...request })).problem).toBe('parameter_rejected');
  });
});

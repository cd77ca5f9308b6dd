import { describe, expect, it } from '@jest/globals';

import { formDecode, percentDecode, percentEncode } from '../../../src/oauth1/index.js';
import { SPEC_TEST_CASES_ENCODING } from '../../fixtures/oauth1-vectors.js';
import { catchProblem } from './catch-problem.js';

describe('percentEncode', () => {
  it.each(SPEC_TEST_CASES_ENCODING)('encodes $input as $encoded (OAuth 1.0 test cases)', ({ input, encoded }) => {
    expect(percentEncode(input)).toBe(encoded);
  });

  it.each([
    ['!', '%21'],
    ['*', '%2A'],
    ["'", '%27'],
    ['(', '%28'],
    [')', '%29'],
  ])('escapes %s, which encodeURIComponent leaves bare', (input, encoded) => {
    expect(percentEncode(input)).toBe(encoded);
  });

  it('encodes characters outside the Basic Multilingual Plane as their four UTF-8 bytes', () => {
    expect(percentEncode('😀')).toBe('%F0%9F%98%80');
  });
});

describe('percentDecode', () => {
  it.each(SPEC_TEST_CASES_ENCODING)('reverses the encoding of $input', ({ input, encoded }) => {
    expect(percentDecode(encoded)).toBe(input);
  });

  it.each([
    ['%c3%a9', 'é'],
    ['a+b', 'a+b'],
    ['%2B', '+'],
    ['é%20x', 'é x'],
    ['%EF%BB%BFx', '\uFEFFx'],
    ['', ''],
  ])('decodes %j to %j', (input, decoded) => {
    expect(percentDecode(input)).toBe(decoded);
  });

  it.each(['%G1', '%', '%2', 'abc%', '%%41', '%4G'])('rejects the malformed escape in %j', (input) => {
    const problem = catchProblem(() => percentDecode(input));
    expect(problem.problem).toBe('parameter_rejected');
    expect(problem.advice).toMatch(/Malformed percent-encoding/);
  });

  it.each([
    ['a stray continuation byte', '%C3%28'],
    ['a byte that never occurs in UTF-8', '%FF'],
    ['a truncated sequence', '%E3%80'],
    ['an overlong encoding of "/"', '%C0%AF'],
    ['an encoded UTF-16 surrogate', '%ED%A0%80'],
  ])('rejects %s', (_description, input) => {
    const problem = catchProblem(() => percentDecode(input));
    expect(problem.problem).toBe('parameter_rejected');
    expect(problem.advice).toMatch(/not valid UTF-8/);
  });
});

describe('formDecode', () => {
  it.each([
    ['a+b', 'a b'],
    ['2+q', '2 q'],
    ['%2B', '+'],
    ['a+b%20c%2Bd', 'a b c+d'],
  ])('decodes %j to %j', (input, decoded) => {
    expect(formDecode(input)).toBe(decoded);
  });

  it('rejects invalid UTF-8 just as percentDecode does', () => {
    expect(catchProblem(() => formDecode('x+%C3%28')).problem).toBe('parameter_rejected');
  });
});

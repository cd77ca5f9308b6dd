import { describe, expect, it } from '@jest/globals';

import { OAuthProblem, type OAuthProblemCode } from '../../../src/oauth1/index.js';

describe('OAuthProblem', () => {
  const statusByProblem: Array<[OAuthProblemCode, 400 | 401]> = [
    ['parameter_absent', 400],
    ['parameter_rejected', 400],
    ['signature_method_rejected', 400],
    ['version_rejected', 400],
    ['consumer_key_unknown', 401],
    ['consumer_key_rejected', 401],
    ['signature_invalid', 401],
    ['timestamp_refused', 401],
    ['nonce_used', 401],
    ['token_rejected', 401],
    ['token_expired', 401],
    ['token_revoked', 401],
    ['token_used', 401],
    ['verifier_invalid', 401],
    ['permission_denied', 401],
  ];

  it.each(statusByProblem)('%s is reported with HTTP %i', (problem, status) => {
    expect(new OAuthProblem(problem).status).toBe(status);
  });

  it('is reported with HTTP 429 when the client is refused for a while, with only the usual fields', () => {
    const problem = new OAuthProblem('permission_denied', { retryAfterSeconds: 30, advice: 'Try again in 30 s' });
    expect(problem.status).toBe(429);
    expect(problem.retryAfterSeconds).toBe(30);
    expect(problem.toFormFields()).toEqual([
      ['oauth_problem', 'permission_denied'],
      ['oauth_problem_advice', 'Try again in 30 s'],
    ]);
  });

  it('is reported with HTTP 403 when the request is genuine but asks for more than its token allows', () => {
    const problem = new OAuthProblem('permission_denied', {
      forbidden: true,
      advice: 'This access token is read-only',
    });
    expect(problem.status).toBe(403);
    expect(problem.toFormFields()).toEqual([
      ['oauth_problem', 'permission_denied'],
      ['oauth_problem_advice', 'This access token is read-only'],
    ]);
    expect(new OAuthProblem('permission_denied', { forbidden: false }).status).toBe(401);
  });

  it('is an Error whose message carries the problem and the advice', () => {
    const problem = new OAuthProblem('nonce_used', { advice: 'Nonce 7d8f3e4a was already used' });
    expect(problem).toBeInstanceOf(Error);
    expect(problem.name).toBe('OAuthProblem');
    expect(problem.message).toBe('nonce_used: Nonce 7d8f3e4a was already used');
    expect(new OAuthProblem('nonce_used').message).toBe('nonce_used');
  });

  it('reports only the problem when nothing else is known', () => {
    expect(new OAuthProblem('signature_invalid').toFormFields()).toEqual([['oauth_problem', 'signature_invalid']]);
  });

  it('reports every field in the order of the Problem Reporting extension', () => {
    const problem = new OAuthProblem('parameter_absent', {
      advice: 'Send the missing parameters',
      parametersAbsent: ['oauth_nonce', 'oauth_timestamp'],
      acceptableTimestamps: { from: 1700000000, to: 1700000600 },
    });
    expect(problem.toFormFields()).toEqual([
      ['oauth_problem', 'parameter_absent'],
      ['oauth_parameters_absent', 'oauth_nonce&oauth_timestamp'],
      ['oauth_acceptable_timestamps', '1700000000-1700000600'],
      ['oauth_problem_advice', 'Send the missing parameters'],
    ]);
  });

  it('keeps the structured details for callers that render them differently', () => {
    const problem = new OAuthProblem('timestamp_refused', { acceptableTimestamps: { from: 10, to: 20 } });
    expect(problem.acceptableTimestamps).toEqual({ from: 10, to: 20 });
    expect(problem.advice).toBeUndefined();
    expect(problem.toFormFields()).toEqual([
      ['oauth_problem', 'timestamp_refused'],
      ['oauth_acceptable_timestamps', '10-20'],
    ]);
  });
});

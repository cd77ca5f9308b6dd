import { OAuthProblem } from '../../../src/oauth1/index.js';

/** Runs an action that must fail with an OAuthProblem and returns that problem for inspection. */
export function catchProblem(action: () => unknown): OAuthProblem {
  try {
    action();
  } catch (error) {
    if (error instanceof OAuthProblem) return error;
    throw error;
  }
  throw new Error('expected an OAuthProblem, but nothing was thrown');
}

import type { AccessToken } from '../../tokens/access-token.entity.js';
import { stateOf } from '../../tokens/lifecycle.js';
import type { RequestToken } from '../../tokens/request-token.entity.js';

const scopesOf = (scope: string) => scope.split(' ').filter((name) => name !== '');

/** An access token that still grants its app access: approved (or idle), not expired. */
export function isStillGranted(token: AccessToken, now: number): boolean {
  return stateOf(token, now) === 'usable';
}

/** Whether an access token already grants everything a request token asks for. */
export function coversRequest(granted: AccessToken, requested: RequestToken): boolean {
  const grantedScopes = new Set(scopesOf(granted.scope));
  return scopesOf(requested.scope).every((scope) => grantedScopes.has(scope));
}

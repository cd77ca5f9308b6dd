import type { AccessToken } from '../../tokens/access-token.entity.js';
import { stateOf } from '../../tokens/lifecycle.js';
import type { RequestToken } from '../../tokens/request-token.entity.js';

const scopesOf = (scope: string) => scope.split(' ').filter((name) => name !== '');

/**
 * An access token that still grants its app access: approved, not expired; an idle one too, since renew makes it
 * usable again (so the idle limit need not be known here).
 */
export function isStillGranted(token: AccessToken, now: number): boolean {
  const state = stateOf(token, now);
  return state === 'usable' || state === 'inactive';
}

/** Whether an access token already grants everything a request token asks for: its scopes, and writing if asked. */
export function coversRequest(granted: AccessToken, requested: RequestToken): boolean {
  const grantedScopes = new Set(scopesOf(granted.scope));
  const coversAccess = requested.accessType === 'read' || granted.accessType === 'write';
  return coversAccess && scopesOf(requested.scope).every((scope) => grantedScopes.has(scope));
}

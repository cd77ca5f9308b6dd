import { OAuthProblem } from '../oauth1/index.js';

const SCOPE_SEPARATORS = /[\s,]+/;
const SCOPE_PARAMETER = 'scope';

/** The scopes a request asks for in its signed `scope` parameter(s), space or comma separated, without repeats. */
export function requestedScopes(signed: ReadonlyArray<[string, string]>): string[] {
  const scopes = new Set<string>();
  for (const [name, value] of signed) {
    if (name !== SCOPE_PARAMETER) continue;
    for (const scope of value.split(SCOPE_SEPARATORS)) if (scope !== '') scopes.add(scope);
  }
  return [...scopes];
}

/** Refuses scopes outside those granted; undefined grants everything. */
export function checkScopes(requested: readonly string[], grantable: ReadonlySet<string> | undefined): void {
  if (grantable === undefined) return;
  const refused = requested.filter((scope) => !grantable.has(scope));
  if (refused.length > 0) {
    throw new OAuthProblem('permission_denied', {
      advice: `Scope not granted to this consumer key: ${refused.join(' ')}`,
    });
  }
}

/**
 * What an access token may do (Twitter's x_auth_access_type, contract 1 "initiate"): `write` (the default) anything
 * its scope allows, `read` only safe methods.
 */
export type AccessType = 'read' | 'write';

export const ACCESS_TYPES: readonly AccessType[] = ['read', 'write'];
export const DEFAULT_ACCESS_TYPE: AccessType = 'write';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether a token of that access type may make a request with that method. */
export function mayUseMethod(accessType: AccessType, method: string): boolean {
  return accessType === 'write' || SAFE_METHODS.has(method.toUpperCase());
}

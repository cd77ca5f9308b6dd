import { OAuthProblem } from '../../oauth1/index.js';
import { ACCESS_TYPES, DEFAULT_ACCESS_TYPE } from '../../tokens/access-type.js';
import type { AccessType } from '../../tokens/access-type.js';

const ACCESS_TYPE_PARAMETER = 'x_auth_access_type';

/**
 * Twitter's x_auth_access_type on initiate: `read` or `write` (the default), a signed parameter wherever the client
 * put it. Another value, or the parameter twice, is refused rather than guessed at.
 */
export function requestedAccessType(signed: ReadonlyArray<[string, string]>): AccessType {
  const values = signed.filter(([name]) => name === ACCESS_TYPE_PARAMETER).map(([, value]) => value);
  if (values.length === 0) return DEFAULT_ACCESS_TYPE;
  const [value] = values;
  if (values.length > 1 || !(ACCESS_TYPES as readonly string[]).includes(value)) {
    throw new OAuthProblem('parameter_rejected', { advice: 'x_auth_access_type must be given once, as read or write' });
  }
  return value as AccessType;
}

import { createHmac, timingSafeEqual } from 'node:crypto';
import type { RequestToken } from '../../tokens/request-token.entity.js';

const PURPOSE = 'oauth1-authorize-page-csrf\n';

/**
 * The authorize form's CSRF token: an HMAC of the request token keyed with that token's secret. The secret lives in
 * the database, so the value holds across restarts and across WORKERS=N processes (a per-process key would fail
 * whenever the POST reaches another worker than the GET), and no other site can compute it. The one other holder
 * of the secret is the client that asked for this very token; forging the form gains it nothing, since approving
 * still takes the resource owner's password and denying only revokes its own token.
 *
 * A page rendered for a signed-in owner, whose Approve needs no password, binds the value to that session too
 * (`sessionBinding`, the session cookie's signature), which the client cannot know: only that page can approve for
 * the session.
 */
export function csrfTokenFor(token: Pick<RequestToken, 'token' | 'secret'>, sessionBinding?: string): string {
  const mac = createHmac('sha256', token.secret).update(PURPOSE).update(token.token);
  if (sessionBinding !== undefined) mac.update(`\n${sessionBinding}`);
  return mac.digest('base64url');
}

export function isValidCsrfToken(
  token: Pick<RequestToken, 'token' | 'secret'>,
  given: string | null,
  sessionBinding?: string,
): boolean {
  const expected = Buffer.from(csrfTokenFor(token, sessionBinding));
  const actual = Buffer.from(given ?? '');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

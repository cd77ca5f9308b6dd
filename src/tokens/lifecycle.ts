import { hasExpired } from './expiry.js';

/**
 * The one answer to "may this token still be used?", for request tokens and access tokens alike. Every surface asks
 * here and maps the state to its own dialect (the protocol's oauth_problem, the authorize page's HTML, the admin API's
 * Apigee status) in a small table of its own.
 *
 * - `usable`: approved, not yet exchanged (request tokens), not past its expiry;
 * - `revoked`: revoked by an administrator, a Deny on the authorize page or its client;
 * - `used`: a request token already exchanged for an access token (single use, RFC 5849 2.3);
 * - `expired`: past its expiresAt.
 *
 * When several hold, the first in that order wins: a revoked token reads revoked whatever its age.
 */
export type TokenState = 'usable' | 'revoked' | 'used' | 'expired';

/** What the lifecycle needs of a token: its stored status and expiry, and for a request token when it was used. */
export interface LifecycleFields {
  status: string;
  expiresAt: number;
  usedAt?: number | null;
}

export function stateOf(token: LifecycleFields, now: number): TokenState {
  if (token.status !== 'approved') return 'revoked';
  if (token.usedAt !== undefined && token.usedAt !== null) return 'used';
  if (hasExpired(token.expiresAt, now)) return 'expired';
  return 'usable';
}

/**
 * What the admin API shows as a record's status (contract 2.5): the stored status, except that an approved record
 * past its expiry reads "expired".
 */
export function statusShown(token: LifecycleFields, now: number): 'approved' | 'revoked' | 'expired' {
  switch (stateOf({ status: token.status, expiresAt: token.expiresAt }, now)) {
    case 'revoked':
      return 'revoked';
    case 'expired':
      return 'expired';
    default:
      return 'approved';
  }
}

/**
 * Whether a consumer key may take part in the protocol at all (contract 1, "checks on every signed request"): its
 * credential approved and unexpired, its app approved, its developer active. The first failing condition is named.
 */
export type ConsumerStanding = 'good' | 'key_revoked' | 'key_expired' | 'app_not_approved' | 'developer_inactive';

export interface StandingFields {
  credentialStatus: string;
  credentialExpiresAt: number;
  appStatus: string;
  developerStatus: string;
}

export function standingOf(consumer: StandingFields, now: number): ConsumerStanding {
  if (consumer.credentialStatus !== 'approved') return 'key_revoked';
  if (hasExpired(consumer.credentialExpiresAt, now)) return 'key_expired';
  if (consumer.appStatus !== 'approved') return 'app_not_approved';
  if (consumer.developerStatus !== 'active') return 'developer_inactive';
  return 'good';
}

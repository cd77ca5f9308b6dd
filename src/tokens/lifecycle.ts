import { hasExpired } from './expiry.js';

/**
 * The one answer to "may this token still be used?", for request tokens and access tokens alike. Every surface asks
 * here and maps the state to its own dialect (the protocol's oauth_problem, the authorize page's HTML, the admin API's
 * Apigee status) in a small table of its own.
 *
 * - `usable`: approved, not yet exchanged (request tokens), not past its expiry;
 * - `revoked`: revoked by an administrator, a Deny on the authorize page or its client;
 * - `used`: a request token already exchanged for an access token (single use, RFC 5849 2.3);
 * - `expired`: past its expiresAt;
 * - `inactive`: an access token unused for ACCESS_TOKEN_IDLE_SECONDS (E*TRADE's idle tokens): renew makes it usable.
 *
 * When several hold, the first in that order wins: a revoked token reads revoked whatever its age, and an expired one
 * cannot be renewed.
 */
export type TokenState = 'usable' | 'revoked' | 'used' | 'expired' | 'inactive';

/** What the lifecycle needs of a token: its stored status and expiry, and for a request token when it was used. */
export interface LifecycleFields {
  status: string;
  expiresAt: number;
  /** Request tokens: when it was exchanged. */
  usedAt?: number | null;
  /** Access tokens: when it was issued and last used, for the idle limit. */
  issuedAt?: number;
  lastUsedAt?: number | null;
}

/** A request token's states: it has no idle limit. */
export type RequestTokenState = Exclude<TokenState, 'inactive'>;

export function requestTokenStateOf(token: LifecycleFields, now: number): RequestTokenState {
  if (token.status !== 'approved') return 'revoked';
  if (token.usedAt !== undefined && token.usedAt !== null) return 'used';
  if (hasExpired(token.expiresAt, now)) return 'expired';
  return 'usable';
}

/** `idleSeconds`: ACCESS_TOKEN_IDLE_SECONDS, for access tokens; undefined when there is no idle limit. */
export function stateOf(token: LifecycleFields, now: number, idleSeconds?: number): TokenState {
  const state = requestTokenStateOf(token, now);
  if (state !== 'usable' || idleSeconds === undefined || token.issuedAt === undefined) return state;
  const lastActive = token.lastUsedAt ?? token.issuedAt;
  return now - lastActive >= idleSeconds * 1000 ? 'inactive' : 'usable';
}

const USE_RECORDING_INTERVAL_MS = 60_000;

/**
 * Whether a use of an access token at `now` is to be stored: at most once per min(60 s, half the idle limit), so that
 * verify and forward-auth do not write on every call and the idle limit is still kept to within half of itself.
 */
export function useToRecord(token: { lastUsedAt: number | null }, now: number, idleSeconds?: number): boolean {
  if (token.lastUsedAt === null) return true;
  const interval =
    idleSeconds === undefined ? USE_RECORDING_INTERVAL_MS : Math.min(USE_RECORDING_INTERVAL_MS, idleSeconds * 500);
  return now - token.lastUsedAt >= interval;
}

/**
 * What the admin API shows as a record's status (contract 2.5, 1.2): the stored status, except that an approved record
 * past its expiry reads "expired", and an access token gone idle "inactive".
 */
export function statusShown(
  token: LifecycleFields,
  now: number,
  idleSeconds?: number,
): 'approved' | 'revoked' | 'expired' | 'inactive' {
  switch (stateOf({ ...token, usedAt: null }, now, idleSeconds)) {
    case 'revoked':
      return 'revoked';
    case 'expired':
      return 'expired';
    case 'inactive':
      return 'inactive';
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

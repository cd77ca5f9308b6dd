import { OAuthProblem } from '../oauth1/index.js';
import type { ConsumerStanding, TokenState } from '../tokens/lifecycle.js';

/** The protocol's dialect for a token that may not be used (contract 1, "Errors"). */
const TOKEN_PROBLEMS: Record<Exclude<TokenState, 'usable'>, () => OAuthProblem> = {
  revoked: () => new OAuthProblem('token_revoked'),
  used: () =>
    new OAuthProblem('token_used', { advice: 'This request token was already exchanged for an access token' }),
  expired: () => new OAuthProblem('token_expired'),
  inactive: () =>
    new OAuthProblem('token_expired', {
      advice: 'This access token has been idle too long; renew it at /oauth/oauth10/renew',
    }),
};

/** The protocol's dialect for a consumer key that may not take part. */
const CONSUMER_REJECTIONS: Record<Exclude<ConsumerStanding, 'good'>, string> = {
  key_revoked: 'The consumer key is revoked',
  key_expired: 'The consumer key has expired',
  app_not_approved: 'The application is not approved',
  developer_inactive: 'The developer or company that owns the app is not active',
};

export function tokenProblem(state: Exclude<TokenState, 'usable'>): OAuthProblem {
  return TOKEN_PROBLEMS[state]();
}

export function consumerProblem(standing: Exclude<ConsumerStanding, 'good'>): OAuthProblem {
  return new OAuthProblem('consumer_key_rejected', { advice: CONSUMER_REJECTIONS[standing] });
}

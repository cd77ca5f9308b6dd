import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import { AppConfig } from '../../config/app-config.js';
import type { SignedRequestInput } from '../../oauth1/index.js';
import type { AccessToken } from '../../tokens/access-token.entity.js';
import { AccessTokenStore } from '../../tokens/access-token.store.js';
import { stateOf } from '../../tokens/lifecycle.js';
import type { TokenState } from '../../tokens/lifecycle.js';
import { SignedRequestAuthenticator } from '../signed-request-authenticator.js';
import type { AuthenticatedRequest } from '../signed-request-authenticator.js';

/** Revoke and renew work on an idle token too: a client may give up, or wake, a token it has not used for a while. */
const ALSO_IDLE: ReadonlySet<TokenState> = new Set<TokenState>(['inactive']);

/**
 * What a client does with its own access token after the exchange (contract 1.2): give it up (Twitter's
 * invalidate_token) or wake it after an idle period (E*TRADE's renew_access_token). Both are signed with the token.
 */
@Injectable()
export class AccessTokenLife {
  constructor(
    private readonly requests: SignedRequestAuthenticator,
    private readonly accessTokens: AccessTokenStore,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async revoke(input: SignedRequestInput, clientAddress: string): Promise<AccessToken> {
    const { token } = await this.authenticate(input, clientAddress);
    return this.accessTokens.update(token, { status: 'revoked' }, 'oauth1.revoke');
  }

  /** An idle token becomes usable again (its use is recorded now); a token in use stays as it is. */
  async renew(input: SignedRequestInput, clientAddress: string): Promise<AccessToken> {
    const { token } = await this.authenticate(input, clientAddress);
    const now = this.clock.now();
    if (stateOf(token, now, this.config.accessTokenIdleSeconds) === 'inactive') {
      await this.accessTokens.recordUse(token.token, now);
    }
    return token;
  }

  private async authenticate(
    input: SignedRequestInput,
    clientAddress: string,
  ): Promise<AuthenticatedRequest<'access'>> {
    const request = await this.requests.authenticate(input, { token: 'access', clientAddress, alsoAccepts: ALSO_IDLE });
    await this.requests.spendNonce(request);
    return request;
  }
}

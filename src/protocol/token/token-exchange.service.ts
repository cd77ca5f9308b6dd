import { Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { Clock } from '../../common/clock.js';
import { OAuthProblem } from '../../oauth1/index.js';
import type { SignedRequestInput } from '../../oauth1/index.js';
import type { AccessToken } from '../../tokens/access-token.entity.js';
import { AccessTokenStore } from '../../tokens/access-token.store.js';
import { hasExpired } from '../../tokens/expiry.js';
import { requestTokenStateOf } from '../../tokens/lifecycle.js';
import type { RequestToken } from '../../tokens/request-token.entity.js';
import { RequestTokenStore } from '../../tokens/request-token.store.js';
import type { Verifier } from '../../tokens/verifier.entity.js';
import { VerifierStore } from '../../tokens/verifier.store.js';
import { tokenProblem } from '../lifecycle-problems.js';
import { SignedRequestAuthenticator } from '../signed-request-authenticator.js';

/** Who records what the exchange creates, in createdBy / lastModifiedBy. */
const ACTOR = 'oauth1.token';
const TOKEN_REQUIRED = ['oauth_verifier'] as const;

function sameVerifier(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Token credentials (RFC 5849 2.3; contract 1, "token"), its checks in the order they run. */
@Injectable()
export class TokenExchange {
  constructor(
    private readonly requests: SignedRequestAuthenticator,
    private readonly verifiers: VerifierStore,
    private readonly requestTokens: RequestTokenStore,
    private readonly accessTokens: AccessTokenStore,
    private readonly clock: Clock,
  ) {}

  async exchange(input: SignedRequestInput, clientAddress: string): Promise<AccessToken> {
    const request = await this.requests.authenticate(input, {
      token: 'request',
      required: TOKEN_REQUIRED,
      clientAddress,
    });
    const verifier = await this.currentVerifier(request.token, request.protocol.get('oauth_verifier') ?? '');
    await this.requests.spendNonce(request);
    const accessToken = await this.accessTokens.exchange(request.token, verifier, ACTOR);
    // Another exchange of the same request token (on any server process) won the claim since it was read.
    if (accessToken === undefined) throw tokenProblem('used');
    return accessToken;
  }

  /** The request token's verifier, if the client gave it and it is unexpired. */
  private async currentVerifier(requestToken: RequestToken, given: string): Promise<Verifier> {
    const verifier = await this.verifiers.findForRequestToken(requestToken.token);
    if (verifier === null) {
      // An exchange racing this one may have won since the token was read: it deleted the verifier with the token's
      // first use.
      const latest = await this.requestTokens.find(requestToken.token);
      if (latest !== null && requestTokenStateOf(latest, this.clock.now()) === 'used') throw tokenProblem('used');
    }
    if (verifier === null || !sameVerifier(verifier.code, given) || hasExpired(verifier.expiresAt, this.clock.now())) {
      throw new OAuthProblem('verifier_invalid', {
        advice: 'oauth_verifier is not the current, unexpired verifier of this request token',
      });
    }
    return verifier;
  }
}

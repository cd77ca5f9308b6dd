import { Injectable } from '@nestjs/common';
import type { SignedRequestInput } from '../../oauth1/index.js';
import { ConsumerDirectory } from '../../tokens/consumer-directory.js';
import type { RequestToken } from '../../tokens/request-token.entity.js';
import { RequestTokenStore } from '../../tokens/request-token.store.js';
import { checkCallback } from '../callback-url.js';
import { checkScopes, requestedScopes } from '../scope.js';
import { SignedRequestAuthenticator } from '../signed-request-authenticator.js';
import { requestedAccessType } from './access-type.js';

/** Who records what initiate creates, in createdBy / lastModifiedBy. */
const ACTOR = 'oauth1.initiate';
const INITIATE_REQUIRED = ['oauth_callback'] as const;

/** Temporary credentials (RFC 5849 2.1; contract 1, "initiate"), its checks in the order they run. */
@Injectable()
export class Initiate {
  constructor(
    private readonly requests: SignedRequestAuthenticator,
    private readonly consumers: ConsumerDirectory,
    private readonly requestTokens: RequestTokenStore,
  ) {}

  async issue(input: SignedRequestInput, clientAddress: string): Promise<RequestToken> {
    const request = await this.requests.authenticate(input, {
      token: 'none',
      required: INITIATE_REQUIRED,
      clientAddress,
    });
    const { consumer } = request;
    const callbackUrl = request.protocol.get('oauth_callback') ?? '';
    checkCallback(callbackUrl, consumer.callbackUrl);
    const scopes = requestedScopes(request.signed);
    if (scopes.length > 0) checkScopes(scopes, await this.consumers.grantableScopes(consumer));
    const accessType = requestedAccessType(request.signed);
    const { record, write } = this.requestTokens.mint(
      {
        organization: consumer.organization,
        consumerKey: consumer.consumerKey,
        appId: consumer.appId,
        callbackUrl,
        scope: scopes.join(' '),
        accessType,
      },
      ACTOR,
    );
    // The nonce and the request token commit together: a replayed nonce stores no token, and one commit serves both.
    await this.requests.spendNonce(request, write);
    return this.requestTokens.counted(record);
  }
}

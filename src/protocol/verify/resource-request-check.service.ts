import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import { AdminErrors } from '../../common/errors/apigee-error.js';
import { AppConfig } from '../../config/app-config.js';
import { BODY_HASH_PARAMETER, bodyHashMatches, OAuthProblem } from '../../oauth1/index.js';
import type { SignedRequestInput } from '../../oauth1/index.js';
import { AccessTokenStore } from '../../tokens/access-token.store.js';
import { mayUseMethod } from '../../tokens/access-type.js';
import { useToRecord } from '../../tokens/lifecycle.js';
import { SignedRequestAuthenticator } from '../signed-request-authenticator.js';
import type { AuthenticatedRequest, SignedRequestPolicy } from '../signed-request-authenticator.js';

/** A management user calling verify, who may only learn about consumers of the organizations it has a role in. */
export interface VerifyCaller {
  sysadmin: boolean;
  roles: ReadonlyMap<string, unknown>;
}

export interface ResourceRequestOptions {
  /** verify's caller; forward-auth has none (a signed request proves itself). */
  caller?: VerifyCaller;
  /** Scopes the resource needs, all of them (verify's requiredScope, forward-auth's route scope). */
  requiredScopes?: readonly string[];
  /** The raw body when it is known and not a form, for oauth_body_hash; undefined: not known. */
  body?: string | Buffer;
}

const ACCESS: SignedRequestPolicy<'access'> = { token: 'access' };
const SCOPE_SEPARATORS = /[\s,]+/;

/** Scopes given as one string, space or comma separated (contract 1, verify's requiredScope). */
export function scopeList(value: string | undefined): string[] {
  return (value ?? '').split(SCOPE_SEPARATORS).filter((scope) => scope !== '');
}

/**
 * A request a resource server received, signed with an access token (contract 1 "verify", 3 "forward-auth"), checked
 * in order: the signature and token as every endpoint does, then what the resource needs of the token (its body hash,
 * its access type for the method, its scopes), and only then the nonce, so that a refused request spends none.
 */
@Injectable()
export class ResourceRequestCheck {
  constructor(
    private readonly requests: SignedRequestAuthenticator,
    private readonly accessTokens: AccessTokenStore,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async check(
    input: SignedRequestInput,
    options: ResourceRequestOptions = {},
  ): Promise<AuthenticatedRequest<'access'>> {
    const form = this.requests.readForm(input, ACCESS);
    const consumer = await this.requests.findConsumer(form);
    // Before anything about the consumer is revealed: another organization's consumer is not the caller's business.
    const { caller } = options;
    if (caller !== undefined && !caller.sysadmin && !caller.roles.has(consumer.organization)) {
      throw AdminErrors.forbidden();
    }
    const request = await this.requests.authenticateConsumer(input, form, consumer, ACCESS);
    this.checkBodyHash(request, options.body);
    const { token } = request;
    if (!mayUseMethod(token.accessType, input.method)) {
      throw new OAuthProblem('permission_denied', { forbidden: true, advice: 'This access token is read-only' });
    }
    const granted = new Set(scopeList(token.scope));
    const missing = (options.requiredScopes ?? []).filter((scope) => !granted.has(scope));
    if (missing.length > 0) {
      throw new OAuthProblem('permission_denied', {
        forbidden: true,
        advice: `This access token lacks the scope ${missing.join(' ')}`,
      });
    }
    await this.requests.spendNonce(request);
    await this.recordUse(request);
    return request;
  }

  /** oauth_body_hash, where the client sent one and the body is known (a form body cannot carry one: readForm). */
  private checkBodyHash(request: AuthenticatedRequest<'access'>, body: string | Buffer | undefined): void {
    const given = request.protocol.get(BODY_HASH_PARAMETER);
    if (given === undefined || body === undefined) return;
    if (!bodyHashMatches(request.signatureMethod, body, given)) {
      throw new OAuthProblem('signature_invalid', { advice: 'oauth_body_hash does not match the request body' });
    }
  }

  /** Use is stored at most once a minute per token (useToRecord), so that a resource call rarely writes. */
  private async recordUse({ token }: AuthenticatedRequest<'access'>): Promise<void> {
    const now = this.clock.now();
    if (useToRecord(token, now, this.config.accessTokenIdleSeconds))
      await this.accessTokens.recordUse(token.token, now);
  }
}

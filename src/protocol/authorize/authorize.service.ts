import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import { AccessTokenStore } from '../../tokens/access-token.store.js';
import { ConsumerDirectory } from '../../tokens/consumer-directory.js';
import { requestTokenStateOf, standingOf } from '../../tokens/lifecycle.js';
import type { RequestTokenState } from '../../tokens/lifecycle.js';
import type { RequestToken } from '../../tokens/request-token.entity.js';
import { RequestTokenStore } from '../../tokens/request-token.store.js';
import { ResourceOwnerCredentials } from '../../tokens/resource-owners.js';
import type { ResourceOwner } from '../../tokens/resource-owners.js';
import type { Verifier } from '../../tokens/verifier.entity.js';
import { VerifierStore } from '../../tokens/verifier.store.js';
import { OUT_OF_BAND } from '../callback-url.js';
import { coversRequest, isStillGranted } from '../owner/grants.js';
import { AuthorizePageError } from './authorize-page.filter.js';

/** A request token that may still be authorized, with what the resource owner is shown about it. */
export interface AuthorizationRequest {
  token: RequestToken;
  appName: string;
  developerName: string;
  developerEmail: string;
  scopes: string[];
  /** Undefined for an out-of-band ("oob") callback. */
  callback: URL | undefined;
}

/** Who records what the page does, in createdBy / lastModifiedBy. */
const ACTOR = 'oauth1.authorize';
// Longer values cannot be a token here.
const MAX_TOKEN_LENGTH = 255;

const START_AGAIN = 'Go back to the application and start again.';

const notFound = () =>
  new AuthorizePageError(404, 'Unknown authorization request', `This link is not valid. ${START_AGAIN}`);
const gone = (what: string) => new AuthorizePageError(410, `This authorization request ${what}`, START_AGAIN);

/** The page's dialect for a token that can no longer be authorized. */
const PAGE_ERROR_FOR_STATE: Record<Exclude<RequestTokenState, 'usable'>, () => AuthorizePageError> = {
  used: () => gone('was already completed'),
  revoked: () => gone('was cancelled'),
  expired: () => gone('has expired'),
};

@Injectable()
export class AuthorizeService {
  constructor(
    private readonly requestTokens: RequestTokenStore,
    private readonly verifiers: VerifierStore,
    private readonly accessTokens: AccessTokenStore,
    private readonly consumers: ConsumerDirectory,
    private readonly owners: ResourceOwnerCredentials,
    private readonly clock: Clock,
  ) {}

  /** The request token named by oauth_token, whatever its state: 400 without one, 404 when unknown. */
  async findToken(value: string | undefined | null): Promise<RequestToken> {
    if (!value) {
      throw new AuthorizePageError(400, 'No authorization request', `The link has no oauth_token. ${START_AGAIN}`);
    }
    const token = value.length <= MAX_TOKEN_LENGTH ? await this.requestTokens.find(value) : null;
    if (token === null) throw notFound();
    return token;
  }

  /** 410 for a token that existed but can no longer be authorized; 403 when its app may not ask any more. */
  async open(token: RequestToken): Promise<AuthorizationRequest> {
    const now = this.clock.now();
    const state = requestTokenStateOf(token, now);
    if (state !== 'usable') throw PAGE_ERROR_FOR_STATE[state]();
    const consumer = await this.consumers.find(token.consumerKey);
    if (consumer === undefined || standingOf(consumer, now) !== 'good') {
      throw new AuthorizePageError(403, 'This application may not ask for access', 'Its access has been suspended.');
    }
    return {
      token,
      appName: consumer.appName,
      developerName: consumer.developerName,
      developerEmail: consumer.developerEmail,
      scopes: token.scope.split(' ').filter((scope) => scope !== ''),
      callback: token.callbackUrl === OUT_OF_BAND ? undefined : new URL(token.callbackUrl),
    };
  }

  /** The active resource owner of the token's organization with that id and password, if there is one. */
  signIn(request: AuthorizationRequest, id: string, password: string): Promise<ResourceOwner | undefined> {
    return this.owners.signIn(request.token.organization, id, password);
  }

  /**
   * authenticate's rule (contract 1.2): the owner already holds an approved (or idle) access token for the same app
   * that covers what this request token asks for, so approving again needs no page.
   */
  async alreadyApproved(request: AuthorizationRequest, owner: ResourceOwner): Promise<boolean> {
    const now = this.clock.now();
    const granted = await this.accessTokens.listForOwner(request.token.organization, owner.id);
    return granted.some(
      ({ record }) =>
        record.appId === request.token.appId && isStillGranted(record, now) && coversRequest(record, request.token),
    );
  }

  approve(request: AuthorizationRequest, owner: ResourceOwner): Promise<Verifier> {
    return this.verifiers.issue(
      {
        organization: request.token.organization,
        requestToken: request.token.token,
        appUserId: owner.id,
        attributes: [],
      },
      ACTOR,
    );
  }

  async deny(request: AuthorizationRequest): Promise<void> {
    await this.requestTokens.update(request.token, { status: 'revoked' }, ACTOR);
  }
}

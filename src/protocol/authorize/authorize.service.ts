import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppUser } from '../../admin/appusers/app-user.entity.js';
import { Developer } from '../../admin/developers/developer.entity.js';
import { Clock } from '../../common/clock.js';
import { hashPassword, verifyPassword } from '../../common/password-hasher.js';
import { randomAlphanumeric } from '../../common/random.js';
import { hasExpired } from '../../tokens/expiry.js';
import type { RequestToken } from '../../tokens/request-token.entity.js';
import { RequestTokenStore } from '../../tokens/request-token.store.js';
import type { Verifier } from '../../tokens/verifier.entity.js';
import { VerifierStore } from '../../tokens/verifier.store.js';
import { OUT_OF_BAND } from '../callback-url.js';
import { ConsumerDirectory } from '../consumer-directory.js';
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
// Longer values cannot be a token or an account here; refusing them early keeps scrypt from hashing megabytes.
const MAX_TOKEN_LENGTH = 255;
const MAX_CREDENTIAL_LENGTH = 1024;

const START_AGAIN = 'Go back to the application and start again.';

const notFound = () =>
  new AuthorizePageError(404, 'Unknown authorization request', `This link is not valid. ${START_AGAIN}`);
const gone = (what: string) => new AuthorizePageError(410, `This authorization request ${what}`, START_AGAIN);

@Injectable()
export class AuthorizeService {
  /** A hash checked when the account does not exist, so that the answer takes as long as for a wrong password. */
  private decoyHash?: Promise<string>;

  constructor(
    private readonly requestTokens: RequestTokenStore,
    private readonly verifiers: VerifierStore,
    private readonly consumers: ConsumerDirectory,
    @InjectRepository(Developer) private readonly developers: Repository<Developer>,
    @InjectRepository(AppUser) private readonly appUsers: Repository<AppUser>,
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
    if (token.usedAt !== null) throw gone('was already completed');
    if (token.status !== 'approved') throw gone('was cancelled');
    if (hasExpired(token.expiresAt, this.clock.now())) throw gone('has expired');
    const consumer = await this.consumers.find(token.consumerKey);
    if (
      consumer === undefined ||
      consumer.credentialStatus !== 'approved' ||
      hasExpired(consumer.credentialExpiresAt, this.clock.now()) ||
      consumer.appStatus !== 'approved' ||
      consumer.developerStatus !== 'active'
    ) {
      throw new AuthorizePageError(403, 'This application may not ask for access', 'Its access has been suspended.');
    }
    const developer = await this.developers.findOneBy({
      organization: consumer.organization,
      email: consumer.developerEmail,
    });
    return {
      token,
      appName: consumer.appName,
      developerName: developer ? `${developer.firstName} ${developer.lastName}` : consumer.developerEmail,
      developerEmail: consumer.developerEmail,
      scopes: token.scope.split(' ').filter((scope) => scope !== ''),
      callback: token.callbackUrl === OUT_OF_BAND ? undefined : new URL(token.callbackUrl),
    };
  }

  /** The active resource owner of the token's organization with that id and password, if there is one. */
  async signIn(request: AuthorizationRequest, id: string, password: string): Promise<AppUser | undefined> {
    if (id === '' || id.length > MAX_CREDENTIAL_LENGTH || password.length > MAX_CREDENTIAL_LENGTH) return undefined;
    const user = await this.appUsers.findOneBy({ organization: request.token.organization, id });
    const valid = await verifyPassword(password, user?.passwordHash ?? (await this.decoy()));
    return valid && user?.status === 'active' ? user : undefined;
  }

  approve(request: AuthorizationRequest, owner: AppUser): Promise<Verifier> {
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

  private decoy(): Promise<string> {
    this.decoyHash ??= hashPassword(randomAlphanumeric(32));
    return this.decoyHash;
  }
}

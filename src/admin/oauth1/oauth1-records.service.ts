import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AppConfig } from '../../config/app-config.js';
import { AdminErrors } from '../../common/errors/apigee-error.js';
import type { AccessToken } from '../../tokens/access-token.entity.js';
import { AccessTokenStore } from '../../tokens/access-token.store.js';
import { requestTokenStateOf } from '../../tokens/lifecycle.js';
import type { RequestTokenState } from '../../tokens/lifecycle.js';
import type { RequestToken } from '../../tokens/request-token.entity.js';
import { RequestTokenStore } from '../../tokens/request-token.store.js';
import type { RecordChanges } from '../../tokens/record-changes.js';
import type { Verifier } from '../../tokens/verifier.entity.js';
import { VerifierStore } from '../../tokens/verifier.store.js';
import { isDatabaseUnavailable } from '../../database/unavailable.js';
import { approvalStatus } from '../admin-routes.js';
import type { ApprovalAction } from '../admin-routes.js';
import { AppsService, type AppOwnerRef } from '../apps/apps.service.js';
import { DeveloperApp } from '../apps/developer-app.entity.js';
import { Credential } from '../keys/credential.entity.js';
import { KeysService, type KeyPath } from '../keys/keys.service.js';
import {
  AccessTokenCountView,
  AccessTokenView,
  accessTokenView,
  CreateVerifierDto,
  RequestTokenView,
  requestTokenView,
  UpdateOAuth1RecordDto,
  VerifierView,
  verifierView,
} from './oauth1-records.dto.js';

/**
 * The admin API's dialect for a request token's state: Apigee shows an exchanged request token as gone (404), and a
 * verifier can only be created for a usable one.
 */
const VERIFIER_REFUSALS: Record<Exclude<RequestTokenState, 'usable' | 'used'>, string> = {
  revoked: 'The request token is revoked',
  expired: 'The request token has expired',
};

/** Contract 2.5: the OAuth 1.0a records of one organization; a record of another organization does not exist. */
@Injectable()
export class OAuth1RecordsService {
  constructor(
    private readonly requestTokens: RequestTokenStore,
    private readonly verifiers: VerifierStore,
    private readonly accessTokens: AccessTokenStore,
    @InjectRepository(DeveloperApp) private readonly apps: Repository<DeveloperApp>,
    @InjectRepository(Credential) private readonly credentials: Repository<Credential>,
    private readonly developerApps: AppsService,
    private readonly keys: KeysService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  // Request tokens

  async getRequestToken(org: string, token: string, consumerKey?: string): Promise<RequestTokenView> {
    const found = await this.readRequestToken(() => this.requestTokens.findInOrganizationWithApp(org, token));
    if (
      found === null ||
      this.isExchanged(found.record) ||
      (consumerKey !== undefined && found.record.consumerKey !== consumerKey)
    ) {
      throw AdminErrors.requestTokenNotFound();
    }
    if (found.app?.status !== 'approved') throw AdminErrors.applicationNotApproved();
    return requestTokenView(found.record, found.app.name, this.clock.now());
  }

  async deleteRequestToken(org: string, token: string): Promise<RequestTokenView> {
    const record = await this.findRequestToken(org, token);
    const view = await this.requestTokenViewOf(record);
    await this.requestTokens.delete(record.token);
    return view;
  }

  async setRequestTokenStatus(org: string, token: string, action: ApprovalAction, actor: string): Promise<void> {
    const record = await this.findRequestToken(org, token);
    await this.requestTokens.update(record, { status: approvalStatus(action) }, actor);
  }

  async updateRequestToken(
    org: string,
    token: string,
    changes: UpdateOAuth1RecordDto,
    actor: string,
  ): Promise<RequestTokenView> {
    const record = await this.findRequestToken(org, token);
    return this.requestTokenViewOf(await this.requestTokens.update(record, recordChanges(changes), actor));
  }

  // Verifiers

  /** How a provider's own login site records that a resource owner authorized a request token. */
  async createVerifier(org: string, body: CreateVerifierDto, actor: string): Promise<VerifierView> {
    const requestToken = await this.findRequestToken(org, body.requestToken);
    const app = await this.apps.findOneBy({ appId: requestToken.appId });
    if (app?.status !== 'approved') throw AdminErrors.applicationNotApproved();
    const state = requestTokenStateOf(requestToken, this.clock.now());
    if (state === 'revoked' || state === 'expired') throw AdminErrors.invalidRequest(VERIFIER_REFUSALS[state]);
    const verifier = await this.verifiers.issue(
      {
        organization: org,
        requestToken: requestToken.token,
        appUserId: body.appUserId,
        attributes: body.attributes ?? [],
      },
      actor,
    );
    return verifierView(verifier);
  }

  async getVerifier(org: string, code: string): Promise<VerifierView> {
    return verifierView(await this.findVerifier(org, code));
  }

  async deleteVerifier(org: string, code: string): Promise<VerifierView> {
    const verifier = await this.findVerifier(org, code);
    await this.verifiers.delete(verifier.code);
    return verifierView(verifier);
  }

  // Access tokens

  async getAccessToken(org: string, token: string): Promise<AccessTokenView> {
    return this.accessTokenViewOf(await this.findAccessToken(org, token));
  }

  async deleteAccessToken(org: string, token: string): Promise<AccessTokenView> {
    const record = await this.findAccessToken(org, token);
    const view = await this.accessTokenViewOf(record);
    await this.accessTokens.delete(record.token);
    return view;
  }

  async setAccessTokenStatus(org: string, token: string, action: ApprovalAction, actor: string): Promise<void> {
    const record = await this.findAccessToken(org, token);
    await this.accessTokens.update(record, { status: approvalStatus(action) }, actor);
  }

  async updateAccessToken(
    org: string,
    token: string,
    changes: UpdateOAuth1RecordDto,
    actor: string,
  ): Promise<AccessTokenView> {
    const record = await this.findAccessToken(org, token);
    return this.accessTokenViewOf(await this.accessTokens.update(record, recordChanges(changes), actor));
  }

  /** The developer is named by email or developerId, as on every …/developers/{developer}/apps path. */
  async countAccessTokensOfApp(org: string, owner: AppOwnerRef, appName: string): Promise<AccessTokenCountView> {
    const { app } = await this.developerApps.find(org, owner, appName);
    return { count: await this.accessTokens.countForApp(app.appId) };
  }

  async countAccessTokensOfKey(path: KeyPath): Promise<AccessTokenCountView> {
    const { credential } = await this.keys.find(path);
    return { count: await this.accessTokens.countForConsumerKey(credential.consumerKey) };
  }

  // Lookups

  /** A request token of the org not yet exchanged (and of that consumer key, when one is named). */
  private async findRequestToken(org: string, token: string): Promise<RequestToken> {
    const record = await this.readRequestToken(() => this.requestTokens.findInOrganization(org, token));
    if (record === null || this.isExchanged(record)) throw AdminErrors.requestTokenNotFound();
    return record;
  }

  /** A consumed request token is gone as far as anyone can tell. */
  private isExchanged(record: RequestToken): boolean {
    return requestTokenStateOf(record, this.clock.now()) === 'used';
  }

  private async readRequestToken<T>(read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      // An unreachable database is a 503 like anywhere else, not this read's own failure.
      if (isDatabaseUnavailable(error)) throw error;
      // The message only: a driver error's stack or parameters could carry a token. The error exit logs it with the
      // request's id.
      throw AdminErrors.requestTokenFetchFailed(
        `Reading a request token failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private async findVerifier(org: string, code: string): Promise<Verifier> {
    const verifier = await this.verifiers.findInOrganization(org, code);
    if (verifier === null) throw AdminErrors.verifierNotFound();
    return verifier;
  }

  private async findAccessToken(org: string, token: string): Promise<AccessToken> {
    const record = await this.accessTokens.findInOrganization(org, token);
    if (record === null) throw AdminErrors.accessTokenNotFound();
    return record;
  }

  private async appNameOf(appId: string): Promise<string> {
    return (await this.apps.findOneBy({ appId }))?.name ?? '';
  }

  private async requestTokenViewOf(record: RequestToken): Promise<RequestTokenView> {
    return requestTokenView(record, await this.appNameOf(record.appId), this.clock.now());
  }

  private async accessTokenViewOf(record: AccessToken): Promise<AccessTokenView> {
    const [appName, credential] = await Promise.all([
      this.appNameOf(record.appId),
      this.credentials.findOneBy({ consumerKey: record.consumerKey }),
    ]);
    const apiProducts = (credential?.apiProducts ?? [])
      .filter((product) => product.status === 'approved')
      .map((product) => product.apiproduct);
    return accessTokenView(record, appName, apiProducts, this.clock.now(), this.config.accessTokenIdleSeconds);
  }
}

function recordChanges(dto: UpdateOAuth1RecordDto): RecordChanges {
  return {
    ...(dto.attributes !== undefined && { attributes: dto.attributes.map(({ name, value }) => ({ name, value })) }),
    ...(dto.scope !== undefined && { scope: dto.scope }),
  };
}

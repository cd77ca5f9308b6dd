import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { And, DataSource, LessThan, MoreThan, Repository } from 'typeorm';
import { Clock } from '../common/clock.js';
import { randomAlphanumeric, TOKEN_LENGTH, TOKEN_SECRET_LENGTH } from '../common/random.js';
import { AppConfig } from '../config/app-config.js';
import { audit } from '../database/columns.js';
import { tokensIssued } from '../observability/metrics.js';
import { AccessToken } from './access-token.entity.js';
import { claimThen } from './claim-then.js';
import { expiryAfter, NEVER_EXPIRES } from './expiry.js';
import { RequestToken } from './request-token.entity.js';
import { applyRecordChanges } from './record-changes.js';
import type { RecordChanges } from './record-changes.js';
import { Verifier } from './verifier.entity.js';

/** Token credentials (RFC 5849 2.3). */
@Injectable()
export class AccessTokenStore {
  constructor(
    @InjectRepository(AccessToken) private readonly accessTokens: Repository<AccessToken>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * Exchanges a request token and its verifier for an access token, once: the request token is marked used and the
   * verifier deleted in the same transaction that stores the access token. Returns undefined when another exchange
   * of the same request token got there first.
   */
  async exchange(requestToken: RequestToken, verifier: Verifier, actor: string): Promise<AccessToken | undefined> {
    const now = this.clock.now();
    const record: AccessToken = {
      token: randomAlphanumeric(TOKEN_LENGTH),
      secret: randomAlphanumeric(TOKEN_SECRET_LENGTH),
      organization: requestToken.organization,
      consumerKey: requestToken.consumerKey,
      appId: requestToken.appId,
      appUserId: verifier.appUserId,
      scope: requestToken.scope,
      attributes: requestToken.attributes,
      status: 'approved',
      issuedAt: now,
      expiresAt: expiryAfter(now, this.config.accessTokenTtlSeconds),
      ...audit(actor, now),
    };
    const builder = () => this.dataSource.createQueryBuilder();
    const won = await claimThen(
      this.dataSource,
      builder()
        .update(RequestToken)
        .set({ usedAt: now })
        .where('token = :token AND "usedAt" IS NULL', { token: requestToken.token })
        .getQueryAndParameters(),
      [
        builder().delete().from(Verifier).where('code = :code', { code: verifier.code }).getQueryAndParameters(),
        builder().insert().into(AccessToken).values(record).getQueryAndParameters(),
      ],
    );
    if (!won) return undefined;
    tokensIssued.inc({ type: 'access' });
    return record;
  }

  find(token: string): Promise<AccessToken | null> {
    return this.accessTokens.findOneBy({ token });
  }

  findInOrganization(organization: string, token: string): Promise<AccessToken | null> {
    return this.accessTokens.findOneBy({ organization, token });
  }

  update(record: AccessToken, changes: RecordChanges, actor: string): Promise<AccessToken> {
    return applyRecordChanges(this.accessTokens, record, changes, actor, this.clock.now());
  }

  async delete(token: string): Promise<void> {
    await this.accessTokens.delete({ token });
  }

  countForApp(appId: string): Promise<number> {
    return this.accessTokens.countBy({ appId });
  }

  countForConsumerKey(consumerKey: string): Promise<number> {
    return this.accessTokens.countBy({ consumerKey });
  }

  /** Removes access tokens past their expiry (never those that do not expire); returns how many. */
  async purgeExpired(): Promise<number> {
    const result = await this.accessTokens.delete({
      expiresAt: And(MoreThan(NEVER_EXPIRES), LessThan(this.clock.now())),
    });
    return result.affected ?? 0;
  }
}

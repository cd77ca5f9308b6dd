import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThan, Repository } from 'typeorm';
import { Clock } from '../common/clock.js';
import { randomAlphanumeric, TOKEN_LENGTH, TOKEN_SECRET_LENGTH } from '../common/random.js';
import { AppConfig } from '../config/app-config.js';
import { audit } from '../database/columns.js';
import { tokensIssued } from '../observability/metrics.js';
import { RequestToken } from './request-token.entity.js';
import { applyRecordChanges } from './record-changes.js';
import type { RecordChanges } from './record-changes.js';

export interface NewRequestToken {
  organization: string;
  consumerKey: string;
  appId: string;
  /** An absolute URL, or "oob". */
  callbackUrl: string;
  /** Space-separated. */
  scope: string;
}

/** Temporary credentials (RFC 5849 2.1): issued by initiate, single use, short-lived. */
@Injectable()
export class RequestTokenStore {
  constructor(
    @InjectRepository(RequestToken) private readonly requestTokens: Repository<RequestToken>,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async issue(fields: NewRequestToken, actor: string): Promise<RequestToken> {
    const now = this.clock.now();
    const record: RequestToken = {
      ...fields,
      token: randomAlphanumeric(TOKEN_LENGTH),
      secret: randomAlphanumeric(TOKEN_SECRET_LENGTH),
      attributes: [],
      status: 'approved',
      issuedAt: now,
      expiresAt: now + this.config.requestTokenTtlSeconds * 1000,
      usedAt: null,
      ...audit(actor, now),
    };
    await this.requestTokens.insert(record);
    tokensIssued.inc({ type: 'request' });
    return record;
  }

  find(token: string): Promise<RequestToken | null> {
    return this.requestTokens.findOneBy({ token });
  }

  /** A token of that organization not yet exchanged: a consumed token is gone as far as anyone can tell. */
  findUnused(organization: string, token: string): Promise<RequestToken | null> {
    return this.requestTokens.findOneBy({ organization, token, usedAt: IsNull() });
  }

  update(record: RequestToken, changes: RecordChanges, actor: string): Promise<RequestToken> {
    return applyRecordChanges(this.requestTokens, record, changes, actor, this.clock.now());
  }

  async delete(token: string): Promise<void> {
    await this.requestTokens.delete({ token });
  }

  /** Removes tokens past their expiry, used or not; returns how many. */
  async purgeExpired(): Promise<number> {
    const result = await this.requestTokens.delete({ expiresAt: LessThan(this.clock.now()) });
    return result.affected ?? 0;
  }
}

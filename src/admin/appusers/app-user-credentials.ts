import { createHmac } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { hashPassword, verifyPassword } from '../../common/password-hasher.js';
import { randomAlphanumeric } from '../../common/random.js';
import { ResourceOwnerCredentials } from '../../tokens/resource-owners.js';
import type { OwnerSessionKey, ResourceOwner } from '../../tokens/resource-owners.js';
import { AppUser } from './app-user.entity.js';

// Longer values cannot be an account here; refusing them early keeps scrypt from hashing megabytes.
const MAX_CREDENTIAL_LENGTH = 1024;
const SESSION_KEY_PURPOSE = 'oauth1-owner-session-key';

/** The authorize page's sign-in, over the app users of contract 2.6. */
@Injectable()
export class AppUserCredentials extends ResourceOwnerCredentials {
  /** A hash checked when the account does not exist, so that the answer takes as long as for a wrong password. */
  private decoyHash?: Promise<string>;

  constructor(@InjectRepository(AppUser) private readonly appUsers: Repository<AppUser>) {
    super();
  }

  async signIn(organization: string, id: string, password: string): Promise<ResourceOwner | undefined> {
    if (id === '' || id.length > MAX_CREDENTIAL_LENGTH || password.length > MAX_CREDENTIAL_LENGTH) return undefined;
    const user = await this.appUsers.findOneBy({ organization, id });
    const valid = await verifyPassword(password, user?.passwordHash ?? (await this.decoy()));
    if (!valid || user?.status !== 'active') return undefined;
    return { organization: user.organization, id: user.id, displayName: user.displayName };
  }

  async sessionKey(organization: string, id: string): Promise<OwnerSessionKey | undefined> {
    if (id === '' || id.length > MAX_CREDENTIAL_LENGTH) return undefined;
    const user = await this.appUsers.findOneBy({ organization, id });
    if (user?.status !== 'active') return undefined;
    return {
      owner: { organization: user.organization, id: user.id, displayName: user.displayName },
      key: createHmac('sha256', user.passwordHash).update(SESSION_KEY_PURPOSE).digest(),
    };
  }

  private decoy(): Promise<string> {
    this.decoyHash ??= hashPassword(randomAlphanumeric(32));
    return this.decoyHash;
  }
}

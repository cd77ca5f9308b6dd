import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AppConfig } from '../../config/app-config.js';
import { AdminErrors } from '../../common/errors/apigee-error.js';
import { hashPassword } from '../../common/password-hasher.js';
import { preparedDatabase } from '../../database/prepared.js';
import { AccessTokenStore } from '../../tokens/access-token.store.js';
import { VerifierStore } from '../../tokens/verifier.store.js';
import { createdStamp, modifiedStamp } from '../audit.js';
import { AppUser } from './app-user.entity.js';
import {
  appUserAccessTokenView,
  AppUserAccessTokenView,
  appUserView,
  AppUserView,
  CreateAppUserDto,
  UpdateAppUserDto,
} from './appusers.dto.js';
import { type Page, pageOptions } from '../paging.js';

@Injectable()
export class AppUsersService {
  constructor(
    @InjectRepository(AppUser) private readonly users: Repository<AppUser>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly verifiers: VerifierStore,
    private readonly accessTokens: AccessTokenStore,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async listIds(org: string, page: Page): Promise<string[]> {
    const options = pageOptions<AppUser>('id', page, { organization: org });
    return (await this.users.find({ select: { id: true }, ...options })).map((user) => user.id);
  }

  async listViews(org: string, page: Page): Promise<AppUserView[]> {
    return (await this.users.find(pageOptions<AppUser>('id', page, { organization: org }))).map(appUserView);
  }

  async get(org: string, id: string): Promise<AppUserView> {
    return appUserView(await this.find(org, id));
  }

  async create(org: string, body: CreateAppUserDto, actor: string): Promise<AppUserView> {
    if (await this.users.existsBy({ organization: org, id: body.id })) throw AdminErrors.appUserExists(body.id);
    const user = this.users.create({
      organization: org,
      id: body.id,
      displayName: body.displayName ?? body.id,
      passwordHash: await hashPassword(body.password),
      status: body.status ?? 'active',
      ...createdStamp(actor, this.clock.now()),
    });
    await this.users.insert(user);
    return appUserView(user);
  }

  async update(org: string, id: string, body: UpdateAppUserDto, actor: string): Promise<AppUserView> {
    const user = await this.find(org, id);
    if (body.id !== undefined && body.id !== user.id) {
      throw AdminErrors.invalidRequest(`id ${body.id} does not match the app user ${user.id}`);
    }
    const changes: Partial<AppUser> = {
      displayName: body.displayName ?? user.displayName,
      status: body.status ?? user.status,
      ...modifiedStamp(actor, this.clock.now()),
    };
    if (body.password !== undefined) changes.passwordHash = await hashPassword(body.password);
    await this.users.update({ organization: org, id: user.id }, changes);
    return appUserView({ ...user, ...changes });
  }

  /** Also deletes what the user authorized (verifiers, access tokens): a deleted owner grants nothing. */
  async delete(org: string, id: string): Promise<AppUserView> {
    const user = await this.find(org, id);
    await preparedDatabase(this.dataSource).executeAtomically([
      this.verifiers.deletionForAppUser(org, user.id),
      this.accessTokens.deletionForAppUser(org, user.id),
      this.dataSource
        .createQueryBuilder()
        .delete()
        .from(AppUser)
        .where({ organization: org, id: user.id })
        .getQueryAndParameters(),
    ]);
    return appUserView(user);
  }

  /** Every access token the user granted, whatever its state, oldest first. */
  async listAccessTokens(org: string, id: string): Promise<AppUserAccessTokenView[]> {
    const user = await this.find(org, id);
    const now = this.clock.now();
    const idleSeconds = this.config.accessTokenIdleSeconds;
    return (await this.accessTokens.listForOwner(org, user.id)).map((token) =>
      appUserAccessTokenView(token, now, idleSeconds),
    );
  }

  /** Revokes every approved access token the user granted, as the connections page does for one app. */
  async revokeAccessTokens(org: string, id: string, actor: string): Promise<void> {
    const user = await this.find(org, id);
    await this.accessTokens.revokeForOwner(org, user.id, actor);
  }

  private async find(org: string, id: string): Promise<AppUser> {
    const user = await this.users.findOneBy({ organization: org, id });
    if (!user) throw AdminErrors.appUserNotFound(id);
    return user;
  }
}

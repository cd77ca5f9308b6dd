import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import { AccessTokenStore } from '../../tokens/access-token.store.js';
import { ResourceOwnerCredentials } from '../../tokens/resource-owners.js';
import type { ResourceOwner } from '../../tokens/resource-owners.js';
import type { Connection } from './connections-page.js';
import { isStillGranted } from './grants.js';

/** Who records what the connections page does, in lastModifiedBy. */
const ACTOR = 'oauth1.connections';

/** The apps holding access for a resource owner (contract 1.2 "connections"), one entry per app. */
@Injectable()
export class ConnectionsService {
  constructor(
    private readonly accessTokens: AccessTokenStore,
    private readonly owners: ResourceOwnerCredentials,
    private readonly clock: Clock,
  ) {}

  signIn(organization: string, id: string, password: string): Promise<ResourceOwner | undefined> {
    return this.owners.signIn(organization, id, password);
  }

  /** Every app that holds an approved (or idle) access token of the owner, in the order they were first granted. */
  async list(owner: ResourceOwner): Promise<Connection[]> {
    const now = this.clock.now();
    const connections = new Map<string, Connection>();
    for (const { record, app } of await this.accessTokens.listForOwner(owner.organization, owner.id)) {
      if (!isStillGranted(record, now)) continue;
      const scopes = record.scope.split(' ').filter((scope) => scope !== '');
      const known = connections.get(record.appId);
      if (known === undefined) {
        connections.set(record.appId, {
          appId: record.appId,
          appName: app?.name ?? record.consumerKey,
          developerName: app?.developerName ?? '',
          developerEmail: app?.developerEmail ?? '',
          scopes,
          accessType: record.accessType,
          grantedAt: record.issuedAt,
          lastUsedAt: record.lastUsedAt,
        });
        continue;
      }
      known.scopes = [...new Set([...known.scopes, ...scopes])];
      if (record.accessType === 'write') known.accessType = 'write';
      known.grantedAt = Math.max(known.grantedAt, record.issuedAt);
      if (record.lastUsedAt !== null && record.lastUsedAt > (known.lastUsedAt ?? -1)) {
        known.lastUsedAt = record.lastUsedAt;
      }
    }
    return [...connections.values()];
  }

  /** Revokes every access token of the owner for that app; the app's name when it held any. */
  async revoke(owner: ResourceOwner, appId: string): Promise<string | undefined> {
    const connection = (await this.list(owner)).find((candidate) => candidate.appId === appId);
    if (connection === undefined) return undefined;
    await this.accessTokens.revokeForOwner(owner.organization, owner.id, ACTOR, appId);
    return connection.appName;
  }
}

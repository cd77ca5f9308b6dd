import { EntityManager, In } from 'typeorm';
import { AccessToken } from '../../tokens/access-token.entity.js';
import { RequestToken } from '../../tokens/request-token.entity.js';
import { Verifier } from '../../tokens/verifier.entity.js';
import { DeveloperApp } from '../apps/developer-app.entity.js';
import { Credential } from './credential.entity.js';

type IssuedTo = { appIds: string[] } | { consumerKey: string };

/**
 * Deletes the OAuth records issued to some apps or to one consumer key: request tokens, their verifiers and access
 * tokens. Verifiers carry no app or key, so they are found through their request token, in one subquery.
 */
export async function deleteIssuedRecords(manager: EntityManager, issuedTo: IssuedTo): Promise<void> {
  if ('appIds' in issuedTo && issuedTo.appIds.length === 0) return;
  const where = 'appIds' in issuedTo ? { appId: In(issuedTo.appIds) } : { consumerKey: issuedTo.consumerKey };
  const requestTokens = manager.createQueryBuilder(RequestToken, 'issued').select('issued.token').where(where);
  await manager
    .createQueryBuilder()
    .delete()
    .from(Verifier)
    // TypeORM quotes the Verifier property name for PostgreSQL.
    .where(`requestToken IN (${requestTokens.getQuery()})`)
    .setParameters(requestTokens.getParameters())
    .execute();
  await manager.delete(RequestToken, where);
  await manager.delete(AccessToken, where);
}

/** Deletes apps with their credentials and everything issued to them; run inside the caller's transaction. */
export async function deleteAppsAndKeys(manager: EntityManager, appIds: string[]): Promise<void> {
  if (appIds.length === 0) return;
  await deleteIssuedRecords(manager, { appIds });
  await manager.delete(Credential, { appId: In(appIds) });
  await manager.delete(DeveloperApp, { appId: In(appIds) });
}

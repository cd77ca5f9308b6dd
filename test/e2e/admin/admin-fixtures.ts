import { expect } from '@jest/globals';
import { DataSource, In } from 'typeorm';
import { AccessToken } from '../../../src/tokens/access-token.entity.js';
import { RequestToken } from '../../../src/tokens/request-token.entity.js';
import { Verifier } from '../../../src/tokens/verifier.entity.js';
import { ADMIN_AUTH, basic, ORG, TestApp } from '../../support/test-app.js';

/** Who calls in the access tests: an orgadmin of another org only, and a readonlyadmin of ORG. */
export interface AccessFixtures {
  otherOrg: string;
  otherOrgAdminAuth: string;
  readonlyAuth: string;
}

const PASSWORD = 'fixture-password-1';

async function createUser(t: TestApp, emailId: string): Promise<string> {
  const response = await t
    .http()
    .post('/v1/users')
    .set('Authorization', ADMIN_AUTH)
    .send({ emailId, firstName: 'Test', lastName: 'User', password: PASSWORD });
  expect(response.status).toBe(201);
  return basic(emailId, PASSWORD);
}

async function grant(t: TestApp, org: string, role: string, email: string): Promise<void> {
  const response = await t
    .http()
    .post(`/v1/o/${org}/userroles/${role}/users?id=${email}`)
    .set('Authorization', ADMIN_AUTH);
  expect(response.status).toBe(201);
}

/** Creates another org (`name`) with its own orgadmin, and a readonlyadmin of ORG. */
export async function createAccessFixtures(t: TestApp, name: string): Promise<AccessFixtures> {
  const org = await t.http().post('/v1/organizations').set('Authorization', ADMIN_AUTH).send({ name });
  expect(org.status).toBe(201);
  const otherOrgAdminAuth = await createUser(t, `admin@${name}.example.com`);
  await grant(t, name, 'orgadmin', `admin@${name}.example.com`);
  const readonlyAuth = await createUser(t, `readonly-${name}@example.com`);
  await grant(t, ORG, 'readonlyadmin', `readonly-${name}@example.com`);
  return { otherOrg: name, otherOrgAdminAuth, readonlyAuth };
}

export interface IssuedRecords {
  requestToken: string;
  verifier: string;
  accessToken: string;
}

let sequence = 0;

/** A request token, its verifier and an access token issued to a key, as the OAuth flow would store them. */
export async function seedIssuedRecords(
  t: TestApp,
  issuedTo: { appId: string; consumerKey: string; appUserId?: string; org?: string },
): Promise<IssuedRecords> {
  const manager = t.app.get(DataSource).manager;
  const suffix = `${Date.now().toString(36)}${(sequence++).toString(36)}`;
  const records = { requestToken: `rt${suffix}`, verifier: `vf${suffix}`, accessToken: `at${suffix}` };
  const now = t.clock.now();
  const organization = issuedTo.org ?? ORG;
  const appUserId = issuedTo.appUserId ?? 'owner';
  const audited = { createdAt: now, createdBy: 'test', lastModifiedAt: now, lastModifiedBy: 'test' };
  await manager.insert(RequestToken, {
    ...audited,
    token: records.requestToken,
    organization,
    consumerKey: issuedTo.consumerKey,
    appId: issuedTo.appId,
    secret: 'secret',
    callbackUrl: 'oob',
    scope: '',
    attributes: [],
    status: 'approved',
    issuedAt: now,
    expiresAt: now + 300_000,
    usedAt: null,
  });
  await manager.insert(Verifier, {
    ...audited,
    code: records.verifier,
    organization,
    requestToken: records.requestToken,
    appUserId,
    attributes: [],
    issuedAt: now,
    expiresAt: now + 300_000,
  });
  await manager.insert(AccessToken, {
    ...audited,
    token: records.accessToken,
    organization,
    consumerKey: issuedTo.consumerKey,
    appId: issuedTo.appId,
    appUserId,
    secret: 'secret',
    scope: '',
    attributes: [],
    status: 'approved',
    issuedAt: now,
    expiresAt: -1,
  });
  return records;
}

/** How many of the seeded records are still stored, by kind. */
export async function remainingRecords(
  t: TestApp,
  records: IssuedRecords[],
): Promise<{ requestTokens: number; verifiers: number; accessTokens: number }> {
  const manager = t.app.get(DataSource).manager;
  const [requestTokens, verifiers, accessTokens] = await Promise.all([
    manager.countBy(RequestToken, { token: In(records.map((record) => record.requestToken)) }),
    manager.countBy(Verifier, { code: In(records.map((record) => record.verifier)) }),
    manager.countBy(AccessToken, { token: In(records.map((record) => record.accessToken)) }),
  ]);
  return { requestTokens, verifiers, accessTokens };
}

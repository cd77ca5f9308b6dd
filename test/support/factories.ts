import { expect } from '@jest/globals';
import { ADMIN_AUTH, ORG, TestApp } from './test-app.js';

/** Records made through the admin API, as an administrator would with curl. */

export interface CredentialJson {
  consumerKey: string;
  consumerSecret: string;
  status: string;
  apiProducts: Array<{ apiproduct: string; status: string }>;
  [field: string]: unknown;
}

export interface AppJson {
  appId: string;
  name: string;
  /** A developer app's owner; a company app has companyName instead. */
  developerId?: string;
  callbackUrl?: string;
  status: string;
  credentials: CredentialJson[];
  [field: string]: unknown;
}

let sequence = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(sequence++).toString(36)}`;

export async function createDeveloper(
  t: TestApp,
  fields: Partial<{ email: string; firstName: string; lastName: string; userName: string }> = {},
  org = ORG,
): Promise<{ email: string; developerId: string; [field: string]: unknown }> {
  const name = unique('dev');
  const response = await t
    .http()
    .post(`/v1/o/${org}/developers`)
    .set('Authorization', ADMIN_AUTH)
    .send({ email: `${name}@example.com`, firstName: 'Ada', lastName: 'Lovelace', userName: name, ...fields });
  expect(response.status).toBe(201);
  return response.body;
}

export async function createApiProduct(
  t: TestApp,
  fields: Partial<{ name: string; scopes: string[]; approvalType: 'auto' | 'manual' }> = {},
  org = ORG,
): Promise<{ name: string; scopes: string[]; [field: string]: unknown }> {
  const name = fields.name ?? unique('product');
  const response = await t
    .http()
    .post(`/v1/o/${org}/apiproducts`)
    .set('Authorization', ADMIN_AUTH)
    .send({ displayName: name, approvalType: 'auto', scopes: [], ...fields, name });
  expect(response.status).toBe(201);
  return response.body;
}

export async function createCompany(
  t: TestApp,
  fields: Partial<{ name: string; displayName: string }> = {},
  org = ORG,
): Promise<{ name: string; [field: string]: unknown }> {
  const response = await t
    .http()
    .post(`/v1/o/${org}/companies`)
    .set('Authorization', ADMIN_AUTH)
    .send({ name: unique('company'), ...fields });
  expect(response.status).toBe(201);
  return response.body;
}

export async function createDeveloperApp(
  t: TestApp,
  developerEmail: string,
  fields: Partial<{ name: string; callbackUrl: string; apiProducts: string[]; scopes: string[] }> = {},
  org = ORG,
): Promise<AppJson> {
  const response = await t
    .http()
    .post(`/v1/o/${org}/developers/${developerEmail}/apps`)
    .set('Authorization', ADMIN_AUTH)
    .send({ name: unique('app'), ...fields });
  expect(response.status).toBe(201);
  return response.body;
}

export async function createCompanyApp(
  t: TestApp,
  company: string,
  fields: Partial<{ name: string; callbackUrl: string; apiProducts: string[]; scopes: string[] }> = {},
  org = ORG,
): Promise<AppJson> {
  const response = await t
    .http()
    .post(`/v1/o/${org}/companies/${company}/apps`)
    .set('Authorization', ADMIN_AUTH)
    .send({ name: unique('app'), ...fields });
  expect(response.status).toBe(201);
  return response.body;
}

export async function createAppUser(
  t: TestApp,
  fields: Partial<{ id: string; displayName: string; password: string }> = {},
  org = ORG,
): Promise<{ id: string; password: string }> {
  const id = fields.id ?? unique('owner');
  const password = fields.password ?? 'owner-password-1';
  const response = await t
    .http()
    .post(`/v1/o/${org}/appusers`)
    .set('Authorization', ADMIN_AUTH)
    .send({ displayName: 'Resource Owner', ...fields, id, password });
  expect(response.status).toBe(201);
  return { id, password };
}

/** A developer with one app (and its generated credential), ready for the OAuth flow. */
export async function createConsumer(
  t: TestApp,
  appFields: Parameters<typeof createDeveloperApp>[2] = {},
  org = ORG,
): Promise<{ developerEmail: string; app: AppJson; consumerKey: string; consumerSecret: string }> {
  const developer = await createDeveloper(t, {}, org);
  const app = await createDeveloperApp(t, developer.email, appFields, org);
  const [credential] = app.credentials;
  return {
    developerEmail: developer.email,
    app,
    consumerKey: credential.consumerKey,
    consumerSecret: credential.consumerSecret,
  };
}

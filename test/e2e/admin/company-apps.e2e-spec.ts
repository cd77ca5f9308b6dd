import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createApiProduct, createCompany, createCompanyApp, createDeveloper } from '../../support/factories.js';
import { ADMIN_AUTH, ADMIN_EMAIL, ORG, startTestApp, TestApp } from '../../support/test-app.js';
import { AccessFixtures, createAccessFixtures, remainingRecords, seedIssuedRecords } from './admin-fixtures.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KEY_FORMAT = /^[A-Za-z0-9]{32}$/;

describe('company apps and their keys', () => {
  let t: TestApp;
  let access: AccessFixtures;
  let company: string;
  let product: string;
  const apps = () => `/v1/o/${ORG}/companies/${company}/apps`;

  beforeAll(async () => {
    t = await startTestApp();
    access = await createAccessFixtures(t, 'globex');
    company = (await createCompany(t, { name: 'acme-partners' })).name;
    product = (await createApiProduct(t, { name: 'partner-api', approvalType: 'auto' })).name;
  });
  afterAll(() => t.close());

  const get = (path: string) => t.http().get(path).set('Authorization', ADMIN_AUTH);
  const post = (path: string) => t.http().post(path).set('Authorization', ADMIN_AUTH);
  const put = (path: string) => t.http().put(path).set('Authorization', ADMIN_AUTH);
  const del = (path: string) => t.http().delete(path).set('Authorization', ADMIN_AUTH);

  it('creates a company app with one generated key, naming the company instead of a developer', async () => {
    const response = await post(apps()).send({
      name: 'portal',
      callbackUrl: 'https://partner.example.com/callback',
      scopes: ['read'],
      apiProducts: [product],
    });
    expect(response.status).toBe(201);
    const now = t.clock.now();
    expect(response.body).toEqual({
      appId: expect.stringMatching(UUID),
      name: 'portal',
      companyName: company,
      appFamily: 'default',
      callbackUrl: 'https://partner.example.com/callback',
      status: 'approved',
      attributes: [],
      scopes: ['read'],
      credentials: [
        {
          consumerKey: expect.stringMatching(KEY_FORMAT),
          consumerSecret: expect.stringMatching(KEY_FORMAT),
          status: 'approved',
          issuedAt: now,
          expiresAt: -1,
          scopes: ['read'],
          attributes: [],
          apiProducts: [{ apiproduct: product, status: 'approved' }],
        },
      ],
      createdAt: now,
      createdBy: ADMIN_EMAIL,
      lastModifiedAt: now,
      lastModifiedBy: ADMIN_EMAIL,
    });
    expect((await get(`${apps()}/portal`)).body).toEqual(response.body);
    expect((await get(`/v1/organizations/${ORG}/companies/${company}/apps/portal`)).body).toEqual(response.body);
    expect((await get(apps())).body).toContain('portal');
    expect((await get(`${apps()}?expand=true`)).body.app).toContainEqual(response.body);
    expect((await get(`/v1/o/${ORG}/companies/${company}`)).body.apps).toContain('portal');
  });

  it('keeps company and developer app names apart: a developer may have an app of the same name', async () => {
    await createCompanyApp(t, company, { name: 'shared-name' });
    const developer = await createDeveloper(t);
    const developerApp = await post(`/v1/o/${ORG}/developers/${developer.email}/apps`).send({ name: 'shared-name' });
    expect(developerApp.status).toBe(201);
    expect(developerApp.body.developerId).toBe(developer.developerId);
    expect(developerApp.body.companyName).toBeUndefined();
    expect((await get(`/v1/o/${ORG}/developers/${developer.email}`)).body.apps).toEqual(['shared-name']);
    const again = await post(apps()).send({ name: 'shared-name' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('developer.service.AppAlreadyExists');
  });

  it('updates, revokes and approves a company app', async () => {
    await createCompanyApp(t, company, { name: 'changing' });
    const updated = await put(`${apps()}/changing`).send({ callbackUrl: 'https://new.example.com/cb', scopes: ['x'] });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ companyName: company, callbackUrl: 'https://new.example.com/cb' });
    expect((await post(`${apps()}/changing?action=revoke`)).status).toBe(204);
    expect((await get(`${apps()}/changing`)).body.status).toBe('revoked');
    expect((await post(`${apps()}/changing?action=approve`)).status).toBe(204);
    expect((await get(`${apps()}/changing`)).body.status).toBe('approved');
  });

  it('answers 404 CompanyDoesNotExist for an unknown company and AppDoesNotExist for an unknown app', async () => {
    const noCompany = await get(`/v1/o/${ORG}/companies/nobody/apps`);
    expect(noCompany.status).toBe(404);
    expect(noCompany.body.code).toBe('developer.service.CompanyDoesNotExist');
    const noApp = await get(`${apps()}/nothing`);
    expect(noApp.status).toBe(404);
    expect(noApp.body).toEqual({
      code: 'developer.service.AppDoesNotExist',
      message: `App named nothing does not exist under ${company}`,
      contexts: [],
    });
  });

  it("manages a company app's keys as a developer app's: import, read, products, approve, revoke, delete", async () => {
    const app = await createCompanyApp(t, company, { name: 'keyed' });
    const keys = `${apps()}/keyed/keys`;
    const imported = await post(`${keys}/create`).send({
      consumerKey: 'partnerKey0001',
      consumerSecret: 'partnerSecret01',
    });
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ consumerKey: 'partnerKey0001', status: 'approved', apiProducts: [] });
    expect((await get(`${keys}/partnerKey0001`)).body).toEqual(imported.body);
    const withProduct = await post(`${keys}/partnerKey0001`).send({ apiProducts: [product] });
    expect(withProduct.status).toBe(200);
    expect(withProduct.body.apiProducts).toEqual([{ apiproduct: product, status: 'approved' }]);
    expect((await post(`${keys}/partnerKey0001/apiproducts/${product}?action=revoke`)).status).toBe(204);
    expect((await get(`${keys}/partnerKey0001`)).body.apiProducts).toEqual([
      { apiproduct: product, status: 'revoked' },
    ]);
    const removed = await del(`${keys}/partnerKey0001/apiproducts/${product}`);
    expect(removed.status).toBe(200);
    expect(removed.body.apiProducts).toEqual([]);
    expect((await post(`${keys}/partnerKey0001?action=revoke`)).status).toBe(204);
    expect((await get(`${keys}/partnerKey0001`)).body.status).toBe('revoked');
    expect((await del(`${keys}/partnerKey0001`)).status).toBe(200);
    expect((await get(`${keys}/partnerKey0001`)).body.code).toBe('keymanagement.service.InvalidClientIdForGivenApp');
    const generated = app.credentials[0].consumerKey;
    expect((await get(`${keys}/${generated}`)).status).toBe(200);
  });

  it("adds a generated key to a company app with apiProducts and keyExpiresIn, and sets a key's scopes within its products'", async () => {
    const scoped = (await createApiProduct(t, { name: 'scoped-api', scopes: ['read', 'write'] })).name;
    await post(apps()).send({ name: 'rekeyed' });
    // Keys are listed by issuedAt: the new one a second after the app's first.
    t.clock.advance(1000);
    const before = t.clock.now();
    const added = await post(`${apps()}/rekeyed`).send({ apiProducts: [scoped], keyExpiresIn: 60_000 });
    expect(added.status).toBe(200);
    expect(added.body.credentials).toHaveLength(2);
    const fresh = added.body.credentials[1];
    expect(fresh).toMatchObject({
      apiProducts: [{ apiproduct: scoped, status: 'approved' }],
      expiresAt: before + 60_000,
    });

    const keyPath = `${apps()}/rekeyed/keys/${fresh.consumerKey}`;
    const narrowed = await put(keyPath).send({ scopes: ['read'] });
    expect(narrowed.status).toBe(200);
    expect(narrowed.body.scopes).toEqual(['read']);
    const refused = await put(keyPath).send({ scopes: ['admin'] });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('keymanagement.service.InvalidScopes');
    expect((await get(keyPath)).body.scopes).toEqual(['read']);
  });

  it("answers 404 InvalidClientIdForGivenApp for a developer app's key on a company app's path", async () => {
    await createCompanyApp(t, company, { name: 'strict-keys' });
    const developer = await createDeveloper(t);
    const developerApp = await post(`/v1/o/${ORG}/developers/${developer.email}/apps`).send({ name: 'mine' });
    const key = developerApp.body.credentials[0].consumerKey as string;
    const response = await get(`${apps()}/strict-keys/keys/${key}`);
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('keymanagement.service.InvalidClientIdForGivenApp');
  });

  it('renders a company app as <App name="…"> with its CompanyName in XML', async () => {
    await createCompanyApp(t, company, { name: 'xml-app' });
    const response = await get(`${apps()}/xml-app`).set('Accept', 'application/xml');
    expect(response.status).toBe(200);
    expect(response.text).toContain(`<App name="xml-app">`);
    expect(response.text).toContain(`<CompanyName>${company}</CompanyName>`);
    expect(response.text).not.toContain('<DeveloperId>');
  });

  it('deletes the company with its apps, their keys and the OAuth records issued to them', async () => {
    const doomed = (await createCompany(t, { name: 'doomed' })).name;
    const app = await createCompanyApp(t, doomed, { name: 'doomed-app' });
    const records = await seedIssuedRecords(t, { appId: app.appId, consumerKey: app.credentials[0].consumerKey });
    expect((await del(`/v1/o/${ORG}/companies/${doomed}`)).body.apps).toEqual(['doomed-app']);
    expect(await remainingRecords(t, [records])).toEqual({ requestTokens: 0, verifiers: 0, accessTokens: 0 });
    await post(`/v1/o/${ORG}/companies`).send({ name: doomed });
    expect((await get(`/v1/o/${ORG}/companies/${doomed}/apps`)).body).toEqual([]);
  });

  it('deletes one company app with its keys', async () => {
    const app = await createCompanyApp(t, company, { name: 'one-off' });
    const deleted = await del(`${apps()}/one-off`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.appId).toBe(app.appId);
    expect((await get(`${apps()}/one-off`)).status).toBe(404);
    expect((await get(`${apps()}/one-off/keys/${app.credentials[0].consumerKey}`)).status).toBe(404);
  });

  it('answers 403 to a readonlyadmin on writes and to another org, whose own company of that name is separate', async () => {
    await createCompanyApp(t, company, { name: 'guarded' });
    const readonly = access.readonlyAuth;
    expect((await t.http().get(`${apps()}/guarded`).set('Authorization', readonly)).status).toBe(200);
    expect((await t.http().post(apps()).set('Authorization', readonly).send({ name: 'ro' })).status).toBe(403);
    expect((await t.http().delete(`${apps()}/guarded`).set('Authorization', readonly)).status).toBe(403);
    const other = access.otherOrgAdminAuth;
    expect((await t.http().get(`${apps()}/guarded`).set('Authorization', other)).status).toBe(403);
    await createCompany(t, { name: company }, access.otherOrg);
    const theirs = await t.http().get(`/v1/o/${access.otherOrg}/companies/${company}/apps`).set('Authorization', other);
    expect(theirs.status).toBe(200);
    expect(theirs.body).toEqual([]);
    expect((await get(`${apps()}/guarded`)).status).toBe(200);
  });
});
